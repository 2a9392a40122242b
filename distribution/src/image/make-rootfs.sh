#!/usr/bin/env bash
# Lays out the image's root filesystem from the Maven distribution, a JDK 17 with jmods and the host's glibc.
#
#   make-rootfs.sh DIST_DIR TRAINER_JAR OUT_DIR
#
#   DIST_DIR     distribution/target/pocket-id (bin/, lib/, sbom.json) from `mvn -pl distribution -am package`
#   TRAINER_JAR  distribution/target/pocket-id-distribution.jar (the CDS training driver)
#   OUT_DIR      receives rootfs/ (the image's files, except the CDS archives) and train/ (the training driver)
#
# Environment: JAVA_HOME (a JDK 17 with jmods; default /usr/lib/jvm/java-17-openjdk-amd64), SOURCE_DATE_EPOCH
# (every file's mtime; default 0), POCKETID_JLINK_MODULES (replace the computed module list).
#
# Runs on Debian/Ubuntu (the host here, or the debian build stage of the Dockerfile). Needs: jlink, jdeps, strip
# (binutils), unzip, zip, ldd, the host's /etc/ssl/certs/java/cacerts (ca-certificates-java).
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 DIST_DIR TRAINER_JAR OUT_DIR" >&2
  exit 2
fi
DIST=$(cd "$1" && pwd)
TRAINER=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
OUT=$3
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0}
export LC_ALL=C TZ=UTC

log() { echo "[make-rootfs ${SECONDS}s] $*" >&2; }

[ -d "$JAVA_HOME/jmods" ] || { echo "$JAVA_HOME has no jmods/ (install openjdk-17-jdk-headless)" >&2; exit 1; }
[ -f "$DIST/lib/pocket-id-server.jar" ] || { echo "$DIST/lib/pocket-id-server.jar missing: run mvn package first" >&2; exit 1; }
[ -f "$TRAINER" ] || { echo "$TRAINER missing" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/rootfs" "$OUT/train"
OUT=$(cd "$OUT" && pwd)
R=$OUT/rootfs
APP=$R/pocket-id

case "$(uname -m)" in
  x86_64) SQLITE_ARCH=x86_64 ;;
  aarch64) SQLITE_ARCH=aarch64 ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac

# ---- application: jars, the SQLite native library, the SBOM -----------------------------------------------------
mkdir -p "$APP/lib" "$APP/native" "$APP/cds" "$APP/var"
cp "$DIST"/lib/*.jar "$APP/lib/"
cp "$DIST/sbom.json" "$APP/sbom.json"
# sqlite-jdbc carries native libraries for 20 platforms (13 MB) and unpacks one to a temp dir at start. Ship only
# ours, unpacked, and point the driver at it (-Dorg.sqlite.lib.path/name): nothing is written at start-up.
sqlite_jar=$(find "$APP/lib" -name 'sqlite-jdbc-*.jar' | head -n1)
if [ -n "$sqlite_jar" ]; then
  tmp=$(mktemp -d)
  unzip -q "$sqlite_jar" "org/sqlite/native/Linux/$SQLITE_ARCH/libsqlitejdbc.so" -d "$tmp"
  install -m 0755 "$tmp/org/sqlite/native/Linux/$SQLITE_ARCH/libsqlitejdbc.so" "$APP/native/libsqlitejdbc.so"
  rm -rf "$tmp"
  # zip -d rewrites only the central directory around the removed entries: same input, same output.
  zip -q -d "$sqlite_jar" 'org/sqlite/native/*' >/dev/null
  log "sqlite-jdbc: kept native/libsqlitejdbc.so ($SQLITE_ARCH), jar now $(stat -c %s "$sqlite_jar") bytes"
fi
# The class path of the server, in one sorted order, for the entry point and the CDS training alike.
(
  cd "$APP/lib"
  printf -- '-cp '
  ls -1 -- *.jar | sort | sed 's|^|/pocket-id/lib/|' | paste -sd: -
) >"$APP/classpath.args"

# ---- Java runtime ------------------------------------------------------------------------------------------------
# jdeps finds what the code references; the rest are loaded by name at run time (service providers, zip file system).
if [ -n "${POCKETID_JLINK_MODULES:-}" ]; then
  modules=$POCKETID_JLINK_MODULES
else
  # jdeps over copies of the jars without module descriptors: a modular jar (jaxb-api…) would make jdeps resolve its
  # `requires`, which may be absent, and fail.
  jd=$(mktemp -d)
  for jar in "$DIST"/lib/*.jar; do
    cp "$jar" "$jd/"
    zip -q -d "$jd/$(basename "$jar")" module-info.class 'META-INF/versions/*/module-info.class' >/dev/null 2>&1 || true
  done
  "$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 17 -summary "$jd"/*.jar >"$OUT/jdeps.txt" 2>"$OUT/jdeps.err" || {
    cat "$OUT/jdeps.err" >&2
    echo "jdeps failed" >&2
    exit 1
  }
  rm -rf "$jd"
  found=$(awk '$2 == "->" && $3 ~ /^(java|jdk)\./ { print $3 }' "$OUT/jdeps.txt" | sort -u | paste -sd, -)
  # jdk.crypto.ec: EC keys/ES256 (a provider, loaded by name); jdk.zipfs: Liquibase scans its changelog in a jar;
  # java.naming + java.sql + java.management: JDBC, HikariCP; jdk.unsupported: sun.misc.Unsafe users.
  extra=java.base,java.logging,java.naming,java.sql,java.management,jdk.crypto.ec,jdk.unsupported,jdk.zipfs
  # Never: the debugger and attach APIs (javassist's hot swapper in MyBatis refers to them; nothing calls it).
  exclude='^(jdk\.jdi|jdk\.attach|jdk\.jdwp\.agent)$'
  modules=$(printf '%s,%s\n' "$found" "$extra" | tr ',' '\n' | sed '/^$/d' | grep -Ev "$exclude" | sort -u | paste -sd, -)
fi
log "jlink modules: $modules"
jlink_extra=()
if [[ ",$modules," == *,java.desktop,* ]] && [ "${POCKETID_FULL_DESKTOP:-0}" != 1 ]; then
  # java.desktop (7.9 MB of the 23.6 MB module image) is needed only for java.beans: Liquibase and MyBatis introspect
  # beans, and the database cannot be opened without it. Keep java.beans, com.sun.beans and the URL content handlers
  # (a java.base service) and javax.swing.SwingContainer (an annotation the Introspector reads); drop the classes of
  # every other package (AWT, Swing, Java 2D, ImageIO, sound, print…): a training run with the whole module loaded
  # nothing else from it.
  # jlink insists that every package of the module descriptor stays non-empty, so each keeps its smallest class.
  # POCKETID_FULL_DESKTOP=1 keeps the whole module.
  jmod=$JAVA_HOME/jmods/java.desktop.jmod
  patterns=$(
    "$JAVA_HOME/bin/jmod" list "$jmod" | sed -n 's|^classes/\(.*\.class\)$|\1|p' | awk '
      {
        pkg = $0; sub(/\/[^\/]*$/, "", pkg); cls = substr($0, length(pkg) + 2)
        if (pkg ~ /^(java\/beans|com\/sun\/beans|sun\/awt\/www\/content)(\/|$)/) next
        if (!(pkg in keeper) || length(cls) < length(keeper[pkg]) || (length(cls) == length(keeper[pkg]) && cls < keeper[pkg])) keeper[pkg] = cls
      }
      END {
        for (p in keeper) {
          k = keeper[p]; gsub(/\$/, "\\$", k); gsub(/\./, "\\.", k)
          if (p == "javax/swing") k = k "|SwingContainer\\.class" # java.beans.Introspector reads this annotation
          printf "regex:/java\\.desktop/%s/(?!(%s)$)[^/]+\n", p, k
        }
      }' | sort | paste -sd, -
  )
  jlink_extra+=(--exclude-resources="$patterns")
fi
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  "${jlink_extra[@]}" --output "$R/opt/java"
# Only `java` is needed; no other tools, no process-spawn helper (the server starts no processes).
find "$R/opt/java/bin" -type f ! -name java -delete
rm -f "$R/opt/java/lib/jspawnhelper" "$R/opt/java/lib/jexec"
# java.desktop is in only for java.beans (Liquibase, MyBatis…: without it the database cannot be opened). Its native
# libraries would drag X11, ALSA, FreeType, HarfBuzz, libjpeg and LittleCMS into the image; the server runs headless
# and draws nothing. Keep the headless imaging libraries only if our own code uses java.awt or javax.imageio.
awt_keep='^$'
if "$JAVA_HOME/bin/jdeps" --multi-release 17 --ignore-missing-deps -verbose:package "$DIST"/lib/pocket-id-*.jar 2>/dev/null |
  grep -Eq -- '-> (java\.awt|javax\.imageio)'; then
  awt_keep='^(libawt\.so|libawt_headless\.so|libmlib_image\.so|libjavajpeg\.so|liblcms\.so)$'
  log "our code uses java.awt/javax.imageio: keeping the headless imaging libraries"
fi
for so in libawt.so libawt_headless.so libawt_xawt.so libjawt.so libmlib_image.so libjavajpeg.so liblcms.so \
  libsplashscreen.so libjsound.so libfontmanager.so; do
  printf '%s\n' "$so" | grep -Eq "$awt_keep" || rm -f "$R/opt/java/lib/$so"
done
find "$R/opt/java" \( -name '*.so' -o -path '*/bin/java' \) -type f -exec strip --strip-unneeded {} +
# The full system trust store (Debian's has ~140 CAs; the one from the jmods fewer).
if [ -f /etc/ssl/certs/java/cacerts ]; then
  keystore=$R/opt/java/lib/security/cacerts
  cp /etc/ssl/certs/java/cacerts "$keystore"
  # Only the Mozilla CAs that Debian ships: drop local additions of the build machine (a proxy's CA, a company CA…),
  # which must not become trust anchors of the image. (JKS: deleting entries keeps the file deterministic.)
  # keytool lists aliases in lower case: debian:<file name in /usr/share/ca-certificates/mozilla, lower case>.pem
  # (UTF-8 locale: a few CA names are not ASCII.)
  mozilla=$(find /usr/share/ca-certificates/mozilla -name '*.crt' -printf '%f\n' 2>/dev/null | sed 's/\.crt$//' | tr 'A-Z' 'a-z')
  kt() { LC_ALL=C.UTF-8 "$JAVA_HOME/bin/keytool" "$@" -keystore "$keystore" -storepass changeit; }
  aliases=$(kt -list 2>/dev/null | awk -F', ' '/trustedCertEntry/ { print $1 }' | sort)
  while IFS= read -r alias; do
    name=${alias#debian:}
    name=${name%.pem}
    if [ "$alias" = "debian:$name.pem" ] && grep -qxF -- "$name" <<<"$mozilla"; then
      continue
    fi
    log "cacerts: dropping '$alias' (not one of Debian's Mozilla CAs)"
    kt -delete -alias "$alias" >/dev/null
  done <<<"$aliases"
  count=$(kt -list 2>/dev/null | grep -c trustedCertEntry || true)
  log "cacerts: $count CAs"
  [ "$count" -ge 100 ] || { echo "cacerts: only $count CAs left; refusing to ship that" >&2; exit 1; }
else
  log "WARNING: /etc/ssl/certs/java/cacerts missing (install ca-certificates-java); keeping the JDK's own cacerts"
fi

# ---- glibc and the other shared libraries the JVM and SQLite load ------------------------------------------------
libdir=/lib/$(uname -m)-linux-gnu
mkdir -p "$R$libdir" "$R/lib64"
needed=$(
  find "$R/opt/java" "$APP/native" \( -name '*.so' -o -path '*/bin/java' \) -type f -print0 |
    xargs -0 -n1 ldd 2>/dev/null | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }' | sort -u
)
# glibc loads libgcc_s at run time to unwind threads (pthread_exit/cancel); ldd does not list it.
needed=$(printf '%s\n%s\n' "$needed" "$(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64|libgcc_s.so.1 .*AArch64/ { print $NF; exit }')" | sed '/^$/d' | sort -u)
for lib in $needed; do
  case $lib in
    "$R"/*) continue ;; # the runtime's own libraries
  esac
  name=$(basename "$lib")
  install -m 0755 "$(readlink -f "$lib")" "$R$libdir/$name"
done
interp=$(readelf -l "$R/opt/java/bin/java" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
if [ ! -e "$R$interp" ]; then
  mkdir -p "$R$(dirname "$interp")"
  ln -s "$libdir/$(basename "$interp")" "$R$interp"
fi
log "shared libraries: $(cd "$R$libdir" && ls | paste -sd' ' -)"

# ---- users, groups, directories ----------------------------------------------------------------------------------
mkdir -p "$R/etc" "$R/tmp" "$R/proc" "$R/sys" "$R/dev"
cat >"$R/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
pocketid:x:1000:1000:Pocket ID:/pocket-id/var:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$R/etc/group" <<'EOF'
root:x:0:
pocketid:x:1000:
nogroup:x:65534:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$R/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$R/etc/hosts"
chmod 1777 "$R/tmp"
chmod 0755 "$R/proc" "$R/sys" "$R/dev" "$APP" "$APP/lib" "$APP/native" "$APP/cds"
chown 1000:1000 "$APP/var"
chmod 0750 "$APP/var"
find "$R" -type f -exec chmod go-w {} +

# ---- training driver ---------------------------------------------------------------------------------------------
cp "$TRAINER" "$OUT/train/trainer.jar"

# Fixed modification times: the image layers are reproducible, and the CDS archives (which record each jar's mtime)
# stay valid after `buildah --timestamp` / `SOURCE_DATE_EPOCH` rewrite them.
find "$OUT" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
log "rootfs: $(du -sh --apparent-size "$R" | cut -f1) in $R"
