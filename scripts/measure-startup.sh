#!/usr/bin/env bash
# Launch → first 204 from /healthz, and idle RSS, for the distribution's launcher.
# usage: scripts/measure-startup.sh DATA_DIR PORT   (after: mvn -B -q -DskipTests -pl distribution -am package)
# A new DATA_DIR measures a first run (schema created); the same DATA_DIR again measures a later run.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1; port=$2
mkdir -p "$dir"; cd "$dir"
start=$(date +%s%N)
PORT=$port "$root/distribution/target/pocket-id/bin/pocket-id" > "$dir/server.log" 2>&1 &
pid=$!
deadline=$(( $(date +%s) + 120 ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/healthz)" = 204 ]; do
  if [ "$(date +%s)" -gt "$deadline" ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "measure-startup: no 204 from /healthz within 120 s; see $dir/server.log" >&2
    kill -TERM "$pid" 2>/dev/null
    exit 1
  fi
  sleep 0.02
done
end=$(date +%s%N)
sleep 5
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
kill -TERM $pid; wait $pid 2>/dev/null
echo "startup_ms=$(( (end - start) / 1000000 )) idle_rss_kb=$rss"
