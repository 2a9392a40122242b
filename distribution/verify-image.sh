#!/usr/bin/env bash
# Verifies the Pocket ID container image the way an operator runs it:
# read-only root filesystem, uid:gid 1000:1000, no capabilities, no-new-privileges, tmpfs /tmp, a volume for
# /pocket-id/var. Proves /healthz, the image's HEALTHCHECK, the absence of a shell, the passkey and OIDC flows
# end to end (ImageSmokeIT, run with Maven from this checkout; VERIFY_SMOKE=0 posts only the first admin),
# persistence across a restart, a clean stop on SIGTERM within 10 s, and the size budget (< 63 MB, upstream
# Pocket ID 1.15).
#
#   distribution/verify-image.sh [TARBALL]     # default distribution/target/pocket-id-image.tar (built if missing)
#
# Installs podman/buildah/runc from Debian's packages when missing (src/image/podman-env.sh). Starts nothing that
# outlives it: its container and volume are removed on exit. Last line: "image verification: N passed, M failed".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=src/image/podman-env.sh
. "$here/src/image/podman-env.sh"

MAX_SIZE=${POCKETID_MAX_IMAGE_SIZE:-63000000}
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
info() { echo "      $*"; }
finish() {
  echo "image verification: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit
}

pocketid_podman_setup || { fail "podman is not available"; finish; }

tarball=${1:-$here/target/pocket-id-image.tar}
if [ ! -f "$tarball" ]; then
  echo "no $tarball: building it with build-image.sh"
  tarball=$("$here/build-image.sh" | tail -n1) || { fail "build-image.sh failed"; finish; }
fi

name=pocket-id-verify-$$
volume=pocket-id-verify-$$
cleanup() {
  podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# ---- load ----------------------------------------------------------------------------------------------------------
load_out=$(podman load -i "$tarball" 2>&1) || { echo "$load_out"; fail "podman load -i $tarball"; finish; }
image=$(printf '%s\n' "$load_out" | sed -n 's/^Loaded image[^:]*: *//p' | tr ',' '\n' | head -n1)
[ -n "$image" ] || { echo "$load_out"; fail "no image name in podman load's output"; finish; }
pass "podman load -i $tarball -> $image"

# ---- static properties ---------------------------------------------------------------------------------------------
size=$(podman image inspect --format '{{.Size}}' "$image")
info "image size: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }')) per podman image inspect --format {{.Size}}"
podman images --format '      podman images: {{.Repository}}:{{.Tag}} {{.Size}}' "$image" 2>/dev/null | head -n1
if [ "$size" -lt "$MAX_SIZE" ]; then pass "image size $size < $MAX_SIZE bytes"; else fail "image size $size >= $MAX_SIZE bytes"; fi

user=$(podman image inspect --format '{{.Config.User}}' "$image")
[ "$user" = 1000:1000 ] && pass "USER 1000:1000" || fail "USER is '$user'"
hc=$(podman image inspect --format '{{json .Config.Healthcheck}}' "$image")
case $hc in
  *'"CMD"'*io.pocketid.server.cli.Healthcheck*) pass "HEALTHCHECK (exec form) kept in the image: $hc" ;;
  *) fail "HEALTHCHECK missing or not exec form: $hc" ;;
esac
vols=$(podman image inspect --format '{{json .Config.Volumes}}' "$image")
[[ $vols == *'/pocket-id/var'* ]] && pass "VOLUME /pocket-id/var" || fail "volumes: $vols"
ports=$(podman image inspect --format '{{json .Config.ExposedPorts}}' "$image")
[[ $ports == *'1411/tcp'* ]] && pass "EXPOSE 1411" || fail "exposed ports: $ports"
env=$(podman image inspect --format '{{json .Config.Env}}' "$image")
missing_env=
for e in DB_CONNECTION_STRING=/pocket-id/var/pocket-id.db UPLOAD_PATH=/pocket-id/var/uploads KEYS_PATH=/pocket-id/var/keys \
  GEOLITE_DB_PATH=/pocket-id/var/GeoLite2-City.mmdb APP_ENV=production ANALYTICS_DISABLED=true; do
  [[ $env == *"\"$e\""* ]] || missing_env="$missing_env $e"
done
[ -z "$missing_env" ] && pass "default environment" || fail "environment lacks:$missing_env"

# ---- class-data sharing: when the image carries archives (built with CDS=app), they must map ---------------------
for archive in app healthcheck; do
  if [ $archive = app ]; then cp_args=(@/pocket-id/classpath.args io.pocketid.server.Main version); else
    cp_args=(-cp /pocket-id/lib/pocket-id-server.jar io.pocketid.server.cli.Healthcheck -e http://127.0.0.1:9); fi
  out=$(podman run --rm --read-only --user 1000:1000 --network=none --entrypoint /opt/java/bin/java "$image" \
    -Xshare:on "-XX:SharedArchiveFile=/pocket-id/cds/$archive.jsa" -Xlog:cds=info "${cp_args[@]}" 2>&1)
  if grep -q "Opened archive /pocket-id/cds/$archive.jsa" <<<"$out"; then
    pass "CDS archive /pocket-id/cds/$archive.jsa maps (-Xshare:on)"
  elif grep -qi 'not found\|No such file' <<<"$out"; then
    info "no /pocket-id/cds/$archive.jsa (image built without CDS=app)"
  else
    fail "CDS archive $archive.jsa present but unusable: $(printf '%s' "$out" | grep -i -m1 'error\|mismatch')"
  fi
done

# ---- run it as an operator would ------------------------------------------------------------------------------------
port=${VERIFY_PORT:-}
if [ -z "$port" ]; then
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
fi
base=http://127.0.0.1:$port
podman volume create "$volume" >/dev/null

run_flags=(
  --name "$name" --read-only --user 1000:1000 --cap-drop=ALL --security-opt=no-new-privileges
  --tmpfs /tmp:rw,nosuid,nodev,size=64m,mode=1777 -v "$volume:/pocket-id/var" --network=host
  -e "PORT=$port" -e HOST=127.0.0.1 -e "APP_URL=http://localhost:$port"
)

wait_healthz() { # seconds -> prints the elapsed time, status 0 on a 204
  local deadline=$((SECONDS + $1)) start code
  start=$(date +%s.%N)
  while [ "$SECONDS" -lt "$deadline" ]; do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$base/healthz" || true)
    if [ "$code" = 204 ]; then
      awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'
      return 0
    fi
    [ "$(podman inspect --format '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || return 1
    sleep 0.1
  done
  return 1
}

setup_body='{"username":"admin","email":"admin@example.com","firstName":"Ada","lastName":"Admin"}'
post_setup() { curl -s -m 20 -o "$1" -w '%{http_code}' -H 'Content-Type: application/json' -d "$setup_body" "$base/api/signup/setup"; }

if podman run -d "${run_flags[@]}" "$image" >/dev/null; then
  pass "podman run --read-only --user 1000:1000 --cap-drop=ALL --security-opt=no-new-privileges --tmpfs /tmp -v VOLUME:/pocket-id/var"
else
  fail "podman run"
  finish
fi
if t=$(wait_healthz 120); then
  pass "GET /healthz -> 204, ${t} s after podman run"
else
  fail "no 204 from $base/healthz"
  podman logs "$name" 2>&1 | tail -n 40
  finish
fi

ro=$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$name")
[ "$ro" = true ] && pass "root filesystem is read-only" || fail "ReadonlyRootfs=$ro"
pid=$(podman inspect --format '{{.State.Pid}}' "$name")
if [ -r "/proc/$pid/status" ]; then
  uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
  capeff=$(awk '/^CapEff:/ { print $2 }' "/proc/$pid/status")
  nnp=$(awk '/^NoNewPrivs:/ { print $2 }' "/proc/$pid/status")
  [ "$uid" = 1000 ] && pass "java (pid $pid on the host) runs as uid 1000" || fail "uid $uid"
  [ "$capeff" = 0000000000000000 ] && pass "no effective capabilities" || fail "CapEff $capeff"
  [ "$nnp" = 1 ] && pass "no_new_privs set" || fail "NoNewPrivs $nnp"
  info "idle RSS of the server: $(awk '/^VmRSS:/ { print $2, $3 }' "/proc/$pid/status") (/proc/$pid/status)"
fi
stats=$(podman stats --no-stream --format '{{.MemUsage}}' "$name" 2>/dev/null | head -n1)
[ -n "$stats" ] && info "podman stats --no-stream: $stats"

if out=$(podman healthcheck run "$name" 2>&1); then
  pass "podman healthcheck run -> healthy ${out}"
else
  fail "podman healthcheck run: $out"
fi
status=$(podman inspect --format '{{.State.Health.Status}}' "$name" 2>/dev/null || podman inspect --format '{{.State.Healthcheck.Status}}' "$name" 2>/dev/null)
[ "$status" = healthy ] && pass "health status: healthy" || fail "health status: '$status'"

if out=$(podman exec "$name" /bin/sh -c true 2>&1); then
  fail "podman exec $name /bin/sh succeeded: there is a shell"
else
  pass "podman exec /bin/sh fails (no shell): $(printf '%s' "$out" | tail -n1)"
fi

tmpf=$(mktemp)
smoke_out=$(mktemp)
if [ "${VERIFY_SMOKE:-1}" = 1 ]; then
  # The end-to-end check of what the trimmed jars and runtime must still do (server/src/test/…/ImageSmokeIT.java):
  # first admin, passkey registration and sign-in, an OIDC client through the REST API, code + PKCE, the ID token
  # verified against the JWKS, userinfo, refresh rotation, introspection, client_credentials. Run by Maven from this
  # checkout (the server's test classes; the upstream modules are compiled, not tested, with -am).
  smoke_log=$(mktemp)
  if (cd "$here/.." && mvn -B -q -pl server -am test-compile surefire:test -Dtest=ImageSmokeIT \
    -Dsurefire.failIfNoSpecifiedTests=false -Dpocketid.image.url="http://localhost:$port" \
    -Dpocketid.image.out="$smoke_out") >"$smoke_log" 2>&1; then
    pass "ImageSmokeIT against the container: setup, passkey register + sign-in, OIDC client, code + PKCE, ID token signature, userinfo, refresh rotation, introspection, client_credentials"
  else
    fail "ImageSmokeIT against the container"
    grep -v '^\[INFO\]' "$smoke_log" | head -n 60
    for report in "$here"/../server/target/surefire-reports/*ImageSmokeIT.txt; do
      [ -f "$report" ] && head -n 40 "$report"
    done
    podman logs "$name" 2>&1 | tail -n 30
  fi
  rm -f "$smoke_log"
else
  code=$(post_setup "$tmpf")
  [ "$code" = 200 ] && pass "POST /api/signup/setup -> 200 (first user created)" || fail "POST /api/signup/setup -> $code $(cat "$tmpf")"
fi

# ---- SIGTERM: podman stop -t 10 -------------------------------------------------------------------------------------
t0=$(date +%s.%N)
podman stop -t 10 "$name" >/dev/null 2>&1
took=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
if awk -v t="$took" 'BEGIN { exit !(t < 10) }'; then pass "podman stop -t 10 returned in ${took} s"; else fail "podman stop took ${took} s"; fi
case $exit_code in
  0 | 143) pass "exit code $exit_code after SIGTERM (clean)" ;;
  *) fail "exit code $exit_code after SIGTERM (137 = killed after the timeout)" ;;
esac
# conmon writes the log file asynchronously: give the last lines a moment to arrive (up to 20 s on a loaded machine).
# (The logs go to a variable first: with pipefail, `podman logs | grep -q` fails whenever grep exits before podman.)
shutdown_line=
for _ in $(seq 1 100); do
  logs=$(podman logs "$name" 2>&1 || true)
  shutdown_line=$(printf '%s\n' "$logs" | grep -E 'Stopped|[Ss]hut(ting)? ?down|[Gg]raceful' | tail -n1 || true)
  [ -n "$shutdown_line" ] && break
  sleep 0.2
done
if [ -n "$shutdown_line" ]; then
  pass "graceful shutdown logged: $shutdown_line"
else
  fail "no shutdown message in the logs"
  printf '%s\n' "$logs" | tail -n 10
fi

# ---- restart: the data survived ------------------------------------------------------------------------------------
podman start "$name" >/dev/null
if t=$(wait_healthz 120); then
  pass "restarted: GET /healthz -> 204, ${t} s after podman start"
  code=$(post_setup "$tmpf")
  if [ "$code" = 400 ] && grep -q 'Setup already completed' "$tmpf"; then
    pass "POST /api/signup/setup after the restart -> 400 Setup already completed (the data survived)"
  else
    fail "POST /api/signup/setup after the restart -> $code $(cat "$tmpf")"
  fi
  if [ -s "$smoke_out" ]; then
    # The client made before the restart still authenticates, and tokens are signed with the same key.
    client_id=$(sed -n 's/^client_id=//p' "$smoke_out")
    client_secret=$(sed -n 's/^client_secret=//p' "$smoke_out")
    kid=$(sed -n 's/^kid=//p' "$smoke_out")
    code=$(curl -s -m 20 -o "$tmpf" -w '%{http_code}' -u "$client_id:$client_secret" -d grant_type=client_credentials \
      "$base/api/oidc/token")
    header=$(sed -n 's/.*"access_token":"\([^".]*\)\..*/\1/p' "$tmpf" | tr '_-' '/+')
    while [ $((${#header} % 4)) -ne 0 ]; do header="$header="; done
    token_kid=$(printf '%s' "$header" | base64 -d 2>/dev/null | sed -n 's/.*"kid":"\([^"]*\)".*/\1/p')
    if [ "$code" = 200 ] && [ -n "$kid" ] && [ "$token_kid" = "$kid" ]; then
      pass "after the restart: client_credentials for the client made before it -> 200, signed with the same key ($kid)"
    else
      fail "after the restart: client_credentials -> $code, kid '$token_kid' (before: '$kid') $(head -c 300 "$tmpf")"
    fi
  fi
else
  fail "no 204 after the restart"
  podman logs "$name" 2>&1 | tail -n 20
fi
rm -f "$tmpf" "$smoke_out"
podman stop -t 10 "$name" >/dev/null 2>&1

# ---- the SQLite compose file, as an operator would use it ------------------------------------------------------------
# podman-compose (installed from Debian's packages by podman-env.sh); its own project name, network and volume, a free
# port. VERIFY_COMPOSE=0 skips it.
if [ "${VERIFY_COMPOSE:-1}" = 1 ]; then
  if command -v podman-compose >/dev/null 2>&1; then
    project=pocket-id-verify-compose-$$
    compose_file=$here/compose/compose.sqlite.yml
    cport=$port
    for _ in $(seq 1 50); do
      cport=$((20000 + RANDOM % 20000))
      (exec 3<>"/dev/tcp/127.0.0.1/$cport") 2>/dev/null || break
    done
    compose() { POCKET_ID_IMAGE=$image POCKET_ID_PORT=$cport APP_URL=http://localhost:$cport podman-compose -p "$project" -f "$compose_file" "$@" >/dev/null 2>&1; }
    compose_cleanup() {
      compose down || true
      podman volume rm -f "${project}_pocket-id.var" >/dev/null 2>&1 || true
      podman network rm -f "${project}_default" >/dev/null 2>&1 || true
    }
    cbase=http://127.0.0.1:$cport
    compose_healthz() {
      local deadline=$((SECONDS + 120))
      while [ "$SECONDS" -lt "$deadline" ]; do
        [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$cbase/healthz" || true)" = 204 ] && return 0
        sleep 0.2
      done
      return 1
    }
    cname=${project}_pocket-id_1
    if compose up -d && compose_healthz; then
      pass "podman-compose -f compose/compose.sqlite.yml up: /healthz -> 204 on the published port"
      settings=$(podman inspect --format '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}' "$cname" 2>&1)
      cpid=$(podman inspect --format '{{.State.Pid}}' "$cname" 2>/dev/null)
      ccap=$(awk '/^CapEff:/ { print $2 }' "/proc/$cpid/status" 2>/dev/null)
      if [ "$settings" = "1000:1000 true" ] && [ "$ccap" = 0000000000000000 ]; then
        pass "compose: runs as 1000:1000 on a read-only root filesystem with no effective capabilities"
      else
        fail "compose: user and read-only: '$settings', CapEff '$ccap'"
      fi
      if out=$(podman healthcheck run "$cname" 2>&1); then pass "compose: the image's HEALTHCHECK -> healthy"; else fail "compose: healthcheck: $out"; fi
      ctmp=$(mktemp)
      code=$(curl -s -m 20 -o "$ctmp" -w '%{http_code}' -H 'Content-Type: application/json' -d "$setup_body" "$cbase/api/signup/setup")
      [ "$code" = 200 ] && pass "compose: POST /api/signup/setup -> 200" || fail "compose: POST /api/signup/setup -> $code $(cat "$ctmp")"
      if compose down && compose up -d && compose_healthz; then
        code=$(curl -s -m 20 -o "$ctmp" -w '%{http_code}' -H 'Content-Type: application/json' -d "$setup_body" "$cbase/api/signup/setup")
        if [ "$code" = 400 ] && grep -q 'Setup already completed' "$ctmp"; then
          pass "compose: after down and up, setup -> 400 Setup already completed (the named volume kept the data)"
        else
          fail "compose: after down and up, setup -> $code $(cat "$ctmp")"
        fi
      else
        fail "compose: no 204 after down and up"
      fi
      rm -f "$ctmp"
    else
      fail "podman-compose -f compose/compose.sqlite.yml up: no 204 from $cbase/healthz"
      podman logs "$cname" 2>&1 | tail -n 20
    fi
    compose_cleanup
  else
    if [ "${CI:-}" = true ]; then
      fail "podman-compose is not available (apt-get install podman-compose); VERIFY_COMPOSE=0 skips this check"
    else
      info "podman-compose is not available: compose file not run (VERIFY_COMPOSE=0 skips this)"
    fi
  fi
fi

finish
