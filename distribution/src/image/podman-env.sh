# shellcheck shell=bash
# Sourced by build-image.sh and verify-image.sh: makes podman/buildah usable on a machine without a Docker daemon.
#
# - installs podman, buildah and runc (and podman-compose, zip, unzip, binutils, g++, python3, time) from Debian's
#   packages when they are missing (needs root and apt-get);
# - keeps podman's configuration, storage and run state in one private directory (default /tmp/pocket-id-podman,
#   override with POCKETID_PODMAN_ROOT) so the host's own containers configuration is never touched;
# - uses the settings that work in a sandbox with hybrid cgroups and low hard ulimits: runc (crun refuses hybrid
#   cgroups), the cgroupfs manager, file events, the vfs storage driver, nofile/nproc ulimits below the hard limits.

pocketid_podman_install() {
  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v buildah >/dev/null 2>&1 || missing+=(buildah)
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  [ -e /usr/bin/time ] || missing+=(time)
  # verify-image.sh runs the SQLite compose file with it
  command -v podman-compose >/dev/null 2>&1 || missing+=(podman-compose)
  # make-rootfs.sh and normalize-docker-archive.py
  command -v zip >/dev/null 2>&1 || missing+=(zip)
  command -v unzip >/dev/null 2>&1 || missing+=(unzip)
  { command -v strip && command -v readelf; } >/dev/null 2>&1 || missing+=(binutils)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  # make-rootfs.sh links the slim libstdc++.so.6 from GCC's libsupc++.a (package libstdc++-12-dev, pulled by g++)
  [ -f "$(gcc -print-file-name=libsupc++.a 2>/dev/null)" ] || missing+=(g++)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      echo "missing: ${missing[*]} (install podman, buildah and runc, or run as root on Debian)" >&2
      return 1
    fi
    echo "installing from Debian packages: ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      podman buildah runc slirp4netns uidmap containernetworking-plugins fuse-overlayfs "${missing[@]}" >&2
  fi
}

pocketid_podman_setup() {
  pocketid_podman_install || return 1
  POCKETID_PODMAN_ROOT="${POCKETID_PODMAN_ROOT:-/tmp/pocket-id-podman}"
  mkdir -p "$POCKETID_PODMAN_ROOT"/{storage,run,tmp}
  local nofile nproc
  # Ask for no more than the hard limits allow (rootful podman's defaults exceed them in a sandbox).
  nofile=$(ulimit -Hn); [ "$nofile" = unlimited ] && nofile=1048576
  [ "$nofile" -gt 1048576 ] && nofile=1048576
  nproc=$(ulimit -Hu); { [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; } && nproc=32768
  cat > "$POCKETID_PODMAN_ROOT/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]
netns = "host"
cgroupns = "host"
log_driver = "k8s-file"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$POCKETID_PODMAN_ROOT/run/events.log"
runtime = "runc"
CONF
  cat > "$POCKETID_PODMAN_ROOT/storage.conf" <<CONF
[storage]
driver = "vfs"
graphroot = "$POCKETID_PODMAN_ROOT/storage"
runroot = "$POCKETID_PODMAN_ROOT/run"
CONF
  export CONTAINERS_CONF="$POCKETID_PODMAN_ROOT/containers.conf"
  export CONTAINERS_STORAGE_CONF="$POCKETID_PODMAN_ROOT/storage.conf"
  export TMPDIR="$POCKETID_PODMAN_ROOT/tmp"
  export BUILDAH_ISOLATION=oci
}
