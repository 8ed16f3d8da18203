#!/usr/bin/env bash
# A throwaway PostgreSQL server in one folder, for tests and local runs. Nothing goes to /etc, /var or /run.
#
# Usage:
#   eval "$(scripts/postgres.sh start DIR [PORT])"   # creates/starts it; PORT defaults to 55432
#   scripts/postgres.sh restart DIR                  # restarts it (same data, same port), waits until it is up
#   scripts/postgres.sh stop DIR                     # stops it (fast mode); exit 0 also when it was not running
#   rm -rf DIR                                       # after stop, to throw it away
#
# `start` prints exactly two lines on stdout, meant for eval (all other messages go to stderr):
#   export PGPASSFILE=DIR/pgpass
#   export FAIRMTL_PG_URL=postgres://fairmtl@127.0.0.1:PORT/fairmtl
# with DIR made absolute. Then e.g. `psql "$FAIRMTL_PG_URL" -c 'select 1'` works (libpq reads the password from
# PGPASSFILE). Starting a cluster that is already running prints the same two lines (same password) and exits 0.
# `start DIR` without PORT on an existing cluster keeps its port; `start DIR PORT` with another port changes the
# port of a stopped cluster and is refused while it runs.
#
# What it sets up in DIR (created if missing):
#   DIR/data        the data directory (initdb on first start; owned by postgres, mode 0700)
#   DIR/socket      the unix socket folder (owned by postgres, mode 0700, so only postgres and root can use it)
#   DIR/server.log  the server log; DIR/initdb.log the output of initdb
#   DIR/pgpass      the password file (mode 0600): 127.0.0.1:PORT:*:fairmtl:<password>
#   DIR/lock        serializes concurrent calls of this script on the same DIR
# The server listens on 127.0.0.1:PORT only, with fsync=off, synchronous_commit=off, full_page_writes=off
# (fast, not crash safe) and max_connections=100; those settings live in DIR/data/fairmtl.conf. Authentication:
# TCP connections need a password (scram-sha-256); over the socket only the role postgres may connect (trust).
# A login role `fairmtl` with a random password and CREATEDB (so tests can make a database each) owns a database
# `fairmtl`.
#
# Runs as root (the server then runs as the OS user postgres, via runuser) or as any other non-root user (the
# server then runs as that user and DIR/data belongs to it). Needs the Debian postgresql packages: PostgreSQL's
# binaries are taken from the newest /usr/lib/postgresql/<version>/bin (scripts/install-cluster-dependencies.sh).
set -euo pipefail

me=postgres.sh
usage="usage: scripts/postgres.sh start DIR [PORT] | restart DIR | stop DIR"

fail() {
  echo "$me: $*" >&2
  exit 1
}

[ $# -ge 2 ] || fail "$usage"
command=$1
dir_arg=$2
port_arg=${3:-}
case "$command" in
  start) [ $# -le 3 ] || fail "$usage" ;;
  stop | restart) [ $# -eq 2 ] || fail "$usage" ;;
  *) fail "unknown command '$command'; $usage" ;;
esac
if [ -n "$port_arg" ]; then
  [[ "$port_arg" =~ ^[0-9]+$ ]] && [ "$port_arg" -ge 1024 ] && [ "$port_arg" -le 65535 ] ||
    fail "PORT must be a number from 1024 to 65535, got '$port_arg'"
fi
case "$dir_arg" in
  *"'"* | *$'\n'* | *\\*) fail "DIR must not contain quotes, backslashes or newlines: '$dir_arg'" ;;
esac

# PostgreSQL binaries: the newest Debian version. /usr/local/bin/pg_ctl etc. may exist but are not relied on.
pgbin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/postgres" ] &&
    [ -x "$candidate/psql" ] && [ -x "$candidate/pg_isready" ]; then
    pgbin=$candidate
  fi
done
[ -n "$pgbin" ] ||
  fail "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin; run scripts/install-cluster-dependencies.sh"

# Who runs the server: postgres when we are root (PostgreSQL refuses to run as root), else ourselves.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 ||
    fail "the OS user postgres does not exist (it comes with the postgresql package); run scripts/install-cluster-dependencies.sh"
  server_user=postgres
  server_group=$(id -gn postgres)
  as_server() { runuser -u postgres -- "$@"; }
else
  server_user=$(id -un)
  server_group=$(id -gn)
  as_server() { "$@"; }
fi

# DIR, absolute. For `stop` and `restart` it must already exist.
if [ "$command" = start ]; then
  mkdir -p -- "$dir_arg" || fail "cannot create DIR '$dir_arg'"
fi
if [ ! -d "$dir_arg" ]; then
  if [ "$command" = stop ]; then
    echo "$me: no folder $dir_arg, nothing to stop" >&2
    exit 0
  fi
  fail "no folder '$dir_arg'; start a cluster there first with: scripts/postgres.sh start $dir_arg"
fi
dir=$(cd -- "$dir_arg" && pwd -P)
data=$dir/data
socket_dir=$dir/socket
log=$dir/server.log
pgpass=$dir/pgpass
conf=$data/fairmtl.conf

# One call of this script at a time per DIR. Every program started below gets `9>&-`, so that no server keeps
# the lock after this script has ended.
exec 9>>"$dir/lock" || fail "cannot write $dir/lock; is DIR writable by $(id -un)?"
flock -w 120 9 || fail "another scripts/postgres.sh call holds $dir/lock for over 120 s; wait for it or kill it"

# The server user must be able to reach DIR (root's `mktemp -d` makes 0700 folders).
if [ "$server_user" != "$(id -un)" ] && ! runuser -u "$server_user" -- test -x "$dir" 9>&-; then
  if [ "$(stat -c %u "$dir")" = "$(id -u)" ]; then
    echo "$me: giving other users search permission on $dir (chmod a+x) so that $server_user can reach $dir/data" >&2
    chmod a+x "$dir"
  fi
  runuser -u "$server_user" -- test -x "$dir" 9>&- ||
    fail "the user $server_user cannot enter $dir (check the permissions of it and its parents; it needs a+x), or use a DIR under /tmp"
fi

if [ -f "$data/PG_VERSION" ] && [ "$(stat -c %U "$data")" != "$server_user" ]; then
  fail "$data belongs to $(stat -c %U "$data"), not $server_user; run this script as root (or as $(stat -c %U "$data")), or use another DIR"
fi

# Port of an existing cluster (from DIR/data/fairmtl.conf); empty when there is none.
configured_port() {
  [ -f "$conf" ] && sed -n "s/^port = \([0-9]*\)$/\1/p" "$conf" | tail -1 || true
}

is_running() {
  [ -f "$data/PG_VERSION" ] && as_server "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1 9>&-
}

show_log_tail() {
  if [ -f "$log" ]; then
    echo "$me: last lines of $log:" >&2
    tail -n 20 "$log" | sed 's/^/  /' >&2
  fi
}

# Writes DIR/data/fairmtl.conf (our settings, included from postgresql.conf) for the given port.
write_config() {
  local port=$1
  as_server tee "$conf" >/dev/null 9>&- <<EOF
# Written by scripts/postgres.sh; rewritten by every start of a stopped cluster.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket_dir'
unix_socket_permissions = 0700
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = scram-sha-256
EOF
  as_server tee "$data/pg_hba.conf" >/dev/null 9>&- <<EOF
# Written by scripts/postgres.sh. TCP needs a password; over the socket only postgres (trust).
# TYPE  DATABASE  USER      ADDRESS       METHOD
local   all       postgres                trust
host    all       all       127.0.0.1/32  scram-sha-256
EOF
}

# Waits until the server accepts TCP connections on 127.0.0.1:port (at most 60 s).
wait_until_ready() {
  local port=$1 deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1 9>&-; then return 0; fi
    sleep 0.1
  done
  show_log_tail
  fail "the server in $data does not accept connections on 127.0.0.1:$port after 60 s; see $log"
}

# Runs SQL (from stdin) as postgres over the unix socket.
psql_admin() {
  as_server "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$1" -U postgres -d postgres >&2 9>&-
}

case "$command" in
  stop)
    if ! is_running; then
      echo "$me: no server running in $data, nothing to stop" >&2
      exit 0
    fi
    as_server "$pgbin/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2 9>&- ||
      fail "pg_ctl stop failed for $data; see $log (the postmaster pid is in $data/postmaster.pid)"
    exit 0
    ;;

  restart)
    [ -f "$data/PG_VERSION" ] ||
      fail "no cluster in $data; start one first with: scripts/postgres.sh start $dir"
    port=$(configured_port)
    [ -n "$port" ] || fail "$conf has no port setting; stop the server, remove $dir and start again"
    as_server "$pgbin/pg_ctl" -D "$data" -l "$log" -m fast -w -t 60 restart >&2 9>&- || {
      show_log_tail
      fail "pg_ctl restart failed for $data; see $log"
    }
    wait_until_ready "$port"
    exit 0
    ;;
esac

# ---- start ----
if [ -e "$data" ] && [ ! -f "$data/PG_VERSION" ]; then
  fail "$data exists but is not a PostgreSQL data directory; remove it (or use another DIR) and start again"
fi
old_port=$(configured_port)
port=${port_arg:-${old_port:-55432}}
socket_path="$socket_dir/.s.PGSQL.$port"
[ "${#socket_path}" -le 100 ] ||
  fail "the socket path $socket_path is too long for a unix socket (max about 100 characters); use a shorter DIR"

if is_running; then
  if [ "$port" != "$old_port" ]; then
    fail "the server in $data already runs on port $old_port; stop it first (scripts/postgres.sh stop $dir) to change the port to $port"
  fi
  echo "$me: server in $data already running on 127.0.0.1:$port" >&2
else
  install -d -o "$server_user" -g "$server_group" -m 0700 "$socket_dir"
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "$me: initdb $data" >&2
    install -d -o "$server_user" -g "$server_group" -m 0700 "$data"
    install -o "$server_user" -g "$server_group" -m 0600 /dev/null "$dir/initdb.log"
    if ! as_server "$pgbin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 9>&-; then
      tail -n 20 "$dir/initdb.log" | sed 's/^/  /' >&2
      fail "initdb failed for $data (see $dir/initdb.log); remove $dir and start again"
    fi
    echo "include_if_exists = 'fairmtl.conf'" | as_server tee -a "$data/postgresql.conf" >/dev/null 9>&-
  fi
  write_config "$port"
  # The server log must be writable by the server user.
  [ -f "$log" ] || install -o "$server_user" -g "$server_group" -m 0600 /dev/null "$log"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port on 127.0.0.1 is already in use (by another program or another scripts/postgres.sh cluster); choose another PORT: scripts/postgres.sh start $dir PORT"
  fi
  echo "$me: starting the server in $data on 127.0.0.1:$port" >&2
  if ! as_server "$pgbin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >&2 9>&-; then
    show_log_tail
    fail "pg_ctl start failed for $data; see $log"
  fi
fi
wait_until_ready "$port"

# The password: kept in DIR/pgpass across starts; a new random one when there is none yet.
password=""
if [ -f "$pgpass" ]; then
  password=$(sed -n 's/^127\.0\.0\.1:[0-9]*:\*:fairmtl:\([0-9a-f]\{32,\}\)$/\1/p' "$pgpass" | tail -1)
fi
if [ -z "$password" ]; then
  password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
fi
(umask 077 && printf '127.0.0.1:%s:*:fairmtl:%s\n' "$port" "$password" >"$pgpass.tmp") &&
  mv -f "$pgpass.tmp" "$pgpass" || fail "cannot write $pgpass"
chmod 0600 "$pgpass"

# Role and database (idempotent); the SQL goes through stdin so the password is not on a command line.
if ! psql_admin "$port" <<EOF; then
SELECT 'CREATE ROLE fairmtl LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fairmtl') \gexec
ALTER ROLE fairmtl LOGIN CREATEDB PASSWORD '$password';
SELECT 'CREATE DATABASE fairmtl OWNER fairmtl' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'fairmtl') \gexec
EOF
  show_log_tail
  fail "creating the role/database fairmtl failed (psql as postgres over $socket_dir); see the messages above and $log"
fi

printf 'export PGPASSFILE=%q\n' "$pgpass"
printf 'export FAIRMTL_PG_URL=postgres://fairmtl@127.0.0.1:%s/fairmtl\n' "$port"
