#!/usr/bin/env bash
# The authorization step of a small GET alone, in process (control-plane's test class
# dev.minicloud.controlplane.iam.AuthorizationCost over a real RocksDB store): ns per decision for an
# account root, a user with ReadOnlyAccess attached, and a user with ReadOnlyAccess through a group.
# The complement of bench/authz-overhead.sh: this one is not moved by the machine's other load as
# much as end-to-end ops/s are.
#
#   bench/authz-step.sh [ROUNDS=5] [CALLS=200000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/authz-step.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Compiles common and control-plane (main and test classes) and writes control-plane's test classpath.
mvn -o -B -ntp -q test-compile dependency:build-classpath -pl control-plane -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/cp.txt" >&2
cp_file=control-plane/target/test-classes:control-plane/target/classes:$(cat "$tmp/cp.txt")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -cp "$cp_file" dev.minicloud.controlplane.iam.AuthorizationCost "${1:-5}" "${2:-200000}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
