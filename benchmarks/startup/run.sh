#!/usr/bin/env bash
# Start-up benchmark: launch of the JVM distribution's launcher → first 204 from /healthz (SQLite), over fresh JVMs.
#
#   benchmarks/startup/run.sh [--runs N] [--dist DIR[,DIR2]] [--case later|new] [--rss] [--port P]
#
# --case later (default): one data directory, created by an untimed first start, then N timed starts on it.
# --case new:             N timed starts, each on a new, empty data directory (Liquibase creates the schema).
# --dist A,B:             two distributions (e.g. a copy of the old one and the new one), run alternately (A/B).
# --rss:                  also read VmRSS 5 s after the first 204 (idle RSS); slower.
# Prints every run and the median per distribution, with the load average. Build first:
#   mvn -B -o -q -pl distribution -am package -DskipTests
# Every server it starts is stopped with SIGTERM by its own PID; data directories go under /tmp/pocket-id-startup.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=10; dists="$root/distribution/target/pocket-id"; case_=later; rss=0; port=18611
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --dist) dists=$2; shift 2 ;;
    --case) case_=$2; shift 2 ;;
    --rss) rss=1; shift ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a dist_list <<< "$dists"
work=/tmp/pocket-id-startup; mkdir -p "$work"

# start DIST DATA_DIR → prints "ms cpu_ms rss_kb" (cpu_ms: the JVM's user + system CPU time at the first 204, the figure
# least disturbed by other load on the machine; the launcher execs java, so its PID is the JVM's)
start_once() {
  local dist=$1 dir=$2 start end pid rsskb=0
  mkdir -p "$dir"
  start=$(date +%s%N)
  ( cd "$dir" && PORT=$port HOST=127.0.0.1 APP_URL=http://localhost:$port ANALYTICS_DISABLED=true LOG_LEVEL=warn \
      exec "$dist/bin/pocket-id" serve ) > "$dir/server.log" 2>&1 &
  pid=$!
  local deadline=$(( $(date +%s) + 120 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 204 ]; do
    if [ "$(date +%s)" -gt "$deadline" ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "no 204 from /healthz; see $dir/server.log" >&2; kill -TERM "$pid" 2>/dev/null || true; return 1
    fi
    sleep 0.01
  done
  end=$(date +%s%N)
  local tck cpums jvm=$pid
  # On a first start that writes the CDS archive the launcher waits for java as its child instead of exec'ing it.
  [ "$(cat "/proc/$pid/comm")" = java ] || jvm=$(pgrep -P "$pid" java | head -n 1)
  tck=$(getconf CLK_TCK)
  cpums=$(awk -v t="$tck" '{sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t)}' "/proc/$jvm/stat")
  if [ "$rss" = 1 ]; then sleep 5; rsskb=$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status"); fi
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (end - start) / 1000000 )) $cpums $rsskb"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

declare -A results cpus
for i in "${!dist_list[@]}"; do
  d=${dist_list[$i]}
  if [ "$case_" = later ]; then
    rm -rf "$work/later-$i"; start_once "$d" "$work/later-$i" > /dev/null   # untimed first start: schema, keys
  fi
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $(seq 1 "$runs"); do
  for i in "${!dist_list[@]}"; do
    d=${dist_list[$i]}
    if [ "$case_" = later ]; then dir=$work/later-$i; else dir=$work/new-$i-$n; rm -rf "$dir"; fi
    r=$(start_once "$d" "$dir"); read -r ms cpu kb <<< "$r"
    echo "run $n dist $i ($d): $ms ms, CPU $cpu ms$( [ "$rss" = 1 ] && echo ", idle RSS $(( kb / 1024 )) MB")"
    results[$i]+="$ms "; cpus[$i]+="$cpu "
    [ "$case_" = new ] && rm -rf "$dir"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!dist_list[@]}"; do
  echo "median ($case_ start, ${dist_list[$i]}): $(echo "${results[$i]}" | tr ' ' '\n' | grep . | median) ms to the first 204, CPU $(echo "${cpus[$i]}" | tr ' ' '\n' | grep . | median) ms, over $runs runs"
done
