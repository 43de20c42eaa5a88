#!/usr/bin/env bash
# Cost of authorization on small GETs (issue 5: "policy evaluation adds under 5% to small-object GET
# ops/s"). One server (this tree's dist/target, a fresh data directory, loopback only); the
# platform account's root seeds 1,000 4 KiB objects; then S3Bench's `get` phase (4 KiB GETs from
# THREADS client threads for GET_SECONDS) runs alternately as
#   root  the account's root user: the policy engine is skipped (a root is allowed in its account);
#   user  an IAM user of the same account with no policy of its own, member of a group with the
#         managed ReadOnlyAccess attached: every GET is evaluated in full (user record, its group,
#         the group's attached policy, the request's condition keys),
# in ABBA order (neither goes first more often). Reported per run: GET ops/s, the server process's
# CPU time per GET (utime+stime over the run / GETs; the steadier figure on a shared machine, where
# ops/s moves with the other load) and the 1-minute load average; then the medians and user/root.
#
# The server warms up on WARM_SECONDS of GETs as each caller first (not counted): the JIT keeps
# improving for a while, and ABBA plus per-round ratios (user run / root run of the same round) keep
# what drift remains from favouring one side.
#
#   bench/authz-overhead.sh [ROUNDS=6]
#   GET_SECONDS=20 WARM_SECONDS=30 THREADS=16 bench/authz-overhead.sh 8
# Needs dist/ and bench/ built: mvn -o -B -ntp package -DskipTests -Dit.skip=true -pl dist,bench -am
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh
rounds=${1:-6}
warm_seconds=${WARM_SECONDS:-30}
threads=${THREADS:-16}
get_seconds=${GET_SECONDS:-20}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/authz-bench.XXXXXX")
pid=
cleanup() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT
say() { printf '[authz-overhead] %s\n' "$*" >&2; }

for f in dist/target/minicloud.jar bench/target/minicloud-bench.jar; do
  [ -f "$f" ] || { say "build first: mvn -o -B -ntp package -DskipTests -Dit.skip=true -pl dist,bench -am"; exit 1; }
done
# Private copies: a parallel `mvn package` cannot swap jars under the running server or client.
mkdir -p "$tmp/dist" "$tmp/bench"
cp -r dist/target/minicloud.jar dist/target/lib "$tmp/dist/"
cp -r bench/target/minicloud-bench.jar bench/target/lib "$tmp/bench/"
bench_cp="$tmp/bench/minicloud-bench.jar:$tmp/bench/lib/*"

data=$tmp/data
port=$(free_port)
endpoint=http://127.0.0.1:$port
java -Xmx1g -cp "$tmp/dist/minicloud.jar:$tmp/dist/lib/*" dev.minicloud.dist.Main server --port "$port" \
  --data "$data" > "$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -sf --max-time 2 "$endpoint/health/ready" >/dev/null && break; sleep 0.2; done
curl -sf --max-time 2 "$endpoint/health/ready" >/dev/null || { say "server not ready"; tail -20 "$tmp/server.log" >&2; exit 1; }
root_credentials "$data"
root_key=$key root_secret=$secret

# The IAM user: access only through its group's attached ReadOnlyAccess.
iam() { # method path [json body]
  local args=(-sS --fail-with-body --aws-sigv4 "aws:amz:us-east-1:iam" --user "$root_key:$root_secret"
    -X "$1" "$endpoint$2")
  if [ $# -ge 3 ]; then args+=(-H 'content-type: application/json' -d "$3"); fi
  curl "${args[@]}"
}
iam POST /iam/v1/users '{"userName":"bench-reader"}' >/dev/null
iam POST /iam/v1/groups '{"groupName":"bench-readers"}' >/dev/null
iam POST /iam/v1/groups/bench-readers/attached-policies \
  '{"policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}' >/dev/null
iam PUT /iam/v1/groups/bench-readers/users/bench-reader >/dev/null
key_json=$(iam POST /iam/v1/users/bench-reader/access-keys)
user_key=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["accessKey"]["accessKeyId"])' "$key_json")
user_secret=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["accessKey"]["secretAccessKey"])' "$key_json")
[ "$(iam GET /iam/v1/users/bench-reader/attached-policies)" = '{"attachedPolicies":[]}' ] \
  || { say "the user must have no policy of its own"; exit 1; }

bench() { # who phase seconds out
  local key=$root_key secret=$root_secret
  if [ "$1" = user ]; then key=$user_key; secret=$user_secret; fi
  java -Xmx512m -cp "$bench_cp" dev.minicloud.bench.S3Bench --endpoint="$endpoint" --label="$1" \
    --access-key="$key" --secret-key="$secret" --phases="$2" --threads="$threads" \
    --get-seconds="$3" --out="$4" > "$4.log" 2>&1 || { say "S3Bench $1 $2 failed"; cat "$4.log" >&2; exit 1; }
  if grep -q '\.error=' "$4"; then say "S3Bench $1 $2 reported an error:"; grep '\.error=' "$4" >&2; exit 1; fi
}
bench root seed 0 "$tmp/seed.properties"
bench root get "$warm_seconds" "$tmp/warm-root.properties"     # not counted: both paths compiled
bench user get "$warm_seconds" "$tmp/warm-user.properties"
grep -q '^get.errors=0$' "$tmp/warm-user.properties" || { say "the user's GETs failed"; exit 1; }

printf '| round | caller | GET ops/s | server CPU µs/GET | p50 ms | load avg (1 min) |\n|---|---|---|---|---|---|\n'
: > "$tmp/runs"
for round in $(seq 1 "$rounds"); do
  order="root user"; if (( round % 2 == 0 )); then order="user root"; fi
  for who in $order; do
    out=$tmp/$who-$round.properties
    cpu0=$(awk '{print $14+$15}' "/proc/$pid/stat")
    bench "$who" get "$get_seconds" "$out"
    cpu1=$(awk '{print $14+$15}' "/proc/$pid/stat")
    load=$(cut -d' ' -f1 /proc/loadavg)
    ops=$(awk -F= '/^get\.ops=/{print $2}' "$out")
    ops_s=$(awk -F= '/^get\.ops_per_s=/{print $2}' "$out")
    p50=$(awk -F= '/^get\.p50_ms=/{print $2}' "$out")
    hz=$(getconf CLK_TCK)
    cpu_us=$(awk -v t=$((cpu1 - cpu0)) -v hz="$hz" -v n="$ops" 'BEGIN{printf "%.0f", t * 1e6 / hz / n}')
    printf '| %s | %s | %s | %s | %s | %s |\n' "$round" "$who" "$ops_s" "$cpu_us" "$p50" "$load"
    printf '%s %s %s %s\n' "$round" "$who" "$ops_s" "$cpu_us" >> "$tmp/runs"
  done
done
python3 - "$tmp/runs" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
by = {(r[0], r[1]): (float(r[2]), float(r[3])) for r in runs}
rounds = sorted({r[0] for r in runs}, key=int)
med = {w: (statistics.median(by[(n, w)][0] for n in rounds), statistics.median(by[(n, w)][1] for n in rounds))
       for w in ("root", "user")}
ops_ratio = [by[(n, "user")][0] / by[(n, "root")][0] for n in rounds]
cpu_ratio = [by[(n, "user")][1] / by[(n, "root")][1] for n in rounds]
print()
print("| caller | median GET ops/s | median server CPU µs/GET |\n|---|---|---|")
for w in ("root", "user"):
    print(f"| {w} | {med[w][0]:.0f} | {med[w][1]:.0f} |")
print()
print("user/root per round, ops/s: " + " ".join(f"{x:.3f}" for x in ops_ratio)
      + f" (median {statistics.median(ops_ratio):.3f})")
print("user/root per round, CPU per GET: " + " ".join(f"{x:.3f}" for x in cpu_ratio)
      + f" (median {statistics.median(cpu_ratio):.3f})")
PY
