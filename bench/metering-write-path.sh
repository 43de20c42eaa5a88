#!/usr/bin/env bash
# CPU time per request of the metering and audit write path, in-process on RocksDB (no HTTP), the
# two-writes path it replaced against the current journal path; see bench/probes/MeteringWritePathProbe.java.
#
#   bench/metering-write-path.sh [REQUESTS=40000] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f dist/target/minicloud.jar ] || { echo "build first: mvn -o -B package -DskipTests -pl dist -am" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/metering-probe.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp="dist/target/lib/*"
javac -d "$tmp" -cp "$cp" bench/probes/MeteringWritePathProbe.java
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -Dlogback.configurationFile=/dev/null -cp "$tmp:$cp" MeteringWritePathProbe "${1:-40000}" "${2:-3}" 2>/dev/null
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
