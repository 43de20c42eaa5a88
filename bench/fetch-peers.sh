#!/usr/bin/env bash
# Puts the peers we measure against into bench/target/peers (from Maven Central, via Maven):
# gaul/s3proxy 2.6.0 (jar-with-dependencies). Prints the directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dir="$PWD/target/peers"
jar="$dir/s3proxy-2.6.0-jar-with-dependencies.jar"
if [ ! -f "$jar" ]; then
  mkdir -p "$dir"
  mvn -q -B -ntp dependency:copy -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies \
    -DoutputDirectory="$dir" >&2
fi
echo "$dir"
