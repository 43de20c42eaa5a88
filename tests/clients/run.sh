#!/usr/bin/env bash
# Real-client S3 tests: the machine's aws-cli, boto3, rclone and s3cmd against a real MiniCloud server on
# loopback, once over HTTP and once over HTTPS (self-signed certificate used as the CA bundle).
#
#   tests/clients/run.sh                 # build if needed, start 2 servers, run pytest twice
#   tests/clients/run.sh -k multipart    # extra arguments go to pytest
#
# Environment: MINICLOUD_SKIP_BUILD=1 skips the Maven build (uses the existing dist/target).
# Exits non-zero when a tool is missing, a server does not start, or any test fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD

say() { printf '[clients] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 2; }

# --- tools: fail loudly, never skip --------------------------------------------------------------
for tool in java aws python3 rclone s3cmd; do
  command -v "$tool" >/dev/null || die "missing '$tool' (see ../shared/environment.md, 'Real S3/AWS clients'; scripts/ensure-clients installs rclone and s3cmd)"
done
python3 -c 'import boto3, botocore' 2>/dev/null || die "missing Python package boto3 for $(command -v python3)"
python3 -c 'import pytest' 2>/dev/null || die "missing Python package pytest for $(command -v python3)"
timeout 30 aws --version >/dev/null 2>&1 || die "'aws --version' failed"

# --- build ----------------------------------------------------------------------------------------
JAR=dist/target/minicloud.jar
if [[ "${MINICLOUD_SKIP_BUILD:-0}" != 1 || ! -f $JAR ]]; then
  say "building the distribution (mvn package -pl dist -am, tests skipped)"
  timeout 600 mvn -q -B -ntp package -DskipTests -Dit.skip=true -pl dist -am >&2 || die "build failed"
fi
[[ -f $JAR ]] || die "$JAR not found after the build"

# --- servers --------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/minicloud-clients.XXXXXX")
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ $rc -ne 0 && "${MINICLOUD_KEEP_LOGS:-0}" == 1 ]]; then
    say "server logs kept in $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# An empty AWS config file: no profile settings (checksum behaviour, addressing style, ...) leak in.
: > "$WORK/aws-config"

start_server() {  # $1 = http|https
  local scheme=$1 data="$WORK/$1" extra=()
  mkdir -p "$data"
  [[ $scheme == https ]] && extra=(--tls)
  # Server flags are also read from MINICLOUD_* variables: pass none of the caller's through.
  env -u MINICLOUD_PORT -u MINICLOUD_ADDRESS -u MINICLOUD_DATA \
    java -cp "$JAR:dist/target/lib/*" dev.minicloud.dist.Main server \
      --address 127.0.0.1 --port 0 --data "$data" "${extra[@]}" >"$data.log" 2>&1 &
  PIDS+=($!)
  echo $! >"$data.pid"
}

wait_ready() {  # $1 = http|https; prints the endpoint
  local scheme=$1 log="$WORK/$1.log" pid deadline=$((SECONDS + 90))
  pid=$(cat "$WORK/$1.pid")
  while ((SECONDS < deadline)); do
    if grep -q '^MiniCloud is ready at ' "$log"; then
      sed -n 's/^MiniCloud is ready at \([a-z]*:\/\/[0-9.]*:[0-9]*\).*/\1/p' "$log" | head -1
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; die "$scheme server exited before it was ready"; }
    sleep 0.2
  done
  tail -n 40 "$log" >&2
  die "$scheme server not ready within 90 s"
}

say "starting an HTTP and an HTTPS server (data under $WORK)"
start_server http
start_server https
MCTEST_HTTP_ENDPOINT=$(wait_ready http)
MCTEST_HTTPS_ENDPOINT=$(wait_ready https)
[[ $MCTEST_HTTP_ENDPOINT == http://127.0.0.1:* ]] || die "unexpected HTTP endpoint '$MCTEST_HTTP_ENDPOINT'"
[[ $MCTEST_HTTPS_ENDPOINT == https://127.0.0.1:* ]] || die "unexpected HTTPS endpoint '$MCTEST_HTTPS_ENDPOINT'"
export MCTEST_HTTP_ENDPOINT MCTEST_HTTPS_ENDPOINT
export MCTEST_HTTP_CREDENTIALS="$WORK/http/root-credentials"
export MCTEST_HTTPS_CREDENTIALS="$WORK/https/root-credentials"
export MCTEST_HTTPS_CA_BUNDLE="$WORK/https/tls/cert.pem"
export MCTEST_AWS_CONFIG="$WORK/aws-config"
for f in "$MCTEST_HTTP_CREDENTIALS" "$MCTEST_HTTPS_CREDENTIALS" "$MCTEST_HTTPS_CA_BUNDLE"; do
  [[ -s $f ]] || die "$f is missing"
done
say "HTTP  server: $MCTEST_HTTP_ENDPOINT"
say "HTTPS server: $MCTEST_HTTPS_ENDPOINT (CA bundle $MCTEST_HTTPS_CA_BUNDLE)"

# --- the client environment: only what the tests set ---------------------------------------------
while IFS='=' read -r name _; do
  [[ $name == AWS_* ]] && unset "$name"
done < <(env)
export AWS_CONFIG_FILE="$MCTEST_AWS_CONFIG" AWS_DEFAULT_REGION=us-east-1
export AWS_SHARED_CREDENTIALS_FILE=/nonexistent  # each test process picks its server's file
export PYTHONDONTWRITEBYTECODE=1

# --- run pytest once per scheme --------------------------------------------------------------------
status=0
for scheme in http https; do
  say "pytest over $scheme"
  if ! MCTEST_SCHEME=$scheme timeout 600 python3 -m pytest -q -p no:cacheprovider -p no:benchmark \
      --rootdir "$ROOT/tests/clients" "$ROOT/tests/clients" "$@"; then
    status=1
    say "pytest over $scheme: FAILED"
  fi
done

for scheme in http https; do
  if ! kill -0 "$(cat "$WORK/$scheme.pid")" 2>/dev/null; then
    say "the $scheme server died during the run; last log lines:"; tail -n 40 "$WORK/$scheme.log" >&2; status=1
  fi
  if grep -q 'InternalError\|Exception' "$WORK/$scheme.log"; then
    say "the $scheme server logged exceptions (first 20 lines):"
    grep -m 20 'ERROR\|Exception' "$WORK/$scheme.log" >&2 || true
  fi
done
exit $status
