#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server for the store tests and prints the lines to source:
#   eval "$(.ci/postgres-test-server.sh start)"   ...   .ci/postgres-test-server.sh stop
# Data in $KARYO_PG_DIR (default /tmp/karyo-pg-test), port $KARYO_PG_PORT (default 55432), localhost only.
# The test role's password is random, goes to a 0600 pgpass file (PGPASSFILE), never on a command line.
set -euo pipefail
dir="${KARYO_PG_DIR:-/tmp/karyo-pg-test}"
port="${KARYO_PG_PORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bin" ] || { echo "no PostgreSQL server binaries in /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    if [ ! -s "$dir/data/PG_VERSION" ]; then
      rm -rf "$dir"; mkdir -p "$dir/data"
      [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=localhost" start >/dev/null
    fi
    passfile="$dir/pgpass"
    # a restart keeps the password: workstations connected to the old server reconnect with it
    if [ -s "$passfile" ]; then pass="$(cut -d: -f5 "$passfile")"; else pass="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"; fi
    # the password travels on psql's standard input, not its command line
    printf "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'karyo_test') THEN CREATE ROLE karyo_test LOGIN CREATEROLE; END IF; IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'karyo_signoff') THEN CREATE ROLE karyo_signoff NOLOGIN; END IF; END \$\$;\nGRANT karyo_signoff TO karyo_test;\nALTER ROLE karyo_test PASSWORD '%s';\n" "$pass" \
      | as_pg "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null
    as_pg "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'karyo_test'" | grep -q 1 \
      || as_pg "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -c "CREATE DATABASE karyo_test OWNER karyo_test" >/dev/null
    umask 077
    echo "localhost:$port:*:karyo_test:$pass" > "$passfile"
    echo "export PGPASSFILE=$passfile"
    echo "export KARYO_TEST_PG_URL=postgresql://localhost:$port/karyo_test?user=karyo_test"
    echo "export KARYO_TEST_PG_DIR=$dir"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true ;;
  kill)  # for the recovery tests: as a power cut would
    pid="$(head -1 "$dir/data/postmaster.pid" 2>/dev/null || true)"; [ -n "$pid" ] && kill -9 "$pid" || true ;;
  *) echo "usage: $0 start|stop|kill" >&2; exit 2 ;;
esac
