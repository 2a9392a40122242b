#!/usr/bin/env bash
# Builds the Pocket ID container image without a Docker daemon and writes it as a docker-archive tarball
# (loadable with `podman load` and `docker load`; the docker format keeps the HEALTHCHECK, OCI would drop it).
#
#   distribution/build-image.sh            # prints the tarball's path as its last line
#
# Steps: Maven distribution -> rootfs (jlinked runtime, glibc pieces, jars, users) -> `podman build` of
# distribution/src/image/Dockerfile, whose debian `build` stage is replaced by the rootfs prepared here
# (--build-context), whose `train` stage runs the server inside the rootfs to write the CDS archives, and whose last
# stage is FROM scratch -> docker-archive.
#
# Environment:
#   POCKETID_CDS=app         add the AppCDS archives from a training run (faster start-up, +~64 MB: then larger than
#                            upstream's 63 MB); writes target/pocket-id-image-cds.tar, tag <version>-cds
#   POCKETID_IMAGE           image name (default localhost/pocket-id:<project version>[-cds])
#   POCKETID_SKIP_MAVEN=1    reuse distribution/target/pocket-id from an earlier Maven run
#   SOURCE_DATE_EPOCH        file and image timestamps (default: the last commit's time, else 0)
#   POCKETID_PODMAN_ROOT     podman's private configuration and storage (default /tmp/pocket-id-podman)
#   JAVA_HOME                a JDK 17 with jmods (default /usr/lib/jvm/java-17-openjdk-amd64)
# Installs podman/buildah/runc (and zip, unzip, binutils, python3) from Debian's packages when they are missing
# (src/image/podman-env.sh). Needs a JDK 17 with jmods (Debian: openjdk-17-jdk-headless) and Maven.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
# shellcheck source=src/image/podman-env.sh
. "$here/src/image/podman-env.sh"

log() { echo "[build-image ${SECONDS}s] $*" >&2; }

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)
fi
export SOURCE_DATE_EPOCH

pocketid_podman_setup

if [ "${POCKETID_SKIP_MAVEN:-0}" != 1 ]; then
  # clean: a class or resource left in some target/classes by an earlier build (a file since deleted from src/)
  # would otherwise end up in the image, and the same sources would not give the same image.
  log "maven: clean package the distribution"
  mvn -B -q -DskipTests -pl distribution -am clean package >&2
fi
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/distribution/pom.xml" | head -n1)
cds=${POCKETID_CDS:-none}
case $cds in
  none) suffix= ;;
  app) suffix=-cds ;;
  *) echo "POCKETID_CDS must be none or app" >&2; exit 2 ;;
esac
image=${POCKETID_IMAGE:-localhost/pocket-id:$version$suffix}

work=$here/target/image
log "rootfs"
bash "$here/src/image/make-rootfs.sh" "$here/target/pocket-id" "$here/target/pocket-id-distribution.jar" "$work/out" >&2

log "podman build $image (CDS=$cds, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"
build_args=(
  --format docker
  --timestamp "$SOURCE_DATE_EPOCH"
  --network none
  --build-context "build=$work"
  --build-arg "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"
  --build-arg "CDS=$cds"
  -f "$here/src/image/Dockerfile"
  -t "$image"
)
# --no-cache: every stage is rebuilt (the CDS training always runs). (--layers=false would be simpler, but
# buildah 1.28 then fails at the end of a multi-stage build with "identifier is not an image".)
podman build --no-cache "${build_args[@]}" "$work" >&2

# docker-archive keeps the HEALTHCHECK (OCI has no field for it). buildah writes the random ID and hostname of its
# build container, and the IDs of its intermediate images, into a docker-format config; normalize-docker-archive.py
# blanks them and writes the tarball with fixed metadata, so the same sources give the same tarball and image ID.
# The normalized image replaces the built one in podman's store.
tarball=$here/target/pocket-id-image$suffix.tar
raw=$work/raw-docker-archive.tar
rm -f "$tarball" "$raw"
podman save --format docker-archive -o "$raw" "$image" >&2
id=$(python3 "$here/src/image/normalize-docker-archive.py" "$raw" "$tarball")
rm -f "$raw"
podman rmi -f "$image" >/dev/null 2>&1 || true
podman load -i "$tarball" >&2
podman image prune -f >/dev/null 2>&1 || true

size=$(podman image inspect --format '{{.Size}}' "$image")
log "image $image: id $id (podman: $(podman image inspect --format '{{.Id}}' "$image")), tarball sha256 $(sha256sum "$tarball" | cut -d' ' -f1)"
log "image size $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }')) per podman image inspect; tarball $(stat -c %s "$tarball") bytes"
echo "$tarball"
