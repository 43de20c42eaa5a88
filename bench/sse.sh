#!/usr/bin/env bash
# Server-side encryption overhead: 64 MiB PUT and GET of the same random file, plain and with
# x-amz-server-side-encryption: AES256, alternated round by round on one server (so noise hits
# both alike), with curl's SigV4 signing and an unsigned payload. Loopback only.
#   bench/sse.sh [rounds]     (default 8)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-8}"

./minicloud --version >/dev/null   # build first, so the build is not timed

source bench/lib.sh

tmp=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
start_minicloud "$tmp/data" "$tmp/server.log"
s3=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$key:$secret" -sS -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")

head -c $((64 * 1024 * 1024)) /dev/urandom >"$tmp/f64"
[ "$(curl "${s3[@]}" -o /dev/null -w '%{http_code}' -X PUT "$url/bench")" = 200 ] || { echo "CreateBucket failed" >&2; exit 1; }
put() { # key [header...]
  local key=$1; shift
  curl "${s3[@]}" "$@" -o /dev/null -w '%{http_code} %{time_total}\n' -T "$tmp/f64" "$url/bench/$key"
}
get() { curl "${s3[@]}" -o /dev/null -w '%{http_code} %{time_total}\n' "$url/bench/$1"; }
check() { read -r code secs; [ "$code" = 200 ] || { echo "HTTP $code" >&2; exit 1; }; echo "$secs"; }

for warm in 1 2; do put plain >/dev/null; put sse -H 'x-amz-server-side-encryption: AES256' >/dev/null; get plain >/dev/null; get sse >/dev/null; done
: >"$tmp/times"
for round in $(seq "$rounds"); do
  echo "plain PUT $(put plain | check)" >>"$tmp/times"
  echo "sse PUT $(put sse -H 'x-amz-server-side-encryption: AES256' | check)" >>"$tmp/times"
  echo "plain GET $(get plain | check)" >>"$tmp/times"
  echo "sse GET $(get sse | check)" >>"$tmp/times"
done
curl "${s3[@]}" "$url/bench/sse" | cmp -s - "$tmp/f64" || { echo "the encrypted object did not read back" >&2; exit 1; }
curl "${s3[@]}" -I "$url/bench/sse" | grep -qi '^x-amz-server-side-encryption: AES256' \
  || { echo "the encrypted object is not reported as encrypted" >&2; exit 1; }

python3 - "$tmp/times" "$rounds" <<'PY'
import collections, statistics, sys
t = collections.defaultdict(list)
for line in open(sys.argv[1]):
    mode, op, secs = line.split()
    t[(mode, op)].append(float(secs))
print(f"64 MiB object, {sys.argv[2]} alternated rounds (median, MB/s = 10^6 bytes/s)")
for op in ("PUT", "GET"):
    plain, sse = statistics.median(t[("plain", op)]), statistics.median(t[("sse", op)])
    mb = 64 * 1048576 / 1e6
    print(f"  {op}: plain {plain:.3f} s ({mb / plain:5.0f} MB/s)  sse {sse:.3f} s ({mb / sse:5.0f} MB/s)  "
          f"sse/plain time {sse / plain:.2f}x")
PY
