#!/usr/bin/env bash
# S3 throughput/latency benchmark: MiniCloud against gaul/s3proxy 2.6.0 (filesystem backend), both
# on this machine, in the same run, with the same load generator (AWS SDK for Java v2, path-style,
# bench/src/main/java/dev/minicloud/bench/S3Bench.java). Loopback only.
#
#   bench/s3.sh                 full run (~15-25 min on the 2-core machine kind)
#   S3BENCH_ARGS='--big-mib=64 --small-ops=2000 --list-keys=5000' bench/s3.sh    quick smoke run
#   S3BENCH_SKIP_BUILD=1 bench/s3.sh    benchmark dist/target as it is (e.g. while the tree is mid-edit)
#
# Targets, one after the other, each on a fresh server and data directory:
#   1. MiniCloud, client checksums WHEN_REQUIRED   } the comparison (s3proxy needs WHEN_REQUIRED,
#   2. s3proxy,   client checksums WHEN_REQUIRED   }  so MiniCloud gets the same setting)
#   3. MiniCloud, SDK default checksums (CRC32 trailers on PUT, checksum mode on GET)
# Phases per target (each bounded by a count and a deadline; see S3Bench): a warm-up of at least 60 s
# that goes on (at most 300 s) until the server's JIT compilers use under 10% of a core, 1 GiB PUT/GET
# x3, 4 KiB PUT/GET from 16 threads (20,000 ops or 30 s each), 100,000 0-byte keys then
# ListObjectsV2 over them x3. Plus a raw `dd conv=fsync` disk baseline in the same run.
# Servers and the load generator each run with -Xmx1g. Prints a markdown table; writes it with all
# raw numbers (and server log tails when a phase failed) to bench/target/results-<timestamp>.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
stamp=$(date -u +%Y%m%dT%H%M%SZ)
started=$(date +%s)
say() { printf '[s3.sh] %s\n' "$*" >&2; }

# ---- build what we need ------------------------------------------------------------------------
if [ "${S3BENCH_SKIP_BUILD:-}" = 1 ] && [ -f dist/target/minicloud.jar ]; then
  say "S3BENCH_SKIP_BUILD=1: using dist/target as built at $(date -r dist/target/minicloud.jar '+%F %T')"
else
  ./minicloud --version >/dev/null || {                 # builds dist/ when missing or stale
    say "MiniCloud does not build; S3BENCH_SKIP_BUILD=1 benchmarks the existing dist/target instead"; exit 1; }
fi
mvn -q -B -ntp -pl bench package >&2                    # the load generator (no tests)
peers=$(bench/fetch-peers.sh)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/s3bench.XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A private copy of the distribution: a parallel `mvn package` cannot swap jars under a running server.
mkdir -p "$tmp/dist"
cp -r dist/target/minicloud.jar dist/target/lib "$tmp/dist/"
bench_cp="$root/bench/target/minicloud-bench.jar:$root/bench/target/lib/*"
logs="$root/bench/target/logs-$stamp"
mkdir -p "$logs"

source bench/lib.sh

stop() { # pid: TERM, up to 30 s, then KILL
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# The machine is shared: before each server starts, wait (up to S3BENCH_QUIET_WAIT s, default 300)
# until the 1-minute load average is below the core count.
wait_quiet() {
  local deadline=$(( $(date +%s) + ${S3BENCH_QUIET_WAIT:-300} )) cores
  cores=$(nproc)
  until awk -v c="$cores" '{exit !($1 < c)}' /proc/loadavg; do
    if (( $(date +%s) > deadline )); then say "load average still $(cut -d' ' -f1 /proc/loadavg); going on"; return 0; fi
    sleep 5
  done
}

# Runs the load generator against one endpoint: name endpoint key secret checksums server-pid
load() {
  local name=$1 endpoint=$2 key=$3 secret=$4 checksums=$5 server_pid=$6 load_before
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  # shellcheck disable=SC2086  # S3BENCH_ARGS is a list of --name=value overrides
  timeout --kill-after=10 2700 java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$bench_cp" dev.minicloud.bench.S3Bench \
    --label="$name" --endpoint="$endpoint" --access-key="$key" --secret-key="$secret" \
    --checksums="$checksums" --server-pid="$server_pid" --out="$tmp/$name.properties" ${S3BENCH_ARGS:-} \
    2> >(tee "$logs/$name-loadgen.log" >&2) ||
    echo "loadgen.error=load generator exited with status $? (see logs-$stamp/$name-loadgen.log)" >> "$tmp/$name.properties"
  # The machine is shared: other processes' load skews everything, so it goes into the report.
  echo "host.loadavg_1min=$load_before at start, $(cut -d' ' -f1 /proc/loadavg) at end ($(nproc) cores)" >> "$tmp/$name.properties"
}

# The large object again with a light client: curl through presigned URLs (UNSIGNED-PAYLOAD), so the
# client's own hashing (the SDK signs every chunk's SHA-256 over HTTP) does not cap the figure. 1 GiB
# of random bytes from the page cache, PUT then GET (to /dev/null) three times; medians in MB/s.
# Appends curl.put.mbps / curl.get.mbps (and the runs) to the target's properties: name endpoint key secret
light_client_big() {
  local name=$1 endpoint=$2 key=$3 secret=$4 i put get puts=() gets=() url
  [ -f "$tmp/big.bin" ] || head -c $((1024 << 20)) /dev/urandom > "$tmp/big.bin"
  presign() { # method key
    AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret python3 -c '
import sys, boto3
from botocore.config import Config
c = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                 config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
params = {"Bucket": "bench-curl"} if sys.argv[3] == "-" else {"Bucket": "bench-curl", "Key": sys.argv[3]}
print(c.generate_presigned_url(sys.argv[2], Params=params, ExpiresIn=3600))
' "$endpoint" "$1" "$2"
  }
  curl -s -o /dev/null -X PUT "$(presign create_bucket -)" || true
  for i in 1 2 3; do
    url=$(presign put_object "big-$i")
    put=$(curl -s -o /dev/null -w '%{http_code} %{speed_upload}' --max-time 600 -T "$tmp/big.bin" "$url") || put="000 0"
    url=$(presign get_object "big-$i")
    get=$(curl -s -o /dev/null -w '%{http_code} %{speed_download}' --max-time 600 "$url") || get="000 0"
    if [ "${put%% *}" != 200 ] || [ "${get%% *}" != 200 ]; then
      echo "curl.error=light-client PUT/GET answered HTTP ${put%% *}/${get%% *}" >> "$tmp/$name.properties"; return 0
    fi
    puts+=("$(awk '{printf "%.0f", $2 / 1e6}' <<<"$put")"); gets+=("$(awk '{printf "%.0f", $2 / 1e6}' <<<"$get")")
    say "  $name light client run $i: PUT ${puts[-1]} MB/s, GET ${gets[-1]} MB/s"
  done
  { echo "curl.put.mbps=$(printf '%s\n' "${puts[@]}" | sort -n | sed -n 2p)"; echo "curl.put.runs_mbps=${puts[*]}"
    echo "curl.get.mbps=$(printf '%s\n' "${gets[@]}" | sort -n | sed -n 2p)"; echo "curl.get.runs_mbps=${gets[*]}"; } >> "$tmp/$name.properties"
}

# Keeps the server log (last 5000 lines) and, when a phase failed, notes its tail for the report.
keep_log() { # name log
  local name=$1 log=$2
  tail -n 5000 "$log" > "$logs/$name-server.log" || true
  if grep -q 'error=' "$tmp/$name.properties" 2>/dev/null; then
    { printf '\n### Server log of %s: last warnings/errors, then last lines\n\n```\n' "$name"
      grep -E ' (WARN|ERROR) |Exception' "$log" | tail -n 30 || true
      echo ...; tail -n 10 "$log"; printf '```\n'; } >> "$tmp/logtails.md"
  fi
}

run_minicloud() { # name checksums
  local name=$1 checksums=$2 data="$tmp/$1" log="$tmp/$1.log" port pid deadline
  wait_quiet
  port=$(free_port)
  say "starting MiniCloud (-Xmx1g) on 127.0.0.1:$port for '$name'"
  java -Xmx1g -cp "$tmp/dist/minicloud.jar:$tmp/dist/lib/*" dev.minicloud.dist.Main \
    server --port "$port" --data "$data" >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
  deadline=$(( $(date +%s) + 90 ))
  until grep -q "MiniCloud is ready at http://127.0.0.1:$port" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || (( $(date +%s) > deadline )); then
      echo "startup.error=MiniCloud not ready within 90 s (or exited); log tail: $(tail -n 5 "$log" | tr '\n' ' ')" > "$tmp/$name.properties"
      stop "$pid"; keep_log "$name" "$log"; rm -rf "$data"; return 0
    fi
    sleep 0.1
  done
  local key secret
  root_credentials "$data"
  load "$name" "http://127.0.0.1:$port" "$key" "$secret" "$checksums" "$pid"
  if [ "$checksums" = when-required ]; then light_client_big "$name" "http://127.0.0.1:$port" "$key" "$secret"; fi
  stop "$pid"; keep_log "$name" "$log"; rm -rf "$data"
}

run_s3proxy() { # name
  local name=$1 dir="$tmp/$1" log="$tmp/$1.log" port pid deadline
  wait_quiet
  port=$(free_port)
  mkdir -p "$dir/blobs"
  cat > "$dir/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-identity
s3proxy.credential=bench-credential-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/blobs
CONF
  say "starting s3proxy 2.6.0 (-Xmx1g) on 127.0.0.1:$port"
  java -Xmx1g -jar "$peers/s3proxy-2.6.0-jar-with-dependencies.jar" --properties "$dir/s3proxy.conf" >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
  deadline=$(( $(date +%s) + 90 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" != 000 ]; do
    if ! kill -0 "$pid" 2>/dev/null || (( $(date +%s) > deadline )); then
      echo "startup.error=s3proxy not answering within 90 s (or exited); log tail: $(tail -n 5 "$log" | tr '\n' ' ')" > "$tmp/$name.properties"
      stop "$pid"; keep_log "$name" "$log"; rm -rf "$dir"; return 0
    fi
    sleep 0.1
  done
  load "$name" "http://127.0.0.1:$port" bench-identity bench-credential-secret when-required "$pid"
  light_client_big "$name" "http://127.0.0.1:$port" bench-identity bench-credential-secret
  stop "$pid"; keep_log "$name" "$log"; rm -rf "$dir"
}

# ---- raw disk baseline, same filesystem as the servers' data -----------------------------------
say "raw disk: dd bs=1M count=512 conv=fsync, 3 runs, in $tmp"
dd_runs=()
for i in 1 2 3; do
  line=$(LC_ALL=C dd if=/dev/zero of="$tmp/dd" bs=1M count=512 conv=fsync 2>&1 | tail -n 1)
  rm -f "$tmp/dd"
  # "536870912 bytes (537 MB, 512 MiB) copied, 2.05 s, 262 MB/s" -> bytes / seconds, in 10^6 B/s
  dd_runs+=("$(awk '{for (i = 2; i <= NF; i++) if ($i == "s,") s = $(i - 1); printf "%.0f", $1 / s / 1e6}' <<<"$line")")
done
dd_median=$(printf '%s\n' "${dd_runs[@]}" | sort -n | sed -n 2p)
printf 'dd.mbps=%s\ndd.runs=%s\n' "$dd_median" "${dd_runs[*]}" > "$tmp/dd.properties"
# The ceiling of a large single PUT on this CPU: its ETag is the MD5 of the whole body, one stream.
md5_kbps=$(openssl speed -seconds 3 -bytes 65536 md5 2>/dev/null | awk '$1 == "md5" {print $2}')
printf 'md5.mbps=%.0f\n' "$(awk -v k="${md5_kbps%k}" 'BEGIN {print k * 1000 / 1e6}')" >> "$tmp/dd.properties"

run_minicloud minicloud when-required
run_s3proxy s3proxy
run_minicloud minicloud-default default

# ---- report --------------------------------------------------------------------------------------
elapsed=$(( $(date +%s) - started ))
out="$root/bench/target/results-$stamp.md"
header="Run $stamp on $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1).
Servers: MiniCloud all-in-one (\`dist.Main server\`, -Xmx1g) and s3proxy 2.6.0 (filesystem backend,
aws-v2-or-v4 auth, its defaults plus -Xmx1g), one at a time, each on a fresh data directory under
$(dirname "$tmp"). Load generator: AWS SDK for Java v2 2.40.2 sync client, Apache HTTP client
(32 connections), path-style, no retries, -Xmx1g, on the same 2 cores as the server. Before each
server starts, the script waits (at most ${S3BENCH_QUIET_WAIT:-300} s) for the 1-min load average to drop below the core count.
MB = 10^6 bytes. Extra load-generator arguments: '${S3BENCH_ARGS:-none}'. Whole run: ${elapsed} s.
Ratio = MiniCloud/s3proxy (for latency and seconds s3proxy/MiniCloud): above 1 means MiniCloud is better."
echo
java -cp "$bench_cp" dev.minicloud.bench.Report --stamp="$stamp" --header="$header" \
  --dd="$tmp/dd.properties" --minicloud="$tmp/minicloud.properties" --s3proxy="$tmp/s3proxy.properties" \
  --minicloud-default="$tmp/minicloud-default.properties" --out="$out"
if [ -f "$tmp/logtails.md" ]; then cat "$tmp/logtails.md" >> "$out"; fi
echo
say "whole run: ${elapsed} s; results and raw numbers: ${out#"$root"/}; logs: ${logs#"$root"/}"
