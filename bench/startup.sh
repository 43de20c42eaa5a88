#!/usr/bin/env bash
# Measures how long `./minicloud server` takes from launch until /health/ready answers 200:
# first start on an empty data directory (creates the root account and keys) and restarts on the
# same directory; and, in the same run, how long gaul/s3proxy (filesystem backend) takes until it
# answers its first HTTP request. Loopback only; each run is bounded by a 60 s deadline.
#   bench/startup.sh [runs]     (default 5)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"

./minicloud --version >/dev/null   # build first, so the build is not timed

source bench/lib.sh
now_ms() { date +%s%3N; }

measure() { # data-dir -> prints milliseconds to ready
  local data="$1" port pid start deadline
  port=$(free_port)
  start=$(now_ms)
  ./minicloud server --port "$port" --data "$data" >"$data.log" 2>&1 &
  pid=$!
  deadline=$((start + 60000))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
    if (( $(now_ms) > deadline )); then kill "$pid"; echo "not ready within 60 s; see $data.log" >&2; exit 1; fi
    sleep 0.02
  done
  echo $(( $(now_ms) - start ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure_s3proxy() { # dir -> prints milliseconds to first HTTP answer
  local dir="$1" port pid start deadline
  port=$(free_port)
  mkdir -p "$dir/blobs"
  cat > "$dir/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=none
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/blobs
CONF
  start=$(now_ms)
  java -jar "$peers/s3proxy-2.6.0-jar-with-dependencies.jar" --properties "$dir/s3proxy.conf" >"$dir.log" 2>&1 &
  pid=$!
  deadline=$((start + 60000))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" != 000 ]; do
    if (( $(now_ms) > deadline )); then kill "$pid"; echo "s3proxy not up within 60 s; see $dir.log" >&2; exit 1; fi
    sleep 0.02
  done
  echo $(( $(now_ms) - start ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

peers=$(bench/fetch-peers.sh)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
first=(); again=(); peer=()
for i in $(seq 1 "$runs"); do
  first+=("$(measure "$tmp/fresh-$i")")
  again+=("$(measure "$tmp/fresh-$i")")
  peer+=("$(measure_s3proxy "$tmp/s3proxy-$i")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "first start (empty data dir): median $(median "${first[@]}") ms  runs: ${first[*]}"
echo "restart (existing data dir):  median $(median "${again[@]}") ms  runs: ${again[*]}"
echo "s3proxy 2.6.0 to first answer: median $(median "${peer[@]}") ms  runs: ${peer[*]}"
