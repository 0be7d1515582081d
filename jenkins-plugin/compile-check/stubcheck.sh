#!/usr/bin/env bash
# Holds the compile-check stubs against the upstream sources at exactly the versions they mirror (the tags named in
# each stub's header), with the project's StubCheck (src/test/java/.../check/stubcheck/StubCheck.java, run as a
# source-file program): kinds, supertypes, signatures, throws clauses, visibility, static, abstract and final.
# A manual step: it needs the git mirrors that the search tool's fetch brings (jenkinsci/jenkins, credentials-plugin,
# credentials-binding-plugin, workflow-step-api-plugin, stapler, lib-symbol-annotation), which CI does not have.
# usage: MIRROR=/work/.mirror jenkins-plugin/compile-check/stubcheck.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirror=${MIRROR:?set MIRROR to the folder holding the fetched snapshots (owner+name/repo)}
tool=$here/src/test/java/io/jenkins/plugins/jiraaccess/check/stubcheck/StubCheck.java
jp=$("$here/javaparser.sh")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# repo tag path-inside-repo
pinned() {
  local repo=$1 tag=$2 path=$3 g="$mirror/jenkinsci+$1/repo"
  [ -d "$g" ] || { echo "no mirror of jenkinsci/$repo: fetch it first" >&2; exit 2; }
  mkdir -p "$work/$repo"
  git --git-dir="$g" archive "$tag" "$path" | tar x -C "$work/$repo"
  echo "$work/$repo"
}
jenkins_roots=(
  "$(pinned jenkins jenkins-2.479.3 core/src/main/java)"
  "$(pinned credentials-plugin 1415.v831096eb_5534 src/main/java)"
  "$(pinned credentials-binding-plugin 696.v256688029804 src/main/java)"
  "$(pinned workflow-step-api-plugin 704.ve4f0967e98fa_ src/main/java)"
)
library_roots=(
  "$(pinned stapler 1903.1905.ve5a_f469356f0 core/src/main/java)"
  "$(pinned lib-symbol-annotation symbol-annotation-1.24 src/main/java)"
)
status=0
echo "src/stubs/jenkins against the pinned tags:"
java -cp "$jp" "$tool" "$here/src/stubs/jenkins" "${jenkins_roots[@]}" || status=1
echo "src/stubs/libraries against the pinned tags:"
java -cp "$jp" "$tool" "$here/src/stubs/libraries" "${library_roots[@]}" || status=1
exit $status
