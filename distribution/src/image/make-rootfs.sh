#!/usr/bin/env bash
# Lays out the image's root filesystem from the Maven distribution, a JDK 17 with jmods and the host's glibc.
#
#   make-rootfs.sh DIST_DIR TRAINER_JAR OUT_DIR
#
#   DIST_DIR     distribution/target/pocket-id (bin/, lib/, sbom.json) from `mvn -pl distribution -am package`
#   TRAINER_JAR  distribution/target/pocket-id-distribution.jar (the CDS training driver and SlimJars)
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
# Libraries that other libraries use as plain code lose the classes nothing can reach (SlimJars, in
# distribution/src/main/java/io/pocketid/distribution, says how that is decided): Guava under Yubico's WebAuthn
# library, the Apache Commons, opencsv, SnakeYAML and JAXB jars under Liquibase, the CBOR jars under Yubico, the
# WildFly/SmallRye helpers under Undertow: 3.75 MB. The jars keep their names and versions (the SBOM still names what
# they are); /pocket-id/slim-jars.txt lists what changed. POCKETID_SLIM_JARS=0 ships them whole.
if [ "${POCKETID_SLIM_JARS:-1}" != 0 ]; then
  "$JAVA_HOME/bin/java" -cp "$TRAINER" io.pocketid.distribution.SlimJars --release 17 "$APP/lib" "$APP/slim-jars.txt" \
    guava- failureaccess- commons-collections4- commons-io- commons-lang3- commons-text- opencsv- snakeyaml- \
    jaxb-api- cbor- numbers- datautilities- wildfly-common- smallrye-common- >"$OUT/slim-jars.log"
  log "slim jars: $(tail -n1 "$APP/slim-jars.txt" | awk '{ print $2, "->", $4, "bytes" }')"
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
# empty_packages MODULE only|except REGEX [EXTRA_KEEP]: jlink --exclude-resources patterns, one a line, that remove
# the classes of the module's packages (paths like java/awt/image) that match REGEX (only) or do not (except). jlink
# insists that every package of the module descriptor stays non-empty, so each keeps its smallest class, plus
# EXTRA_KEEP (a class file path) where needed.
empty_packages() {
  "$JAVA_HOME/bin/jmod" list "$JAVA_HOME/jmods/$1.jmod" | sed -n 's|^classes/\(.*\.class\)$|\1|p' |
    awk -v module="$1" -v mode="$2" -v re="$3" -v extra="${4:-}" '
      {
        pkg = $0; sub(/\/[^\/]*$/, "", pkg); cls = substr($0, length(pkg) + 2)
        if ((pkg ~ re) != (mode == "only")) next
        if (!(pkg in keeper) || length(cls) < length(keeper[pkg]) || (length(cls) == length(keeper[pkg]) && cls < keeper[pkg])) keeper[pkg] = cls
      }
      END {
        m = module; gsub(/\./, "\\.", m)
        for (p in keeper) {
          k = keeper[p]; gsub(/\$/, "\\$", k); gsub(/\./, "\\.", k)
          e = substr(extra, length(p) + 2)
          if (index(extra, p "/") == 1 && index(e, "/") == 0) { gsub(/\./, "\\.", e); k = k "|" e }
          printf "regex:/%s/%s/(?!(%s)$)[^/]+\n", m, p, k
        }
      }' | sort
}
exclude_patterns=()
if [[ ",$modules," == *,java.desktop,* ]] && [ "${POCKETID_FULL_DESKTOP:-0}" != 1 ]; then
  # java.desktop (7.9 MB of the 23.6 MB module image) is needed only for java.beans: Liquibase and MyBatis introspect
  # beans, and the database cannot be opened without it. Keep java.beans, com.sun.beans and the URL content handlers
  # (a java.base service) and javax.swing.SwingContainer (an annotation the Introspector reads); empty every other
  # package (AWT, Swing, Java 2D, ImageIO, sound, print…): a training run with the whole module loaded nothing else
  # from it. POCKETID_FULL_DESKTOP=1 keeps the whole module.
  mapfile -t -O "${#exclude_patterns[@]}" exclude_patterns < <(empty_packages java.desktop except \
    '^(java/beans|com/sun/beans|sun/awt/www/content)(/|$)' javax/swing/SwingContainer.class)
fi
if [[ ",$modules," == *,java.xml,* ]] && [ "${POCKETID_FULL_XML:-0}" != 1 ]; then
  # java.xml: the parsers (SAX for Liquibase's changelog, DOM and XPath for MyBatis's mappers) stay. The XSLT compiler
  # (xsltc) and the byte-code library it generates translets with (bcel), 1.0 MB, go: nothing here transforms XML
  # (javax.xml.transform.TransformerFactory.newInstance() would fail: Liquibase calls it only to write changelogs,
  # pgjdbc only for SQLXML values, Jackson only to serialize DOM nodes). POCKETID_FULL_XML=1 keeps them.
  mapfile -t -O "${#exclude_patterns[@]}" exclude_patterns < <(empty_packages java.xml only \
    '^com/sun/org/apache/(xalan/internal/xsltc|bcel/internal)(/|$)')
fi
if [ ${#exclude_patterns[@]} -gt 0 ]; then
  jlink_extra+=(--exclude-resources="$(printf '%s\n' "${exclude_patterns[@]}" | paste -sd, -)")
fi
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  "${jlink_extra[@]}" --output "$R/opt/java"
# Only `java` is needed; no other tools, no process-spawn helper (the server starts no processes).
find "$R/opt/java/bin" -type f ! -name java -delete
rm -f "$R/opt/java/lib/jspawnhelper" "$R/opt/java/lib/jexec"
# Nor the JDK's default CDS class list (the image's archives are trained on their own lists), jrt-fs.jar (the jrt:/
# file system for *other* JDKs; this runtime has it built in) or java.desktop's printer-font tables.
rm -f "$R/opt/java/lib/classlist" "$R/opt/java/lib/jrt-fs.jar" "$R"/opt/java/lib/psfont*.properties*
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
# libstdc++ (2.2 MB) is there for a handful of C++ runtime symbols: Debian links libjvm.so and libjimage.so against
# it dynamically (Temurin links the same pieces in statically). Replace it with a libstdc++.so.6 that holds just the
# symbols the runtime imports, at the versions it imports them, linked from GCC's own static C++ runtime (libsupc++.a:
# operator new/delete, the personality routine, __cxa_guard_*, __cxa_demangle…), about 80 KB. The GCC Runtime Library
# Exception covers this use. Falls back to the full library when gcc or libsupc++.a is missing, when the link fails or
# when a symbol is still unresolved. POCKETID_FULL_LIBSTDCXX=1 keeps the full library.
slim_libstdcxx() {
  local full=$R$libdir/libstdc++.so.6 work syms supcxx
  [ -f "$full" ] || return 0
  if [ "${POCKETID_FULL_LIBSTDCXX:-0}" = 1 ]; then log "libstdc++: keeping the full library"; return 0; fi
  supcxx=$(gcc -print-file-name=libsupc++.a 2>/dev/null || true)
  if [ ! -f "$supcxx" ]; then
    log "libstdc++: no gcc/libsupc++.a here, keeping the full library ($(stat -c %s "$full") bytes)"
    return 0
  fi
  work=$(mktemp -d)
  # name@VERSION of every C++ runtime symbol that the runtime's ELF files import
  find "$R" -type f \( -name '*.so*' -o -path '*/bin/java' \) ! -path "$full" -print0 |
    xargs -0 nm -D --undefined-only 2>/dev/null |
    awk '{ s = $NF } s ~ /@(CXXABI|GLIBCXX)_/ { sub(/@@?/, "@", s); print s }' | sort -u >"$work/needed"
  if [ ! -s "$work/needed" ]; then
    log "libstdc++: nothing imports it, removing it"
    rm -f "$full"
    rm -rf "$work"
    return 0
  fi
  # one version node per version (sorted: the same input gives the same library), each listing its symbols;
  # everything else stays local
  sort -t@ -k2,2 -k1,1 "$work/needed" | awk -F@ '
    $2 != v { if (v != "") printf " };\n"; printf "%s { global:", $2; v = $2 }
    { printf " %s;", $1 }
    END { printf " local: *; };\n" }' >"$work/version.map"
  : >"$work/empty.c"
  syms=$(cut -d@ -f1 "$work/needed" | sed 's/^/-Wl,-u,/' | paste -sd' ' -)
  # shellcheck disable=SC2086
  if gcc -shared -fPIC -O2 -nostdlib -o "$work/libstdc++.so.6" -Wl,-soname,libstdc++.so.6 \
    -Wl,--version-script="$work/version.map" -Wl,--gc-sections -Wl,--hash-style=gnu "$work/empty.c" $syms \
    -Wl,--start-group "$supcxx" -lgcc_s "$(gcc -print-libgcc-file-name)" -lc -Wl,--end-group 2>"$work/ld.err"; then
    strip --strip-unneeded "$work/libstdc++.so.6"
    nm -D --defined-only "$work/libstdc++.so.6" | awk '{ s = $NF; sub(/@@?/, "@", s); print s }' | sort -u >"$work/defined"
    missing=$(comm -23 "$work/needed" "$work/defined")
    if [ -z "$missing" ] && ! nm -D --undefined-only "$work/libstdc++.so.6" | grep -Eq '@(CXXABI|GLIBCXX)_'; then
      log "libstdc++: $(wc -l <"$work/needed") symbols ($(cut -d@ -f2 "$work/needed" | sort -u | paste -sd' ' -)), $(stat -c %s "$full") -> $(stat -c %s "$work/libstdc++.so.6") bytes"
      install -m 0755 "$work/libstdc++.so.6" "$full"
    else
      log "libstdc++: the slim library lacks $(printf '%s' "$missing" | paste -sd' ' -); keeping the full library"
    fi
  else
    log "libstdc++: linking the slim library failed ($(head -c 300 "$work/ld.err")); keeping the full library"
  fi
  rm -rf "$work"
}
slim_libstdcxx
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
