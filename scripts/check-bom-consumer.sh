#!/usr/bin/env bash
# End-to-end check of the BOM: a fresh Maven project that imports pocket-id-bom and depends on pocket-id-server
# (examples/bom-consumer) resolves exactly the libraries the distribution ships, at the distribution's versions.
#
# Run after the reactor was built (CI: after `mvn -B verify`); it needs distribution/target/runtime-classpath.txt.
#   1. Publishes the reactor's library modules, their parent and the BOM (`mvn deploy`; tests, Javadoc and sources
#      skipped) to a throwaway file repository.
#   2. Resolves a generated project that imports the BOM and declares every shipped library without a version, with
#      an empty local repository and Maven offline: io.pocketid artifacts come only from the throwaway repository;
#      every other artifact and plugin comes from the local repository the reactor was built with
#      (~/.m2/repository), read as a remote repository with snapshots disabled, so the project's own SNAPSHOTs lying
#      there (possibly stale) cannot be taken. Maven refuses the project if the BOM does not manage one of them (a
#      removed entry whose library the consumer's tree happens to resolve at the same version anyway).
#   3. Builds a copy of examples/bom-consumer the same way (`compile`, `dependency:list`).
#   4. Fails unless every io.pocketid artifact came from the throwaway repository, every library the consumer
#      resolves is shipped at the same version, every shipped library (but the distribution-only ones named below)
#      is resolved by the consumer, and the generated project resolves every shipped library at the shipped version.
#
# Writes nothing to ~/.m2 (the Maven runs have local repositories of their own under a temporary folder, removed at
# the end) and nothing in the work tree but the reactor's target/ folders. Quiet on success but for one summary line.
# The reactor's local repository can be named with M2_REPOSITORY (default: ~/.m2/repository).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
m2=$(cd "${M2_REPOSITORY:-$HOME/.m2/repository}" && pwd)
shipped_classpath=$root/distribution/target/runtime-classpath.txt
if [[ ! -f $shipped_classpath ]]; then
  echo "bom-consumer: $shipped_classpath is missing: build the reactor first (mvn -B verify)" >&2
  exit 1
fi
# The BOM has no parent: its first <version> is its own.
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' bom/pom.xml | head -n 1)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bom-consumer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/no-network" "$tmp/managed"

# Shows the end of a failed Maven run's log (LOG ARGS...) and stops.
failed() {
  local log=$1
  shift
  echo "bom-consumer: FAILED: mvn $*" >&2
  sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -v '^\s*$' | tail -n 60 >&2
  exit 1
}
# Runs Maven with its output in a log (LOG ARGS...); stops if it fails.
mvn_logged() {
  local log=$1
  shift
  mvn "$@" >"$log" 2>&1 || failed "$log" "$@"
}

# The distribution's runtime class path as groupId:artifactId:version, one a line: entries in the local repository
# by their folders, reactor modules (module/target/...) by their poms, as DistributionBomTest reads them.
python3 - "$shipped_classpath" "$m2" >"$tmp/shipped.txt" <<'PY'
import os
import sys
import xml.etree.ElementTree as ET

classpath_file, m2 = sys.argv[1:]
NS = "{http://maven.apache.org/POM/4.0.0}"


def from_module(path):
    project = ET.parse(os.path.join(path.split("/target/")[0], "pom.xml")).getroot()
    parent = project.find(NS + "parent")

    def text(name):
        element = project.find(NS + name)
        if element is None and parent is not None:
            element = parent.find(NS + name)
        return element.text.strip()

    return f"{text('groupId')}:{project.find(NS + 'artifactId').text.strip()}:{text('version')}"


def from_repository(path):
    parts = os.path.relpath(path, m2).split(os.sep)
    return f"{'.'.join(parts[:-3])}:{parts[-3]}:{parts[-2]}"


shipped = set()
for entry in open(classpath_file, encoding="utf-8").read().strip().split(os.pathsep):
    if entry.startswith(m2 + os.sep):
        shipped.add(from_repository(entry))
    elif "/target/" in entry:
        shipped.add(from_module(entry))
    else:
        sys.exit(f"bom-consumer: FAILED: cannot tell the coordinates of {entry} in {classpath_file}")
print("\n".join(sorted(shipped)))
PY

# Every run: the throwaway repository for io.pocketid (first, so it is asked first), the reactor's local repository
# as "central" (releases only; no checksum files are kept there), and any other repository a POM declares sent to an
# empty folder, so nothing reaches the network even where Maven is not offline (the deploy plugin refuses -o).
cat >"$tmp/settings.xml" <<EOF
<settings>
  <mirrors>
    <mirror>
      <id>no-network</id>
      <mirrorOf>external:*</mirrorOf>
      <url>file://$tmp/no-network</url>
    </mirror>
  </mirrors>
  <profiles>
    <profile>
      <id>bom-consumer</id>
      <repositories>
        <repository>
          <id>staging</id>
          <url>file://$tmp/staging</url>
          <releases><enabled>true</enabled><checksumPolicy>fail</checksumPolicy></releases>
          <snapshots><enabled>true</enabled><checksumPolicy>fail</checksumPolicy></snapshots>
        </repository>
        <repository>
          <id>central</id>
          <url>file://$m2</url>
          <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>central</id>
          <url>file://$m2</url>
          <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>bom-consumer</activeProfile>
  </activeProfiles>
</settings>
EOF
maven=(-B -q -s "$tmp/settings.xml" -gs "$tmp/settings.xml")
consumer_maven=("${maven[@]}" -o -Daether.offline.protocols=file -Dmaven.repo.local="$tmp/consumer-m2")

# 1. Publish. The deploy plugin writes the repository's metadata into the local repository, hence a local repository
#    of its own (filled from ~/.m2/repository through "central"), never ~/.m2.
mvn_logged "$tmp/publish.log" "${maven[@]}" -f "$root/pom.xml" -Dmaven.repo.local="$tmp/publish-m2" \
  -pl bom,server -am deploy -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -Dspotless.check.skip=true -DaltDeploymentRepository="staging::file://$tmp/staging"

# 2. Every shipped library without a version, next to the BOM import (each alone: its own dependencies are already
#    on the list, and declaring it directly may bring others that the distribution's tree leaves out). First, as a
#    missing entry fails here with a plain message, where the consumer's tree may fail on the version it falls back to.
dependency_plugin=$(sed -n '/<artifactId>maven-dependency-plugin</{n;s:.*<version>\(.*\)</version>.*:\1:p;}' \
  "$root/examples/bom-consumer/pom.xml")
{
  cat <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>pocket-id-bom-managed</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>io.pocketid</groupId>
        <artifactId>pocket-id-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
EOF
  while IFS=: read -r group artifact _; do
    printf '    <dependency><groupId>%s</groupId><artifactId>%s</artifactId>%s</dependency>\n' "$group" "$artifact" \
      '<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>'
  done <"$tmp/shipped.txt"
  cat <<EOF
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>$dependency_plugin</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
} >"$tmp/managed/pom.xml"
managed=("${consumer_maven[@]}" -f "$tmp/managed/pom.xml" dependency:list -DincludeScope=runtime
  -DoutputFile="$tmp/managed-dependencies.txt")
if ! mvn "${managed[@]}" >"$tmp/managed.log" 2>&1; then
  unmanaged=$(sed -n "s/.*'dependencies.dependency.version' for \([^:]*:[^:]*\):.* is missing.*/\1/p" \
    "$tmp/managed.log" | sort -u)
  if [[ -n $unmanaged ]]; then
    echo "bom-consumer: FAILED: bom/pom.xml does not manage these libraries, which the distribution ships:" >&2
    sed 's/^/  /' <<<"$unmanaged" >&2
    exit 1
  fi
  failed "$tmp/managed.log" "${managed[@]}"
fi

# 3. The consumer, as an embedder would build it, from a copy (nothing written in the work tree).
cp -R "$root/examples/bom-consumer" "$tmp/consumer"
rm -rf "$tmp/consumer/target"
mvn_logged "$tmp/consumer.log" "${consumer_maven[@]}" -f "$tmp/consumer/pom.xml" -Dpocket-id.version="$version" \
  compile dependency:list -DincludeScope=runtime -DoutputFile="$tmp/consumer-dependencies.txt"

# 4. Where the io.pocketid artifacts came from (_remote.repositories: the resolver's record of the repository each
#    downloaded file came from), then the comparison.
server_record=$tmp/consumer-m2/io/pocketid/pocket-id-server/$version/_remote.repositories
leaked=$(find "$tmp/consumer-m2/io/pocketid" -name _remote.repositories -exec grep -H '>' {} + \
  | grep -v '>staging=$' || true)
if [[ -n $leaked ]] || ! grep -q '>staging=$' "$server_record"; then
  echo "bom-consumer: FAILED: io.pocketid artifacts not taken from the published reactor:" >&2
  echo "${leaked:-$server_record}" >&2
  exit 1
fi

python3 - "$tmp/shipped.txt" "$tmp/consumer-dependencies.txt" "$tmp/managed-dependencies.txt" <<'PY'
import sys

shipped_file, consumer_file, managed_file = sys.argv[1:]

# Shipped by the distribution but, by design, not brought by pocket-id-server; each must stay shipped and must not
# be resolved by the consumer, or this list is out of date.
DISTRIBUTION_ONLY = {
    # The distribution's logging backend (distribution/pom.xml). The library modules log through the SLF4J API
    # only, and pocket-id-server declares Logback optional: an embedder brings its own binding. (The BOM still
    # manages both, so an embedder who adds logback-classic gets the shipped version: step 2 checks that.)
    "ch.qos.logback:logback-classic",
    # logback-classic's own dependency.
    "ch.qos.logback:logback-core",
}
# (The distribution's own artifact holds only the CDS training driver and is not on its runtime class path, so it
# needs no entry.)


def versions(coordinates):
    out = {}
    for c in coordinates:
        group, artifact, version = c.split(":")
        out.setdefault(f"{group}:{artifact}", set()).add(version)
    return out


def listed(path):
    """dependency:list lines: '   group:artifact:type[:classifier]:version:scope -- module ...'"""
    out = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("   ") and ":" in line:
            fields = line.split()[0].split(":")
            out.add(f"{fields[0]}:{fields[1]}:{fields[-2]}")
    return out


shipped = set(open(shipped_file, encoding="utf-8").read().split())
resolved = listed(consumer_file)
shipped_v, resolved_v, managed_v = versions(shipped), versions(resolved), versions(listed(managed_file))
joined = lambda vs: ", ".join(sorted(vs))
problems = []
for ga in sorted(resolved_v.keys() | shipped_v.keys()):
    got, ships = resolved_v.get(ga, set()), shipped_v.get(ga, set())
    if ga in DISTRIBUTION_ONLY:
        if not ships:
            problems.append(f"  {ga}: distribution-only in this script, but not shipped")
        if got:
            problems.append(f"  {ga}: distribution-only in this script, but resolved by the consumer ({joined(got)})")
    elif got and not ships:
        problems.append(f"  {ga}: resolved by the consumer ({joined(got)}), not shipped")
    elif ships and not got:
        problems.append(f"  {ga}: shipped ({joined(ships)}), not resolved by the consumer")
    elif got != ships:
        problems.append(f"  {ga}: the consumer resolves {joined(got)}, the distribution ships {joined(ships)}")
    if ships and managed_v.get(ga, set()) != ships:
        problems.append(f"  {ga}: declared without a version next to the BOM import it resolves "
                        f"{joined(managed_v.get(ga, set())) or 'nothing'}, the distribution ships {joined(ships)}")
if problems:
    print("bom-consumer: FAILED: a project importing bom/pom.xml does not resolve the distribution's libraries\n"
          "(distribution/target/runtime-classpath.txt):", file=sys.stderr)
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"bom-consumer: {len(resolved)} runtime libraries resolved, all at the distribution's versions "
      f"(the BOM manages all {len(shipped)} shipped); the consumer compiles")
PY
