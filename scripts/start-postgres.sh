#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 cluster and prepares the test role and database the
# PostgreSQL tests use by default (role pocketid / password pocketid / database pocketid_test on
# localhost:5432). Idempotent. Needs root (or the postgres user) and Debian's postgresql-15.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "start-postgres: PostgreSQL is not installed; installing postgresql-15 from Debian" >&2
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15
fi

if ! pg_lsclusters -h | awk '$1==15 && $2=="main"' | grep -q .; then
  pg_createcluster 15 main
fi
if ! pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster 15 main start
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }

if [ "$(psql_admin "select 1 from pg_roles where rolname='pocketid'")" != "1" ]; then
  psql_admin "create role pocketid login password 'pocketid'"
else
  psql_admin "alter role pocketid login password 'pocketid'"
fi
if [ "$(psql_admin "select 1 from pg_database where datname='pocketid_test'")" != "1" ]; then
  psql_admin "create database pocketid_test owner pocketid"
fi
echo "start-postgres: PostgreSQL 15 ready on localhost:5432 (role pocketid, database pocketid_test)"
