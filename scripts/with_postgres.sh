#!/usr/bin/env bash
# Run a command with POLICYWATCH_TEST_POSTGRES pointing at a PostgreSQL server.
#   - already set: run the command against that server;
#   - else, when PostgreSQL's server programs are installed: start a throw-away cluster (initdb under a temporary
#     folder, trust auth, loopback only, fsync off), run the command, stop the cluster and delete the folder;
#     as root the cluster runs as the `postgres` user (initdb refuses root);
#   - else: say why the PostgreSQL pass is skipped and succeed.
set -euo pipefail

if [ -n "${POLICYWATCH_TEST_POSTGRES:-}" ]; then
  exec "$@"
fi

PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL pass skipped: no PostgreSQL server programs found (install postgresql, or set" \
       "POLICYWATCH_TEST_POSTGRES=postgresql://user@host:port/db to use a server you have)." >&2
  exit 0
fi

PORT="${PGPORT_TEST:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
DIR="$(mktemp -d "${TMPDIR:-/tmp}/policywatch-pg.XXXXXX")"
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$DIR"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
stop() {
  as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

as_owner "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c fsync=off -c max_connections=300" >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (folder $DIR)" >&2

export POLICYWATCH_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$PORT/postgres"
"$@"
