#!/usr/bin/env bash
# Measures a loaded Pocket ID image: start-up to the first /healthz 204, idle RSS, and the cost of one health check.
# The figures in docs/container.md come from this script.
#
#   distribution/measure-image.sh [IMAGE] [RUNS]     # default localhost/pocket-id:<version>, 5 runs
#
# - start-up: `podman run` (first start: empty volume, schema created) and then RUNS x `podman start` on the same
#   volume, each timed from the podman command to the first 204 (read-only, 1000:1000, no capabilities, host network);
# - idle RSS: VmRSS of the server's java process (/proc/PID/status) and `podman stats --no-stream`, 10 s after start;
# - health check: the image's HEALTHCHECK command run RUNS times under `/usr/bin/time -v`, chrooted into the image's
#   own files (podman image mount), against the running server: user+sys CPU seconds and maximum RSS per call.
# Needs root (podman image mount, chroot). Removes its container and volume on exit.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=src/image/podman-env.sh
. "$here/src/image/podman-env.sh"
pocketid_podman_setup

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$here/pom.xml" | head -n1)
image=${1:-localhost/pocket-id:$version}
runs=${2:-5}
name=pocket-id-measure-$$
port=$((30000 + RANDOM % 10000))
mnt=
cleanup() {
  podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$name" >/dev/null 2>&1 || true
  [ -n "$mnt" ] && podman image unmount "$image" >/dev/null 2>&1 || true
}
trap cleanup EXIT

now() { date +%s.%N; }
wait_204() {
  local t0=$1
  for _ in $(seq 1 2400); do
    if [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 204 ]; then
      awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'
      return 0
    fi
    sleep 0.02
  done
  return 1
}

echo "image $image: $(podman image inspect --format '{{.Size}}' "$image") bytes (podman image inspect --format {{.Size}})"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared with other jobs)"
podman volume create "$name" >/dev/null
t0=$(now)
podman run -d --name "$name" --read-only --user 1000:1000 --cap-drop=ALL --security-opt=no-new-privileges \
  --tmpfs /tmp:rw,size=64m,mode=1777 -v "$name:/pocket-id/var" --network=host \
  -e "PORT=$port" -e HOST=127.0.0.1 -e "APP_URL=http://localhost:$port" "$image" >/dev/null 2>&1
echo "first start (empty volume): $(wait_204 "$t0") s to the first 204"
times=()
for _ in $(seq 1 "$runs"); do
  podman stop -t 10 "$name" >/dev/null 2>&1
  t0=$(now)
  podman start "$name" >/dev/null 2>&1
  times+=("$(wait_204 "$t0")")
done
printf 'restart (existing database), %s runs: %s s; median %s s\n' "$runs" "${times[*]}" \
  "$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')"

for _ in $(seq 1 20); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; done
sleep 10
pid=$(podman inspect --format '{{.State.Pid}}' "$name")
echo "idle RSS: $(awk '/^VmRSS:/ { print $2, $3 }' "/proc/$pid/status") (VmRSS of java), podman stats: $(podman stats --no-stream --format '{{.MemUsage}}' "$name" 2>/dev/null | head -n1)"

mnt=$(podman image mount "$image")
hc=$(podman image inspect --format '{{range $i, $a := .Config.Healthcheck.Test}}{{if $i}}{{$a}}{{"\n"}}{{end}}{{end}}' "$image" | sed '/^$/d')
mapfile -t hc_cmd < <(printf '%s\n' "$hc")
echo "health check: ${hc_cmd[*]}"
cpu=()
rss=()
for _ in $(seq 1 "$runs"); do
  out=$(env -i PORT="$port" /usr/bin/time -v /usr/bin/unshare -m /bin/sh -c \
    'mount -t proc proc "$0/proc" && mount --bind /dev "$0/dev" && exec /usr/sbin/chroot --userspec=1000:1000 "$0" "$@"' \
    "$mnt" "${hc_cmd[@]}" 2>&1) || { echo "$out"; echo "health check failed"; exit 1; }
  cpu+=("$(printf '%s\n' "$out" | awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }')")
  rss+=("$(printf '%s\n' "$out" | awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }')")
done
echo "health check per call, $runs runs: CPU (user+sys) ${cpu[*]} s; max RSS ${rss[*]} MB"
