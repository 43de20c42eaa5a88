#!/usr/bin/env bash
# Cost of metering and audit (issue 6): 4 KiB PUT/GET ops/s and server CPU per operation, this
# tree's dist/target against a baseline commit without them, alternating A/B rounds on fresh data
# directories (loopback only). Server CPU per operation (utime+stime of the server process over
# the run / operations) is the steadier figure on a shared machine; ops/s moves with the load.
#
#   bench/metering-overhead.sh [BASELINE_REF=c7dcb56] [ROUNDS=3]
#   SMALL_SECONDS=20 THREADS=16 bench/metering-overhead.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
base_ref=${1:-c7dcb56}
rounds=${2:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/metering-bench.XXXXXX")
pid=
cleanup() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

[ -f dist/target/minicloud.jar ] || { echo "build first: mvn -o -B package -DskipTests -pl dist,bench -am" >&2; exit 1; }
mkdir -p "$tmp/mine" "$tmp/src"
cp -r dist/target/minicloud.jar dist/target/lib "$tmp/mine/"
git archive "$base_ref" | tar -x -C "$tmp/src"
(cd "$tmp/src" && mvn -B -ntp -o -q package -DskipTests -Dit.skip=true -pl dist,bench -am >&2)
bench_cp="$tmp/src/bench/target/minicloud-bench.jar:$tmp/src/bench/target/lib/*"

printf '| round | build | PUT ops/s | GET ops/s | server CPU µs/op |\n|---|---|---|---|---|\n'
for round in $(seq 1 "$rounds"); do
  for v in base mine; do
    if [ $v = base ]; then d=$tmp/src/dist/target; else d=$tmp/mine; fi
    data=$(mktemp -d "$tmp/data.XXXX")
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    java -Xmx1g -cp "$d/minicloud.jar:$d/lib/*" dev.minicloud.dist.Main server --port "$port" --data "$data" \
      > "$tmp/$v-$round.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
    cpu0=$(awk '{print $14+$15}' "/proc/$pid/stat")
    key=$(awk '/aws_access_key_id/{print $3}' "$data/root-credentials")
    secret=$(awk '/aws_secret_access_key/{print $3}' "$data/root-credentials")
    java -Xmx1g -cp "$bench_cp" dev.minicloud.bench.S3Bench --endpoint="http://127.0.0.1:$port" \
      --access-key="$key" --secret-key="$secret" --phases=warmup,small --warmup-seconds=10 --warmup-ops=1000 \
      --threads="${THREADS:-16}" --small-ops=20000 --small-seconds="${SMALL_SECONDS:-20}" \
      --out="$tmp/$v-$round.properties" > "$tmp/$v-$round.bench" 2>&1
    cpu1=$(awk '{print $14+$15}' "/proc/$pid/stat")
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    p=$tmp/$v-$round.properties
    ops=$(awk -F= '/^(warmup\.ops|small\.put\.ops|small\.get\.ops)=/{s+=$2} END{print s}' "$p")
    printf '| %s | %s | %s | %s | %s |\n' "$round" "$v" "$(awk -F= '/^small.put.ops_per_s=/{print $2}' "$p")" \
      "$(awk -F= '/^small.get.ops_per_s=/{print $2}' "$p")" "$(( (cpu1 - cpu0) * 10000 / ops ))"
  done
done
