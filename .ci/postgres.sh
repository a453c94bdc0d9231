#!/usr/bin/env bash
# Throwaway PostgreSQL 15 for the storage tests. Source this file, then:
#   start_test_postgres   # initdb in a mktemp dir, start on a free loopback port, create crmbridge_test,
#                         # export CRMBRIDGE_TEST_POSTGRES="Host=127.0.0.1;Port=...;Database=crmbridge_test;Username=postgres"
#   stop_test_postgres    # stop the server and delete its directory
# As root the server runs as the `postgres` system user (created when missing); otherwise as the current user.
# Safe under `set -euo pipefail`.

_crmbridge_pg_bin() {
  if [ -n "${CRMBRIDGE_PG_BIN:-}" ]; then echo "$CRMBRIDGE_PG_BIN"; return; fi
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then echo /usr/lib/postgresql/15/bin; return; fi
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$found" ]; then echo "$found"; return; fi
  dirname "$(command -v initdb)"
}

_crmbridge_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_crmbridge_free_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2
  return 1
}

start_test_postgres() {
  local bin root port attempt
  bin="$(_crmbridge_pg_bin)"
  if [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL server binaries not found (looked in $bin); install postgresql-15 or set CRMBRIDGE_PG_BIN" >&2
    return 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  fi

  root="$(mktemp -d)"
  chmod 700 "$root"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$root"; fi
  _crmbridge_pg_as_owner "$bin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$root/initdb.log" 2>&1 || {
    cat "$root/initdb.log" >&2; rm -rf "$root"; return 1
  }

  for attempt in 1 2 3 4 5; do
    port="$(_crmbridge_free_port)" || break
    if _crmbridge_pg_as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
        -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null; then
      _crmbridge_pg_as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres crmbridge_test
      export CRMBRIDGE_PG_ROOT="$root" CRMBRIDGE_PG_PORT="$port" CRMBRIDGE_PG_BIN_DIR="$bin"
      export CRMBRIDGE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=crmbridge_test;Username=postgres"
      return 0
    fi
  done

  echo "PostgreSQL did not start; server log:" >&2
  cat "$root/server.log" >&2 2>/dev/null || true
  rm -rf "$root"
  return 1
}

stop_test_postgres() {
  local root="${CRMBRIDGE_PG_ROOT:-}"
  [ -n "$root" ] || return 0
  if [ -d "$root/data" ]; then
    _crmbridge_pg_as_owner "${CRMBRIDGE_PG_BIN_DIR:-$(_crmbridge_pg_bin)}/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
  unset CRMBRIDGE_PG_ROOT CRMBRIDGE_PG_PORT CRMBRIDGE_PG_BIN_DIR CRMBRIDGE_TEST_POSTGRES
}
