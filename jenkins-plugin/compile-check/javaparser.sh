#!/usr/bin/env bash
# Prints the path of the javaparser-core jar the checks compile against (the version the root pom.xml pins), copying
# it from Maven Central through the project's Maven wrapper once. Used by stubcheck.sh and upstream-lists.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<javaparser.version>\(.*\)</javaparser.version>.*:\1:p' "$root/pom.xml")
dir=${TMPDIR:-/tmp}/jira-access-javaparser
jar=$dir/javaparser-core-$version.jar
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -B -ntp -q dependency:copy -Dartifact="com.github.javaparser:javaparser-core:$version" \
      -DoutputDirectory="$dir" >&2)
fi
echo "$jar"
