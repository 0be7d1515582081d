#!/usr/bin/env bash
# Holds the compile-check stubs against the upstream sources at exactly the versions they mirror (the tags named in
# each stub's header), with the project's StubCheck (src/test/java/.../check/stubcheck/StubCheck.java, run as a
# source-file program): kinds, supertypes, signatures, throws clauses, visibility, static, abstract and final.
# A manual step: it needs the git mirrors that the search tool's fetch brings (jenkinsci/jenkins, credentials-plugin,
# credentials-binding-plugin, workflow-step-api-plugin, workflow-api-plugin, stapler, lib-symbol-annotation; for
# src/stubs/test-harness also jenkins-test-harness, workflow-job-plugin, workflow-cps-plugin, cloudbees-folder-plugin,
# configuration-as-code-plugin and HtmlUnit/htmlunit), which CI does not have.
# usage: MIRROR=/work/.mirror jenkins-plugin/compile-check/stubcheck.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirror=${MIRROR:?set MIRROR to the folder holding the fetched snapshots (owner+name/repo)}
tool=$here/src/test/java/io/jenkins/plugins/jiraaccess/check/stubcheck/StubCheck.java
jp=$("$here/javaparser.sh")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# repo tag path-inside-repo (repo is jenkinsci/<repo> unless it names its owner: HtmlUnit/htmlunit)
pinned() {
  local repo=$1 tag=$2 path=$3 owner=jenkinsci name=$1
  case $repo in */*) owner=${repo%%/*}; name=${repo#*/} ;; esac
  local g="$mirror/$owner+$name/repo"
  [ -d "$g" ] || { echo "no mirror of $owner/$name: fetch it first" >&2; exit 2; }
  mkdir -p "$work/$owner+$name"
  git --git-dir="$g" archive "$tag" "$path" | tar x -C "$work/$owner+$name"
  echo "$work/$owner+$name"
}
jenkins_roots=(
  "$(pinned jenkins jenkins-2.479.3 core/src/main/java)"
  "$(pinned credentials-plugin 1415.v831096eb_5534 src/main/java)"
  "$(pinned credentials-binding-plugin 696.v256688029804 src/main/java)"
  "$(pinned workflow-step-api-plugin 704.ve4f0967e98fa_ src/main/java)"
  "$(pinned workflow-api-plugin 1373.v7b_813f10efa_b_ src/main/java)"
)
library_roots=(
  "$(pinned stapler 1903.1905.ve5a_f469356f0 core/src/main/java)"
  "$(pinned lib-symbol-annotation symbol-annotation-1.24 src/main/java)"
)
# the JenkinsRule tests' stubs: the test harness and HtmlUnit as plugin parent 6.2211 pins them, Pipeline, folders
# and JCasC as BOM 5043.v855ff4819a_0f pins them, and the core, credentials and credentials-binding classes only the
# tests use
test_roots=(
  "${jenkins_roots[0]}" "${jenkins_roots[1]}" "${jenkins_roots[2]}"
  "$(pinned jenkins-test-harness 2573.vd91b_8a_43e019 src/main/java)"
  "$(pinned HtmlUnit/htmlunit 5.0.0 src/main/java)"
  "$(pinned workflow-job-plugin 1540.v295eccc9778f src/main/java)"
  "$(pinned workflow-cps-plugin 4151.v5406e29e3c90 plugin/src/main/java)"
  "$(pinned workflow-api-plugin 1373.v7b_813f10efa_b_ src/main/java)"
  "$(pinned cloudbees-folder-plugin 6.1036.vb_94fd035b_287 src/main/java)"
  "$(pinned configuration-as-code-plugin 1971.vf9280461ea_89 plugin/src/main/java)"
)
status=0
echo "src/stubs/jenkins against the pinned tags:"
java -cp "$jp" "$tool" "$here/src/stubs/jenkins" "${jenkins_roots[@]}" || status=1
echo "src/stubs/libraries against the pinned tags:"
java -cp "$jp" "$tool" "$here/src/stubs/libraries" "${library_roots[@]}" || status=1
echo "src/stubs/test-harness against the pinned tags:"
java -cp "$jp" "$tool" "$here/src/stubs/test-harness" "${test_roots[@]}" || status=1
exit $status
