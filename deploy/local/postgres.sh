#!/usr/bin/env bash
# Prepares PostgreSQL for the platform: checks a server answers on $PGHOST:$PGPORT (default 127.0.0.1:5432), starts
# a local Debian cluster if one is installed but down, and creates the role and the databases (idempotent).
#
#   deploy/local/postgres.sh ensure [db ...]   default: the four platform databases and their *_test twins
set -euo pipefail
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
ROLE=${RELIEF_DB_USER:-relief}
PASS=${RELIEF_DB_PASSWORD:-relief}
DBS=("$@")
[ "${DBS[0]:-}" = ensure ] && DBS=("${DBS[@]:1}")
if [ ${#DBS[@]} -eq 0 ]; then
  DBS=(requests inventory dispatch volunteer requests_test inventory_test dispatch_test volunteer_test kernel_test requests_system inventory_system dispatch_system volunteer_system)
fi

ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }

if ! command -v psql >/dev/null || ! command -v pg_isready >/dev/null; then
  echo "PostgreSQL client tools are missing. Install PostgreSQL 15+ (Debian: apt-get install -y postgresql)," >&2
  echo "or point PGHOST/PGPORT at a running server." >&2
  exit 1
fi
if ! ready && [ "$PGHOST" = 127.0.0.1 ] && command -v pg_ctlcluster >/dev/null; then
  V=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -n "$V" ]; then
    echo "starting local PostgreSQL cluster $V/main ..."
    pg_ctlcluster --skip-systemctl-redirect "$V" main start 2>/dev/null || pg_ctlcluster "$V" main start || true
    for _ in $(seq 1 30); do ready && break; sleep 1; done
  fi
fi
if ! ready; then
  echo "No PostgreSQL answers on $PGHOST:$PGPORT." >&2
  echo "Install and start one (Debian: apt-get install -y postgresql && pg_ctlcluster 15 main start)," >&2
  echo "or set PGHOST/PGPORT to a server where you may create a role and databases." >&2
  exit 1
fi

# Superuser access: over TCP as postgres (trust auth, as on this machine), else as the postgres OS user (peer auth).
admin() {
  if psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1 </dev/null; then
    psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
  elif [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    su postgres -c "psql -p $PGPORT -d postgres -v ON_ERROR_STOP=1 -qtA $(printf '%q ' "$@")"
  else
    echo "cannot act as PostgreSQL superuser to create role '$ROLE'; create it yourself:" >&2
    echo "  CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '...'; then rerun with RELIEF_DB_PASSWORD set" >&2
    exit 1
  fi
}

if [ "$(admin -c "select 1 from pg_roles where rolname='$ROLE'")" != 1 ]; then
  admin -c "create role $ROLE login createdb password '$PASS'"
fi
for db in "${DBS[@]}"; do
  if [ "$(admin -c "select 1 from pg_database where datname='$db'")" != 1 ]; then
    admin -c "create database $db owner $ROLE encoding 'UTF8' template template0"
  fi
done
echo "postgresql ready on $PGHOST:$PGPORT: role $ROLE, databases ${DBS[*]}"
