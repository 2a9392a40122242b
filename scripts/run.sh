#!/usr/bin/env bash
# Builds the runnable distribution (if sources changed, Maven does the minimum) and starts the
# server in the foreground with the given arguments (default: serve). Configuration comes from the
# environment, as for Pocket ID (see docs/configuration.md). Data goes to ./data unless configured.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
echo "run: building the distribution (mvn package, tests skipped)..." >&2
mvn -B -q -f "$root/pom.xml" -DskipTests -Dspotless.check.skip=true -pl distribution -am package >&2
exec "$root/distribution/target/pocket-id/bin/pocket-id" "$@"
