#!/usr/bin/env bash
# Cost of metering and audit (issue 6): 4 KiB PUT and GET ops/s and the server process's CPU time
# per operation (user + system from /proc over each phase, JIT compiler threads excluded: on a
# loaded machine they burn seconds in a short run), this tree's dist/target against a baseline,
# alternating rounds in ABBA order on fresh data directories (loopback only). CPU per operation is
# the figure to compare on a shared machine; ops/s moves with the load from other processes.
#
#   bench/metering-overhead.sh [BASELINE=c7dcb56] [ROUNDS=3]
#   SMALL_SECONDS=20 THREADS=16 bench/metering-overhead.sh nohooks 4
#
# BASELINE is a commit (built from `git archive`), or `nohooks`: this tree's HEAD with the request
# hook that writes usage and audit records taken out of the router, so that the difference is
# exactly what metering and audit add to a request. Both builds are driven by this tree's S3Bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh
base_ref=${1:-c7dcb56}
rounds=${2:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/metering-bench.XXXXXX")
pid=
cleanup() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

[ -f dist/target/minicloud.jar ] && [ -f bench/target/minicloud-bench.jar ] ||
  { echo "build first: mvn -o -B package -DskipTests -pl dist,bench -am" >&2; exit 1; }
mkdir -p "$tmp/mine" "$tmp/src" "$tmp/bench"
cp -r dist/target/minicloud.jar dist/target/lib "$tmp/mine/"
cp -r bench/target/minicloud-bench.jar bench/target/lib "$tmp/bench/"
if [ "$base_ref" = nohooks ]; then
  git archive HEAD | tar -x -C "$tmp/src"
  router=$tmp/src/control-plane/src/main/java/dev/minicloud/controlplane/http/ApiRouter.java
  grep -q 'router.route().handler(p.requestRecords());' "$router" ||
    { echo "nohooks: the request-records hook registration was not found in ApiRouter" >&2; exit 1; }
  sed -i 's|router.route().handler(p.requestRecords());|// removed by bench/metering-overhead.sh (nohooks)|' "$router"
else
  git archive "$base_ref" | tar -x -C "$tmp/src"
fi
(cd "$tmp/src" && mvn -B -ntp -o -q package -DskipTests -Dit.skip=true -pl dist -am >&2)
bench_cp="$tmp/bench/minicloud-bench.jar:$tmp/bench/lib/*"

prop() { awk -F= -v k="$1" '$1==k{print $2}' "$2"; }
echo "baseline: $base_ref; $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| round | build | PUT ops/s | GET ops/s | PUT server CPU µs/op | GET server CPU µs/op |\n|---|---|---|---|---|---|\n'
: > "$tmp/rows"
for round in $(seq 1 "$rounds"); do
  order="base mine"; if (( round % 2 == 0 )); then order="mine base"; fi   # ABBA: no first-runner bias
  for v in $order; do
    if [ $v = base ]; then d=$tmp/src/dist/target; else d=$tmp/mine; fi
    data=$(mktemp -d "$tmp/data.XXXX")
    port=$(free_port)
    java -Xmx1g -cp "$d/minicloud.jar:$d/lib/*" dev.minicloud.dist.Main server --port "$port" --data "$data" \
      > "$tmp/$v-$round.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do curl -sf --max-time 2 "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
    root_credentials "$data"
    java -Xmx1g -cp "$bench_cp" dev.minicloud.bench.S3Bench --endpoint="http://127.0.0.1:$port" \
      --access-key="$key" --secret-key="$secret" --phases=warmup,small --warmup-seconds="${WARMUP_SECONDS:-20}" --warmup-ops="${WARMUP_OPS:-4000}" \
      --threads="${THREADS:-16}" --small-ops=20000 --small-seconds="${SMALL_SECONDS:-20}" --server-pid="$pid" \
      --out="$tmp/$v-$round.properties" > "$tmp/$v-$round.bench" 2>&1
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    p=$tmp/$v-$round.properties
    row="$(prop small.put.ops_per_s "$p") $(prop small.get.ops_per_s "$p") $(prop small.put.server_cpu_us_per_op "$p") $(prop small.get.server_cpu_us_per_op "$p")"
    echo "$v $row" >> "$tmp/rows"
    printf '| %s | %s | %s | %s | %s | %s |\n' "$round" "$v" $row
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
# Medians over rounds, and metered / base.
python3 - "$tmp/rows" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
cols = ["PUT ops/s", "GET ops/s", "PUT server CPU µs/op", "GET server CPU µs/op"]
med = {v: [statistics.median(float(r[i + 1]) for r in rows if r[0] == v) for i in range(4)] for v in ("base", "mine")}
print("\n| median over rounds | " + " | ".join(cols) + " |\n|---|---|---|---|---|")
for v in ("base", "mine"):
    print("| %s | %s |" % (v, " | ".join("%.0f" % x for x in med[v])))
print("| mine / base | %s |" % " | ".join("%+.1f %%" % (100 * (m / b - 1)) for m, b in zip(med["mine"], med["base"])))
EOF
