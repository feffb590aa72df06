# A private PostgreSQL 15 for one test run, on 127.0.0.1 only. Sourced by scripts/test.
#   test_pg_start DIR   initdb a fresh cluster under DIR (or under /tmp when the postgres user cannot
#                       reach DIR), start it on a free port outside the ephemeral range, create the
#                       database relais_test and export RELAIS_TEST_PG_URL. Returns 1 on failure.
#   test_pg_stop        stop it (immediate: the data is thrown away); safe to call twice.
# initdb refuses to run as root: as root the cluster belongs to the OS user postgres.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TEST_PG_ROOT=""
TEST_PG_TMP_ROOT=""

_as_pg() {
  # From /: the postgres user may not be allowed into the current directory.
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

_port_is_free() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

test_pg_start() {
  local root port
  root=$(realpath -m "$1")
  [ -x "$PG_BIN/initdb" ] || { echo "test-pg: $PG_BIN/initdb not found (package postgresql-15)" >&2; return 1; }
  # A cluster left running by an interrupted run would hold its port and its files.
  [ -f "$root/data/postmaster.pid" ] && _as_pg "$PG_BIN/pg_ctl" -D "$root/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$root"
  mkdir -p "$root"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$root"
  if ! _as_pg test -w "$root" -a -x "$root"; then
    # e.g. a clone under /root (mode 700): the postgres user cannot traverse the path.
    rm -rf "$root"
    root=$(mktemp -d /tmp/relais-test-pg.XXXXXX)
    chown postgres: "$root"
    TEST_PG_TMP_ROOT=$root
    echo "test-pg: the postgres user cannot reach $1; using $root instead"
  fi
  TEST_PG_ROOT=$root

  _as_pg "$PG_BIN/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; return 1; }

  # Below 32768 so that no client socket of this machine can hold the port; try the next one when
  # another run (or another program) took it between the check and the start.
  for port in $(seq 15432 15531); do
    _port_is_free "$port" || continue
    # Unix sockets off (-k ''): everything goes over TCP, and a long checkout path cannot break the
    # socket path length limit.
    if _as_pg "$PG_BIN/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
        -o "-p $port -k '' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null; then
      export RELAIS_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/relais_test"
      psql -X -q -v ON_ERROR_STOP=1 "postgresql://postgres@127.0.0.1:$port/postgres" \
        -c "CREATE DATABASE relais_test TEMPLATE template0" || return 1
      echo "test-pg: PostgreSQL 15 on 127.0.0.1:$port (data in $root/data)"
      return 0
    fi
    grep -q "could not bind\|Address already in use" "$root/server.log" 2>/dev/null || break
  done
  echo "test-pg: PostgreSQL did not start; its log:" >&2
  cat "$root/server.log" >&2 2>/dev/null
  return 1
}

test_pg_stop() {
  [ -n "$TEST_PG_ROOT" ] || return 0
  [ -f "$TEST_PG_ROOT/data/postmaster.pid" ] &&
    _as_pg "$PG_BIN/pg_ctl" -D "$TEST_PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1
  [ -n "$TEST_PG_TMP_ROOT" ] && rm -rf "$TEST_PG_TMP_ROOT"
  TEST_PG_ROOT=""
  return 0
}
