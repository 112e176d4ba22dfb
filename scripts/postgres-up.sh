#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL 15, and makes the role and
# database the tests use. Idempotent; needs root (CI and this workplace run as root).
# Prints the database URL on stdout, and nothing else there.
set -euo pipefail
exec 3>&1 1>&2

ROLE=${PGROLE:-hongshan}
PASSWORD=${PGPASSWORD_HONGSHAN:-hongshan}
DATABASE=${PGDATABASE_HONGSHAN:-hongshan}

if ! command -v pg_ctlcluster >/dev/null || ! dpkg-query -W -f='${Status}' postgresql-15 2>/dev/null | grep -q "install ok installed"; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
if ! pg_lsclusters --no-header | grep -q "^15 *main"; then
  pg_createcluster 15 main >/dev/null
fi
if ! pg_lsclusters --no-header | grep -q "^15 *main.*online"; then
  # The server is a daemon that outlives this script. Started from here it would
  # inherit every open descriptor (a caller's pipe, a CI log) and hold it open, so
  # whoever reads that pipe would wait for it forever. Python's subprocess hands the
  # child only stdin, stdout and stderr.
  python3 -c 'import subprocess, sys; sys.exit(subprocess.call(["pg_ctlcluster", "15", "main", "start"], stdin=subprocess.DEVNULL))'
fi

as_postgres() { su postgres -c "$1"; }
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$ROLE'\"" | grep -q 1; then
  as_postgres "psql -qc \"CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'\""
fi
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$DATABASE'\"" | grep -q 1; then
  as_postgres "createdb -O $ROLE $DATABASE"
fi
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:5432/$DATABASE" >&3
