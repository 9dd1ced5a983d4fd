#!/usr/bin/env bash
# Prepares PostgreSQL for the platform and the tests. A server answering on $PGHOST:$PGPORT (default 127.0.0.1:5432)
# is used as it is; a local Debian cluster that is installed but down is started; and when none answers on a local
# address, a real PostgreSQL build is fetched from Maven Central (zonky's embedded-postgres-binaries, pinned in
# deploy/local/postgres/pom.xml), unpacked under .local/postgres, initialised and started on that port. Then the role
# and the databases are created (idempotent).
#
#   deploy/local/postgres.sh ensure [db ...]   creates the databases named (owned by the role), default: the four
#                                              platform databases. The tests name theirs (TestInfrastructure: *_test
#                                              and *_system with a suffix of their checkout, so two clones never share
#                                              one).
#   deploy/local/postgres.sh stop              stop the fetched server on $PGPORT (an installed one is left alone)
#   deploy/local/postgres.sh status            what answers on $PGHOST:$PGPORT
#   deploy/local/postgres.sh restart           crash-restart (immediate stop, then start) the server on $PGPORT, the
#                                              fetched one or a local Debian cluster: the fault suite's database fault
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
ROLE=${RELIEF_DB_USER:-relief}
PASS=${RELIEF_DB_PASSWORD:-relief}
HOME_DIR="$ROOT/.local/postgres"
LIBS="$HOME_DIR/libs"
PG_VERSION=16.4.0
BIN="$HOME_DIR/$PG_VERSION/bin"
RUN_DIR="$HOME_DIR/run-$PGPORT"     # data directory and log of the fetched server on this port
cmd=${1:-ensure}
[ $# -gt 0 ] && shift
DBS=("$@")
if [ ${#DBS[@]} -eq 0 ]; then
  DBS=(requests inventory dispatch volunteer)
fi
for db in "${DBS[@]}"; do
  # they go into SQL unquoted (here and in PgLocal): plain lower-case identifiers only
  [[ $db =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "not a plain database name: '$db'" >&2; exit 2; }
done

local_host() { [ "$PGHOST" = 127.0.0.1 ] || [ "$PGHOST" = localhost ]; }
answers() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null
  else (exec 3<>"/dev/tcp/$PGHOST/$PGPORT") 2>/dev/null; fi
}
ours_running() { [ -f "$RUN_DIR/data/postmaster.pid" ] && kill -0 "$(head -1 "$RUN_DIR/data/postmaster.pid")" 2>/dev/null; }
# PostgreSQL refuses to run as root: then the fetched server runs as nobody, which owns its directory.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null; then runuser -u nobody -- "$@"; else su nobody -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else "$@"; fi
}
pg_local() { java -cp "$LIBS/*" "$ROOT/deploy/local/postgres/PgLocal.java" "$@"; }

platform_id() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "no PostgreSQL build for $(uname -s); install PostgreSQL and set PGHOST/PGPORT" >&2; exit 1 ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=amd64 ;; aarch64|arm64) arch=arm64v8 ;; *) echo "no PostgreSQL build for $(uname -m)" >&2; exit 1 ;; esac
  echo "$os-$arch"
}

fetch() {
  [ -x "$BIN/pg_ctl" ] && [ -f "$LIBS/.complete" ] && return 0
  command -v java >/dev/null || { echo "Java 17+ is needed" >&2; exit 1; }
  local platform; platform=$(platform_id)
  echo "fetching PostgreSQL $PG_VERSION ($platform) from Maven Central into $HOME_DIR (once) ..."
  rm -rf "$LIBS" "$HOME_DIR/$PG_VERSION"; mkdir -p "$LIBS"
  "$ROOT/mvnw" -q -B -f "$ROOT/deploy/local/postgres/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIBS" \
    -Dpg.platform="$platform" -Dpg.version="$PG_VERSION"
  pg_local unpack "$LIBS/embedded-postgres-binaries-$platform-$PG_VERSION.jar" "$HOME_DIR/$PG_VERSION"
  rm -f "$LIBS"/embedded-postgres-binaries-*.jar   # unpacked; the other jars stay for PgLocal
  touch "$LIBS/.complete"
}

start_fetched() {
  fetch
  mkdir -p "$RUN_DIR"
  [ "$(id -u)" = 0 ] && chown -R nobody "$RUN_DIR"
  if [ ! -f "$RUN_DIR/data/PG_VERSION" ]; then
    echo "initialising a PostgreSQL cluster in $RUN_DIR/data ..."
    as_owner "$BIN/initdb" -D "$RUN_DIR/data" -U postgres -A trust -E UTF8 --locale=C >"$RUN_DIR/initdb.log" 2>&1 \
      || { cat "$RUN_DIR/initdb.log" >&2; exit 1; }
  fi
  echo "starting the fetched PostgreSQL on $PGHOST:$PGPORT ..."
  # TCP only (no socket file: a deep checkout path would exceed the socket path limit); as many connections as the
  # four services' pools and the test suites take
  as_owner "$BIN/pg_ctl" -D "$RUN_DIR/data" -l "$RUN_DIR/postgres.log" -w -t 60 \
    -o "-p $PGPORT -c listen_addresses=$PGHOST -c unix_socket_directories='' -c max_connections=300" start >/dev/null \
    || { tail -20 "$RUN_DIR/postgres.log" >&2; exit 1; }
}

ensure() {
  if ! answers && local_host && command -v pg_ctlcluster >/dev/null; then
    # an installed Debian cluster on this very port, stopped
    local v conf
    v=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    conf="/etc/postgresql/$v/main/postgresql.conf"
    if [ -n "$v" ] && [ "$(sed -n 's/^port *= *\([0-9]*\).*/\1/p' "$conf" 2>/dev/null)" = "$PGPORT" ]; then
      echo "starting local PostgreSQL cluster $v/main ..."
      pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || pg_ctlcluster "$v" main start || true
      for _ in $(seq 1 30); do answers && break; sleep 1; done
    fi
  fi
  if ! answers; then
    if local_host; then
      start_fetched
    else
      echo "No PostgreSQL answers on $PGHOST:$PGPORT; start it, or unset PGHOST to use a local one." >&2
      exit 1
    fi
  fi
  if ours_running || ! command -v psql >/dev/null; then
    fetch
    pg_local ensure "$PGHOST" "$PGPORT" "$ROLE" "$PASS" "${DBS[@]}"
  else
    ensure_with_psql
  fi
  echo "postgresql ready on $PGHOST:$PGPORT: role $ROLE, databases ${DBS[*]}"
}

# An installed server: superuser over TCP as postgres (trust auth, as on this machine), else as the postgres OS user.
ensure_with_psql() {
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
  local db
  for db in "${DBS[@]}"; do
    if [ "$(admin -c "select 1 from pg_database where datname='$db'")" != 1 ]; then
      admin -c "create database $db owner $ROLE encoding 'UTF8' template template0"
    fi
  done
}

stop() {
  if ours_running; then
    as_owner "$BIN/pg_ctl" -D "$RUN_DIR/data" -m fast -w stop >/dev/null
    echo "fetched PostgreSQL on port $PGPORT stopped"
  fi
}

# The Debian cluster configured on $PGPORT, as "version cluster", if there is one.
debian_cluster() {
  command -v pg_lsclusters >/dev/null || return 1
  pg_lsclusters -h 2>/dev/null | awk -v port="$PGPORT" '$3 == port { print $1, $2; found=1; exit } END { exit !found }'
}

restart() {
  local cluster
  if ours_running; then
    as_owner "$BIN/pg_ctl" -D "$RUN_DIR/data" -m immediate -w stop >/dev/null
    start_fetched >/dev/null
  elif local_host && cluster=$(debian_cluster); then
    # shellcheck disable=SC2086
    pg_ctlcluster --skip-systemctl-redirect $cluster stop -m immediate
    # shellcheck disable=SC2086
    pg_ctlcluster --skip-systemctl-redirect $cluster start
  else
    echo "cannot restart the PostgreSQL on $PGHOST:$PGPORT: it is neither fetched by this script nor a local Debian cluster" >&2
    exit 3
  fi
  for _ in $(seq 1 60); do answers && { echo "postgresql on $PGPORT restarted"; return 0; }; sleep 0.5; done
  echo "postgresql on $PGPORT did not come back in 30 s" >&2
  exit 1
}

status() {
  if ours_running; then
    echo "postgresql  fetched $PG_VERSION, pid $(head -1 "$RUN_DIR/data/postmaster.pid"), $PGHOST:$PGPORT, data $RUN_DIR/data"
  elif answers; then
    echo "postgresql  installed or remote server answering on $PGHOST:$PGPORT"
  else
    echo "postgresql  nothing answers on $PGHOST:$PGPORT"
    return 1
  fi
}

case "$cmd" in
  ensure) ensure ;;
  stop) stop ;;
  status) status ;;
  restart) restart ;;
  fetch) fetch ;;
  *) echo "usage: $0 {ensure [db ...]|stop|status|restart|fetch}" >&2; exit 2 ;;
esac
