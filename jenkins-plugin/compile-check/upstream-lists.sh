#!/usr/bin/env bash
# Regenerates the upstream data the conformance checks read (src/test/resources/upstream/), each file with a header
# naming repository, tag, commit and path: script-security's generic-whitelist (copied), the URL names Jenkins core and
# the plugin's dependencies claim at the Jenkins root, and the pipeline steps and symbols of the plugins the tests run
# with (both derived by the checks' own code from the sources at the pinned tags). A manual step, like stubcheck.sh: it
# needs the git mirrors the search tool's fetch brings (jenkinsci/jenkins, credentials-plugin,
# credentials-binding-plugin, workflow-step-api-plugin, script-security-plugin, workflow-basic-steps-plugin,
# workflow-durable-task-step-plugin, workflow-cps-plugin, plain-credentials-plugin) and the compiled test classes
# (./mvnw -B -ntp -pl jenkins-plugin/compile-check -am test-compile).
# usage: MIRROR=/work/.mirror jenkins-plugin/compile-check/upstream-lists.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mirror=${MIRROR:?set MIRROR to the folder holding the fetched snapshots (owner+name/repo)}
out=$here/src/test/resources/upstream
classes=$here/target/test-classes
[ -d "$classes/io/jenkins/plugins/jiraaccess/check" ] || { echo "no compiled checks in $classes: run test-compile first"; exit 2; }
jp=$("$here/javaparser.sh")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the versions jenkins-plugin/pom.xml's BOM (bom-2.479.x 5043.v855ff4819a_0f) pins
bom=5043.v855ff4819a_0f
declare -A tag=(
  [jenkins]=jenkins-2.479.3
  [credentials-plugin]=1415.v831096eb_5534
  [credentials-binding-plugin]=696.v256688029804
  [plain-credentials-plugin]=199.v9f8e1f741799
  [workflow-step-api-plugin]=704.ve4f0967e98fa_
  [script-security-plugin]=1373.vb_b_4a_a_c26fa_00
  [workflow-basic-steps-plugin]=1079.vce64b_a_929c5a_
  [workflow-durable-task-step-plugin]=1434.v1b_595c29ddd7
  [workflow-cps-plugin]=4151.v5406e29e3c90
)
git_of() { local g="$mirror/jenkinsci+$1/repo"; [ -d "$g" ] || { echo "no mirror of jenkinsci/$1: fetch it first" >&2; exit 2; }; echo "$g"; }
commit() { git --git-dir="$(git_of "$1")" rev-parse "${tag[$1]}^{commit}"; }
# repo path...: the paths at the pinned tag, under $work/repo
pinned() {
  local repo=$1; shift
  mkdir -p "$work/$repo"
  git --git-dir="$(git_of "$repo")" archive "${tag[$repo]}" "$@" | tar x -C "$work/$repo"
}
source_line() { echo "#   jenkinsci/$1 tag ${tag[$1]} (commit $(commit "$1"))${2:+, $2}"; }
run() { java -cp "$classes:$jp" "$@"; }

whitelist=src/main/resources/org/jenkinsci/plugins/scriptsecurity/sandbox/whitelists/generic-whitelist
{
  echo "# Copied unchanged below this header, as data the conformance check SandboxWhitelistCheck reads."
  echo "# Source: repository jenkinsci/script-security-plugin, tag ${tag[script-security-plugin]}"
  echo "#   (commit $(commit script-security-plugin)), the version bom-2.479.x $bom pins"
  echo "#   (jenkinsci/bom tag $bom, bom-weekly/pom.xml, imported by bom-2.479.x through bom-2.492.x and bom-2.504.x),"
  echo "#   path $whitelist."
  echo "# License: MIT License, as the pom.xml <licenses> at that tag declares it."
  echo "# Regenerate with jenkins-plugin/compile-check/upstream-lists.sh."
  git --git-dir="$(git_of script-security-plugin)" show "${tag[script-security-plugin]}:$whitelist"
} > "$out/generic-whitelist"

pinned jenkins core/src/main/java core/src/main/resources
for r in credentials-plugin credentials-binding-plugin workflow-step-api-plugin plain-credentials-plugin \
         workflow-basic-steps-plugin workflow-durable-task-step-plugin; do
  pinned "$r" src/main/java
done
pinned workflow-cps-plugin plugin/src/main/java

{
  echo "# URL names claimed at the Jenkins root (name TAB claimant), derived by UpstreamRootNames (the checks' code) from:"
  source_line jenkins "core/src/main/java (jenkins.model.Jenkins and its supertypes; @Extension RootActions and ManagementLinks) and core/src/main/resources (views)"
  for r in credentials-plugin credentials-binding-plugin workflow-step-api-plugin; do source_line "$r" "src/main/java"; done
  echo "# Regenerate with jenkins-plugin/compile-check/upstream-lists.sh."
  run io.jenkins.plugins.jiraaccess.check.conformance.UpstreamRootNames "$work/jenkins/core" \
      "$work/credentials-plugin/src/main/java" "$work/credentials-binding-plugin/src/main/java" \
      "$work/workflow-step-api-plugin/src/main/java"
} > "$out/root-url-names.txt"

{
  echo "# Pipeline step function names and @Symbol names (name TAB claimant) of the plugins jenkins-plugin's tests run with,"
  echo "# at the versions bom-2.479.x $bom pins, derived by PipelineSteps (the checks' code) from src/main/java of:"
  for r in workflow-basic-steps-plugin workflow-durable-task-step-plugin credentials-binding-plugin credentials-plugin \
           plain-credentials-plugin workflow-step-api-plugin; do source_line "$r"; done
  source_line workflow-cps-plugin "plugin/src/main/java"
  echo "# Regenerate with jenkins-plugin/compile-check/upstream-lists.sh."
  run io.jenkins.plugins.jiraaccess.check.conformance.PipelineSteps \
      "$work/workflow-basic-steps-plugin/src/main/java" "$work/workflow-durable-task-step-plugin/src/main/java" \
      "$work/credentials-binding-plugin/src/main/java" "$work/credentials-plugin/src/main/java" \
      "$work/plain-credentials-plugin/src/main/java" "$work/workflow-step-api-plugin/src/main/java" \
      "$work/workflow-cps-plugin/plugin/src/main/java"
} > "$out/pipeline-steps.txt"
echo "wrote $out/generic-whitelist, root-url-names.txt, pipeline-steps.txt"
