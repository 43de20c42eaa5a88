# Shared by the bench/*.sh scripts (source it from the repository root): loopback ports and one
# MiniCloud server per script run.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# root_credentials DATA_DIR: sets key and secret to the root access key a server wrote there.
root_credentials() {
  key=$(sed -n 's/^aws_access_key_id *= *//p' "$1/root-credentials")
  secret=$(sed -n 's/^aws_secret_access_key *= *//p' "$1/root-credentials")
}

# start_minicloud DATA_DIR LOG: starts `./minicloud server` on a free loopback port, waits (60 s at
# most) until it is ready, and sets server (its pid), url, key and secret (the root credentials).
start_minicloud() {
  local data=$1 log=$2 port deadline
  port=$(free_port)
  ./minicloud server --port "$port" --data "$data" >"$log" 2>&1 &
  server=$!
  url="http://127.0.0.1:$port"
  deadline=$(( $(date +%s) + 60 ))
  until [ -f "$data/root-credentials" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" = 200 ]; do
    (( $(date +%s) < deadline )) || { echo "server not ready; see $log" >&2; return 1; }
    sleep 0.05
  done
  root_credentials "$data"
}
