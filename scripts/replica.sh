#!/usr/bin/env bash
# Starts a streaming replica of this machine's PostgreSQL (the Debian cluster at 127.0.0.1:5432, trust auth) on
# 127.0.0.1:5433, for the read-replica test and for trying DATABASE_READ_URL by hand. It copies the whole cluster
# with pg_basebackup, so every database of the primary (the tests' included) is on the replica under the same name.
# Run as root (CI) or as the postgres user. Idempotent: a replica already answering on the port is left alone; one
# whose folder exists but is stopped is started; one that cannot catch up any more is copied again.
#   scripts/replica.sh            # then DATABASE_READ_URL=postgres://postgres@127.0.0.1:5433/<database>
#   scripts/replica.sh stop       # stops it (the copy stays, for a quick start next time)
set -euo pipefail

PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-/var/lib/postgresql/docket-replica}
REPLICA_LOG=${REPLICA_LOG:-/var/lib/postgresql/docket-replica.log}
version=${PG_VERSION:-$(ls /etc/postgresql | sort -V | tail -1)}
bin=/usr/lib/postgresql/${version}/bin
hba=/etc/postgresql/${version}/main/pg_hba.conf

# PostgreSQL refuses to run as root: the server's own commands run as its owner.
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
ask() { psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atqc "$2" 2>/dev/null; }

if [ "${1:-start}" = stop ]; then
  [ -f "$REPLICA_DIR/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop
  exit 0
fi

case "$(ask "$REPLICA_PORT" 'select pg_is_in_recovery()' || true)" in
  t)
    # A test run killed while it held replay paused must not leave the replica behind for good.
    ask "$REPLICA_PORT" 'select pg_wal_replay_resume()' >/dev/null
    echo "replica: already streaming on 127.0.0.1:${REPLICA_PORT}"
    exit 0
    ;;
  f) echo "replica: port ${REPLICA_PORT} answers as a primary, not a replica; stop that server or set REPLICA_PORT" >&2; exit 1 ;;
esac

pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" || { echo "replica: no primary at ${PRIMARY_HOST}:${PRIMARY_PORT}" >&2; exit 1; }

# Replication connections match only a "replication" line of pg_hba.conf ("all" does not cover them).
if ! grep -Eq '^\s*host\s+replication\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
  echo 'host    replication     all             127.0.0.1/32            trust' >>"$hba"
  ask "$PRIMARY_PORT" 'select pg_reload_conf()' >/dev/null
  echo "replica: allowed replication from 127.0.0.1 in $hba"
fi

# A hot standby needs at least the primary's counts of these; taken from the primary so the replica always starts.
standby_settings() {
  local name
  for name in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
    echo "$name = $(ask "$PRIMARY_PORT" "show $name")"
  done
}

copy_primary() {
  echo "replica: copying the primary into $REPLICA_DIR"
  rm -rf "$REPLICA_DIR"
  as_postgres "$bin/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -D "$REPLICA_DIR" -R -X stream -c fast
  # A Debian cluster keeps its configuration in /etc, so the copied folder has none of its own.
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = ${REPLICA_PORT}"
    echo "unix_socket_directories = '/tmp'"
    echo 'hot_standby = on'
    echo 'hot_standby_feedback = on'
    standby_settings
  } | as_postgres tee "$REPLICA_DIR/postgresql.conf" >/dev/null
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_postgres tee "$REPLICA_DIR/pg_hba.conf" >/dev/null
  as_postgres touch "$REPLICA_DIR/pg_ident.conf"
}

start_replica() {
  as_postgres "$bin/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_LOG" -w -t 60 start >/dev/null
}

# Streaming means the replica's WAL receiver is connected: a copy whose WAL the primary no longer has never gets there.
streaming() {
  local _
  for _ in $(seq 1 30); do
    [ "$(ask "$REPLICA_PORT" 'select status from pg_stat_wal_receiver')" = streaming ] && return 0
    sleep 1
  done
  return 1
}

touch "$REPLICA_LOG" && chown postgres: "$REPLICA_LOG" 2>/dev/null || true
if [ -f "$REPLICA_DIR/standby.signal" ] && start_replica && streaming; then
  echo "replica: started the existing copy on 127.0.0.1:${REPLICA_PORT}"
  exit 0
fi
[ -f "$REPLICA_DIR/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$REPLICA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
copy_primary
start_replica
streaming || { echo "replica: started but not streaming; see $REPLICA_LOG" >&2; tail -20 "$REPLICA_LOG" >&2; exit 1; }
echo "replica: streaming on 127.0.0.1:${REPLICA_PORT} from ${PRIMARY_HOST}:${PRIMARY_PORT}"
