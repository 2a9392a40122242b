#!/usr/bin/env bash
# Load benchmark: this server (the JVM distribution, SQLite) side by side with the oidc-provider
# peer, with wrk. One command, one table. Not part of CI. See benchmarks/load/README.md.
#
#   benchmarks/load/run.sh [--duration S] [--warmup S] [--connections "32 64"] [--threads N]
#                          [--scenarios "discovery jwks client_credentials refresh code userinfo passkey"]
#                          [--peer auto|none] [--accp] [--no-build] [--dist DIR] [--out FILE]
#
# --dist DIR runs another built distribution (e.g. a copy of an older build) instead of distribution/target/pocket-id.
#
# Everything goes to loopback only (127.0.0.1); every wrk run is bounded by --duration.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/benchmarks/load"
duration=30
warmup=5
connections="32 64"
threads=2
scenarios="discovery jwks client_credentials refresh code userinfo passkey"
peer_mode=auto
build=1
accp=0
out=""
port=${LOAD_PORT:-18411}
peer_port=${OIDCP_PORT:-13001}
work=${LOAD_WORK:-/tmp/pocket-id-load}

while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --scenarios) scenarios=$2; shift 2 ;;
    --peer) peer_mode=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --accp) accp=1; shift ;;
    --dist) dist_dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

log() { echo "load: $*" >&2; }

# --- tools -----------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing wrk (Debian package)"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "run.sh: wrk is missing: sudo apt-get install wrk" >&2; exit 1
  fi
fi
launcher="${dist_dir:-$root/distribution/target/pocket-id}/bin/pocket-id"
bench_jar="$root/benchmarks/target/benchmarks.jar"
if [ "$build" = 1 ] || [ ! -x "$launcher" ] || [ ! -f "$bench_jar" ]; then
  log "building the distribution and the seeding tool"
  (cd "$root" && mvn -B -q -DskipTests -Pbenchmarks -pl distribution,benchmarks -am package >/dev/null)
fi

# --- helpers ---------------------------------------------------------------------------------
clk=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
wait_http() { # url expected-status seconds
  local deadline=$(( $(date +%s) + $3 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "$2" ]; do
    [ "$(date +%s)" -gt "$deadline" ] && return 1
    sleep 0.05
  done
}

export LOAD_LUA_DIR="$here/lua"
seed() { java -cp "$bench_jar" io.pocketid.benchmarks.load.Seed "$db" "$app_url" "$@" 2>>"$work/seed.log"; }

# --- this server -----------------------------------------------------------------------------
rm -rf "$work"; mkdir -p "$work/data"
db="$work/data/pocket-id.db"
jca=jdk
if [ "$accp" = 1 ]; then # the distribution with ACCP in lib/ (not shipped: see JcaProviders)
  log "fetching Amazon Corretto Crypto Provider 2.5.0 (Maven Central)"
  (cd "$root" && mvn -B -q dependency:copy -Dartifact=software.amazon.cryptools:AmazonCorrettoCryptoProvider:2.5.0:jar:linux-x86_64 \
    -DoutputDirectory="$work/accp" >/dev/null)
  cp -r "${dist_dir:-$root/distribution/target/pocket-id}" "$work/dist"
  cp "$work"/accp/*.jar "$work/dist/lib/"
  launcher="$work/dist/bin/pocket-id"
  jca=accp
fi
app_url="http://localhost:$port"
seed base
log "starting this server on 127.0.0.1:$port"
(cd "$work" && APP_URL=$app_url PORT=$port HOST=127.0.0.1 DB_CONNECTION_STRING=$db \
  KEYS_PATH=$work/data/keys UPLOAD_PATH=$work/data/uploads TRUST_PROXY=true LOG_LEVEL=warn JCA_PROVIDER=$jca CDS_ARCHIVE_DIR=off \
  exec "$launcher" >"$work/server.log" 2>&1) &
ours_pid=$!
trap 'kill -TERM $ours_pid 2>/dev/null || true; [ -n "${peer_pid_started:-}" ] && kill -TERM $peer_pid_started 2>/dev/null || true' EXIT
wait_http "http://127.0.0.1:$port/healthz" 204 60 || { echo "server did not start; $work/server.log" >&2; exit 1; }
curl -s -o /dev/null "http://127.0.0.1:$port/.well-known/jwks.json" # signing key loaded or created

# --- the peer --------------------------------------------------------------------------------
peer_pid=""
peer_seed=0
peer_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$peer_port/.well-known/openid-configuration")" = 200 ]; }
if [ "$peer_mode" != none ]; then
  if peer_up; then
    peer_pid=$(ss -ltnpH "sport = :$peer_port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
    log "using the oidc-provider already on port $peer_port (pid ${peer_pid:-unknown})"
  elif command -v node >/dev/null; then
    if [ ! -d "$here/peer/node_modules/oidc-provider" ]; then
      log "installing oidc-provider 9.13.3 (npm)"
      (cd "$here/peer" && npm ci --no-audit --no-fund >/dev/null 2>&1)
    fi
    log "starting oidc-provider on 127.0.0.1:$peer_port"
    (cd "$here/peer" && OIDCP_PORT=$peer_port OIDCP_AT_FORMAT=jwt OIDCP_ADAPTER=map OIDCP_ROTATE=1 \
      OIDCP_BENCH_SEED=1 exec node server.mjs >"$work/peer.log" 2>&1) &
    peer_pid=$!
    peer_pid_started=$peer_pid
    wait_http "http://127.0.0.1:$peer_port/.well-known/openid-configuration" 200 30 \
      || { echo "peer did not start; $work/peer.log" >&2; exit 1; }
  else
    log "no oidc-provider running and no node: this server only"
  fi
  if [ -n "$peer_pid" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST \
      "http://127.0.0.1:$peer_port/bench/seed?kind=userinfo&n=1")" = 200 ]; then
    peer_seed=1
  fi
fi

rss_ours_before=$(rss_mb $ours_pid)
rss_peer_before=$([ -n "$peer_pid" ] && rss_mb "$peer_pid" || echo "")

basic_ours="Authorization: Basic $(printf 'bench-client:bench-secret' | base64)"
basic_peer=$basic_ours
redirect_enc="http%3A%2F%2F127.0.0.1%3A13002%2Fcb"

# Prepares the pool a scenario needs for one run ($1 server, $2 scenario, $3 count) into $work/pool.
prepare() {
  local server=$1 scenario=$2 n=$3
  case "$server:$scenario" in
    ours:refresh) seed refresh "$n" "$work/pool" ;;
    ours:code) seed codes "$n" "$work/pool" ;;
    ours:passkey) seed passkeys "$n" "$work/pool" ;;
    peer:refresh) curl -s -X POST "http://127.0.0.1:$peer_port/bench/seed?kind=refresh&n=$n" >"$work/pool" ;;
    peer:code) curl -s -X POST "http://127.0.0.1:$peer_port/bench/seed?kind=code&n=$n" >"$work/pool" ;;
  esac
}

# One wrk run; prints "rps p50 p99 cpu% non2xx".
run_wrk() { # server scenario connections seconds
  local server=$1 scenario=$2 c=$3 secs=$4 base pid script args=() hdr=() path
  if [ "$server" = ours ]; then base="http://127.0.0.1:$port"; pid=$ours_pid
  else base="http://127.0.0.1:$peer_port"; pid=$peer_pid; fi
  case $scenario in
    discovery) script=get.lua; path=/.well-known/openid-configuration ;;
    jwks) script=get.lua; path=$([ "$server" = ours ] && echo /.well-known/jwks.json || echo /jwks) ;;
    userinfo) script=get.lua; path=$([ "$server" = ours ] && echo /api/oidc/userinfo || echo /me)
      hdr=(-H "Authorization: Bearer $([ "$server" = ours ] && echo "$ours_at" || echo "$peer_at")") ;;
    client_credentials) script=client_credentials.lua
      path=$([ "$server" = ours ] && echo /api/oidc/token || echo /token)
      hdr=(-H "$([ "$server" = ours ] && echo "$basic_ours" || echo "$basic_peer")") ;;
    refresh|code) script=$scenario.lua
      path=$([ "$server" = ours ] && echo /api/oidc/token || echo /token)
      hdr=(-H "$([ "$server" = ours ] && echo "$basic_ours" || echo "$basic_peer")")
      args=(-- "$work/pool" "$threads" "$redirect_enc") ;;
    passkey) script=passkey.lua; path=/api/webauthn/login/finish; args=(-- "$work/pool" "$threads") ;;
  esac
  local t0 t1 result
  t0=$(cpu_ticks "$pid")
  result=$(wrk -t"$threads" -c"$c" -d"${secs}s" --timeout 10s "${hdr[@]}" -s "$here/lua/$script" \
    "$base$path" "${args[@]}" | grep '^RESULT')
  t1=$(cpu_ticks "$pid")
  local rps p50 p99 non2xx elapsed
  rps=$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$result")
  p50=$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<<"$result")
  p99=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<<"$result")
  non2xx=$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<<"$result")
  elapsed=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$result")
  local cpu
  cpu=$(awk -v d=$((t1 - t0)) -v hz="$clk" -v s="$elapsed" 'BEGIN {printf "%.0f", 100 * d / hz / s}')
  echo "$rps $p50 $p99 $cpu $non2xx"
}

# Pool sizes: three times what the warm-up's rate would use (single-use codes and ceremonies; a
# warm-up on a cold JVM is slower than the run), so a run never exhausts its pool — a non-2xx
# count in the table would show it; refresh tokens rotate, so a few per connection are enough.
pool_size() { # scenario rate seconds
  case $1 in
    refresh) echo $(( threads * 200 )) ;;
    *) awk -v r="$2" -v s="$3" 'BEGIN {n = int(r * s * 3) + 5000; print n}' ;;
  esac
}

# An access token of this server for userinfo: one code redeemed.
if [[ " $scenarios " == *" userinfo "* ]]; then
  seed codes 1 "$work/pool"
  ours_at=$(curl -s -H "$basic_ours" -d "grant_type=authorization_code&code=$(head -1 "$work/pool")&redirect_uri=$redirect_enc" \
    "http://127.0.0.1:$port/api/oidc/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  [ "$peer_seed" = 1 ] && peer_at=$(curl -s -X POST "http://127.0.0.1:$peer_port/bench/seed?kind=userinfo&n=1" | head -1)
fi

rows=()
for scenario in $scenarios; do
  for server in ours peer; do
    [ "$server" = peer ] && [ -z "$peer_pid" ] && continue
    [ "$server" = peer ] && [ "$scenario" = passkey ] && continue
    case $scenario in code|refresh|userinfo) [ "$server" = peer ] && [ "$peer_seed" = 0 ] && continue ;; esac
    first_c=${connections%% *}
    guess=$([ "$server" = ours ] && echo 3000 || echo 2000)
    [ "$scenario" = passkey ] && guess=1000
    prepare "$server" "$scenario" "$(pool_size "$scenario" "$guess" "$warmup")"
    read -r wrps _ <<<"$(run_wrk "$server" "$scenario" "$first_c" "$warmup")"
    log "$server $scenario warm-up: $wrps req/s"
    for c in $connections; do
      prepare "$server" "$scenario" "$(pool_size "$scenario" "$wrps" "$duration")"
      read -r rps p50 p99 cpu non2xx <<<"$(run_wrk "$server" "$scenario" "$c" "$duration")"
      log "$server $scenario c=$c: $rps req/s p50 $p50 ms p99 $p99 ms cpu $cpu % non-2xx $non2xx"
      rows+=("$scenario|$server|$c|$rps|$p50|$p99|$cpu|$non2xx")
      wrps=$(awk -v a="$wrps" -v b="$rps" 'BEGIN {print (b > a ? b : a)}') # size the next pool
    done
  done
done

rss_ours_after=$(rss_mb $ours_pid)
rss_peer_after=$([ -n "$peer_pid" ] && rss_mb "$peer_pid" || echo "")

# --- the table -------------------------------------------------------------------------------
{
  echo "| request | server | c | req/s | p50 ms | p99 ms | server CPU % | CPU ms/req | non-2xx |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for row in "${rows[@]}"; do
    IFS='|' read -r scenario server c rps p50 p99 cpu non2xx <<<"$row"
    name=$([ "$server" = ours ] && echo "pocket-id (JVM$([ "$jca" = accp ] && echo ", ACCP"))" || echo "oidc-provider 9.13")
    per=$(awk -v c="$cpu" -v r="$rps" 'BEGIN {printf "%.2f", (r > 0 ? c * 10 / r : 0)}')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$scenario" "$name" "$c" \
      "$(printf "%'.0f" "$rps")" "$p50" "$p99" "$cpu" "$per" "$non2xx"
  done
  echo
  echo "RSS: pocket-id ${rss_ours_before} MB before, ${rss_ours_after} MB after$([ -n "$peer_pid" ] \
    && echo "; oidc-provider ${rss_peer_before} MB before, ${rss_peer_after} MB after")."
  echo "wrk -t$threads, ${duration} s per run after a ${warmup} s warm-up; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "${out:-$work/results.md}"
