#!/usr/bin/env bash
# Compute benchmark (issue 4): run-to-running latency of MiniCloud instances against raw
# `docker run -d` of the same image with the same limits and hardening, terminate latency against
# `docker rm -f`, and N instances running at once on the one embedded agent. Loopback only.
#   bench/compute.sh [launches]     (default 50)
# Needs the Docker engine and minicloud/busybox:latest (scripts/ensure-docker).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n="${1:-50}"

scripts/ensure-docker >/dev/null
./minicloud --version >/dev/null   # build first, so the build is not timed

source bench/lib.sh
now_ns() { date +%s%N; }
stats() { # label, file of milliseconds
  python3 - "$1" "$2" <<'PY'
import sys, statistics
xs = sorted(float(l) for l in open(sys.argv[2]) if l.strip())
def pct(p):
    k = max(0, min(len(xs) - 1, round(p / 100 * len(xs) + 0.5) - 1))
    return xs[k]
print(f"{sys.argv[1]:<44} n={len(xs):<3} p50={pct(50):7.1f} ms  p99={pct(99):7.1f} ms  mean={statistics.mean(xs):7.1f} ms")
PY
}

tmp=$(mktemp -d)
server=
cleanup() {
  docker ps -aq --filter label=dev.minicloud.managed --filter name=minicloud-i- | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker ps -aq --filter label=minicloud.bench | xargs -r docker rm -f >/dev/null 2>&1 || true
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
start_minicloud "$tmp/data" "$tmp/server.log"
api() { # method path [json]
  if [ $# -ge 3 ]; then
    curl -sS --aws-sigv4 "aws:amz:us-east-1:compute" --user "$key:$secret" -X "$1" \
      -H 'content-type: application/json' --data-binary "$3" "$url$2"
  else
    curl -sS --aws-sigv4 "aws:amz:us-east-1:compute" --user "$key:$secret" -X "$1" "$url$2"
  fi
}
run_body='{"imageId":"busybox","instanceType":"nano"}'
deadline=$(( $(date +%s) + 60 ))
until api POST /compute/v1/instances "$run_body" | grep -q '"name":"running"'; do   # warm-up, agent joined
  (( $(date +%s) < deadline )) || { echo "no instance could be launched; see $tmp/server.log" >&2; exit 1; }
  sleep 0.2
done
api GET '/compute/v1/instances?state=running' | python3 -c 'import json,sys; [print(i["instanceId"]) for i in json.load(sys.stdin)["instances"]]' \
  | while read -r id; do api DELETE "/compute/v1/instances/$id" >/dev/null; done

echo "MiniCloud: $n launches (nano: 0.25 CPU, 64 MiB, 64 pids), each answered once running" >&2
: > "$tmp/ids"
for i in $(seq 1 "$n"); do
  t0=$(now_ns)
  out=$(api POST /compute/v1/instances "$run_body")
  t1=$(now_ns)
  echo "$out" | grep -q '"name":"running"' || { echo "launch $i failed: $out" >&2; exit 1; }
  echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["instances"][0]["instanceId"])' >> "$tmp/ids"
  echo "scale=1; ($t1 - $t0) / 1000000" | bc >> "$tmp/mc-run"
done
running=$(api GET '/compute/v1/instances?state=running' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["instances"]))')
containers=$(docker ps -q --filter label=dev.minicloud.managed | wc -l)
mem=$(docker stats --no-stream --format '{{.MemUsage}}' $(docker ps -q --filter label=dev.minicloud.managed) \
  | awk '{v=$1; if (v ~ /MiB$/) {sub("MiB","",v); s+=v} else if (v ~ /KiB$/) {sub("KiB","",v); s+=v/1024}} END {printf "%.0f", s}')
while read -r id; do
  t0=$(now_ns)
  out=$(api DELETE "/compute/v1/instances/$id")
  t1=$(now_ns)
  echo "$out" | grep -q '"name":"terminated"' || { echo "terminate $id failed: $out" >&2; exit 1; }
  echo "scale=1; ($t1 - $t0) / 1000000" | bc >> "$tmp/mc-term"
done < "$tmp/ids"

echo "docker: $n x docker run -d with the same image, limits and hardening" >&2
for i in $(seq 1 "$n"); do
  t0=$(now_ns)
  docker run -d --label minicloud.bench=1 --network minicloud0 --memory 64m --memory-swap 64m \
    --cpu-period 100000 --cpu-quota 25000 --pids-limit 64 --cap-drop ALL --security-opt no-new-privileges \
    minicloud/busybox:latest sh -c 'trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done' >> "$tmp/docker-ids"
  t1=$(now_ns)
  echo "scale=1; ($t1 - $t0) / 1000000" | bc >> "$tmp/docker-run"
done
while read -r cid; do
  t0=$(now_ns)
  docker rm -f "$cid" >/dev/null
  t1=$(now_ns)
  echo "scale=1; ($t1 - $t0) / 1000000" | bc >> "$tmp/docker-rm"
done < "$tmp/docker-ids"

echo "== $(date -u +%Y-%m-%d) $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}')"
stats "MiniCloud run -> running (signed curl)" "$tmp/mc-run"
stats "docker run -d (docker CLI)" "$tmp/docker-run"
stats "MiniCloud terminate (signed curl)" "$tmp/mc-term"
stats "docker rm -f (docker CLI)" "$tmp/docker-rm"
echo "instances running at once: $running described running, $containers containers, ~${mem} MiB memory in use"
