#!/usr/bin/env bash
# Restores service databases from the pgBackRest repository deploy/backup.sh fills, into the running topology.
# See deploy/README.md, "Backups and restores"; afterwards, reconcile (deploy/reconcile.sh).
#
#   deploy/restore.sh DATABASE [INSTANT|latest]   one database: restored apart (a scratch server), then swapped in while its service
#                                                 is stopped; the other databases and services keep running
#   deploy/restore.sh all [INSTANT|latest]        every database: the services stopped, PostgreSQL restored in place, the services
#                                                 started again, together (in the cluster, the standby is rebuilt from the restored primary);
#                                                 to an instant, the broker's queues are emptied (they speak of after it)
#   deploy/restore.sh rabbitmq                    RabbitMQ's definitions (vhosts, users, queues, bindings) from the latest backup,
#                                                 into a broker that lost its data; what was in flight is replayed by reconciliation
#
# DATABASE: a service's (submission, review, geocoding, publication, identity, notification) or a database's name.
# INSTANT:  a PostgreSQL timestamp, e.g. '2026-12-04 10:00:00+01': every transaction committed before it, none after.
# latest:   everything committed (default). When PostgreSQL still answers, a WAL switch first sends its last WAL to the archive.
#           A database dropped by mistake: everything committed before the drop.
# Which PostgreSQL: as deploy/backup.sh (SI_TOPOLOGY=cluster, or SI_PG_NAME/SI_PG_PORT). Services: deploy/run.sh's or
# deploy/cluster.sh's processes are stopped and started by this script; SI_RESTORE_SERVICES=0 leaves them to the caller.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/deploy/backup.sh" # STANZA, CONFIG, PG_NODES, PG_NODE_PORTS, pgbr, node_sql, primary_index + deploy/infra.sh's helpers

TARGET_DB="${1:-}"
INSTANT="${2:-latest}"
[[ -n $TARGET_DB ]] || { sed -n '2,22p' "$0" >&2; exit 2; }
[[ -f $CONFIG ]] || die "no $CONFIG: no backups were configured for stanza $STANZA (deploy/backup.sh enable)"
MQ_API="${MQ_DEFINITIONS_URL%/definitions}"
MANAGE_SERVICES="${SI_RESTORE_SERVICES:-1}"
HOLD="$LOCAL/run" # deploy/run.sh: a service whose hold file exists is started again once the file is gone
declare -A SERVICE_OF=([si_submission]=submission [si_review]=labelling-review [si_geocoding]=geocoding
  [si_publication]=publication [si_identity]=identity [si_notification]=notification)
declare -A PORT_OF=([submission]=8081 [labelling-review]=8082 [geocoding]=8083 [publication]=8084 [identity]=8086 [notification]=8087)

# ---------- the services around a restore ----------
service_stop() { # name
  [[ $MANAGE_SERVICES == 1 ]] || return 0
  if [[ $TOPOLOGY == cluster ]]; then bash "$ROOT/deploy/cluster.sh" service stop "$1"; return; fi
  local pid; pid=$(cat "$HOLD/$1.pid" 2>/dev/null || true)
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || { log "restore: $1 is not running under deploy/run.sh"; return 0; }
  touch "$HOLD/$1.hold"; kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do [[ $SECONDS -lt $deadline ]] || die "$1 (pid $pid) did not stop"; sleep 0.25; done
  log "restore: $1 stopped"
}
service_start() { # name
  [[ $MANAGE_SERVICES == 1 ]] || return 0
  if [[ $TOPOLOGY == cluster ]]; then bash "$ROOT/deploy/cluster.sh" service start "$1"; return; fi
  [[ -e $HOLD/$1.hold ]] || return 0
  rm -f "$HOLD/$1.hold"
  local deadline=$((SECONDS + 180))
  until curl -fsS "http://127.0.0.1:${PORT_OF[$1]}/health/ready" >/dev/null 2>&1; do
    [[ $SECONDS -lt $deadline ]] || die "$1 not ready 180 s after its restore; see .local/logs/$1.log"
    sleep 0.5
  done
  log "restore: $1 started again and ready"
}

# ---------- what to restore to ----------
# pgBackRest's options for INSTANT
if [[ $INSTANT == latest ]]; then TARGET=(--type=default); else TARGET=(--type=time "--target=$INSTANT" --target-action=promote); fi
archive_last_wal() { # the primary's last WAL into the archive, if the primary answers (recovery to an instant needs the first commit after it)
  if pgbr check >/dev/null 2>&1; then log "restore: the primary's last WAL is archived"; else log "restore: PostgreSQL does not answer: restoring to the last archived WAL"; fi
}
forget_recovery_target() { # psql-args…: the restored server is a primary now. pgBackRest wrote its target in postgresql.auto.conf; a standby
  # cloned from it (pg_basebackup copies that file) would stop replaying at its first commit after the target and promote itself.
  local setting args=()
  for setting in recovery_target recovery_target_time recovery_target_lsn recovery_target_xid recovery_target_name \
                 recovery_target_inclusive recovery_target_action recovery_target_timeline; do args+=(-c "alter system reset $setting"); done
  "$(pg_bin)/psql" "$@" -d postgres -qX "${args[@]}" >/dev/null
}
await_promotion() { # data-dir psql-args…: until the server is out of recovery; fails if it stopped (e.g. the target was not reached)
  local data=$1; shift
  local deadline=$((SECONDS + 1800))
  until [[ $("$(pg_bin)/psql" "$@" -d postgres -tAqc "select pg_is_in_recovery()" 2>/dev/null) == f ]]; do
    as_pg "$(pg_bin)/pg_ctl" -D "$data" status >/dev/null 2>&1 || return 1
    [[ $SECONDS -lt $deadline ]] || die "recovery did not end within 1800 s"
    sleep 0.5
  done
}

# A database dropped by mistake: "latest" is everything committed before the drop. Its OID is in the newest backup that lists
# it; the drop's first WAL record, found with pg_waldump in what was archived since that backup, is where recovery stops (exclusive).
drop_lsn() { # db work-dir → prints the LSN of the record that dropped db
  local db=$1 work=$2 label oid="" start seg
  for label in $(pgbr --output=json info | grep -o '"label":"[^"]*"' | cut -d'"' -f4 | tac); do
    oid=$(pgbr --set="$label" info | grep -o "[ ,]$db ([0-9]*)" | grep -o '([0-9]*)' | tr -d '()' || true)
    [[ -n $oid ]] && break
  done
  [[ -n $oid ]] || die "$db is gone and no backup lists it: give the instant to restore to"
  start=$(pgbr --set="$label" info | grep -o 'wal start/stop: [0-9A-F]*' | awk '{print $3}')
  mkdir -p "$work/wal"; [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$work/wal"
  local previous="" dump
  for seg in $(pgbr repo-ls --recurse "archive/$STANZA" | grep -o '[0-9A-F]\{24\}-' | tr -d - | sort -u); do
    [[ $seg < $start ]] && continue
    pgbr archive-get "$seg" "$work/wal/$seg" >/dev/null
    dump=$(as_pg "$(pg_bin)/pg_waldump" "$work/wal/$seg" 2>/dev/null || true)
    rm -f "$work/wal/$seg"
    local tx; tx=$(grep -E "rmgr: Database .*DROP dir [0-9]+/$oid\b" <<<"$dump" | grep -o 'tx: *[0-9]*' | head -1 | grep -o '[0-9]*' || true)
    if [[ -n $tx ]]; then
      # The drop's first record (PostgreSQL marks the database invalid before it removes its files): recovery stops before it.
      local both first lsn marked
      both=$(printf '%s\n%s\n' "$previous" "$dump")
      first=$(grep -n -E "tx: +$tx," <<<"$both" | head -1 | cut -d: -f1)
      lsn=$(sed -n "${first}p" <<<"$both" | grep -o 'lsn: [0-9A-F]*/[0-9A-F]*' | cut -d' ' -f2)
      # PostgreSQL 15.4+ first marks the database invalid, in place and outside the transaction: recovery stops before that.
      marked=$(head -n "$first" <<<"$both" | grep -E "INPLACE.*rel 1664/0/1262 " | tail -1 | grep -o 'lsn: [0-9A-F]*/[0-9A-F]*' | cut -d' ' -f2 || true)
      [[ -n $marked ]] && lsn=$marked
      log "restore: $db (OID $oid in backup $label) was dropped by transaction $tx from LSN $lsn: restoring to just before it"
      echo "$lsn"; return 0
    fi
    previous=$dump
  done
  die "$db is gone but its drop is not in the WAL archived since backup $label: give the instant to restore to"
}

scratch_restore() { # work port socket-dir pgbackrest-options…: the backup and WAL to the target on a scratch server, promoted
  local work=$1 port=$2 sock=$3; shift 3
  as_pg "$(pg_bin)/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work/data"
  pgbr --pg1-path="$work/data" --archive-mode=off "${TARGET[@]}" "$@" restore
  as_pg "$(pg_bin)/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -t 1800 start \
    -o "-c listen_addresses='' -k $sock -p $port -c archive_mode=off -c max_connections=500 -c cluster_name=si-restore" >/dev/null || return 1
  await_promotion "$work/data" -h "$sock" -p "$port" -U "$PG_USER"
}

# ---------- one database ----------
restore_one() {
  local db
  case $TARGET_DB in
    labelling-review|review) db=si_review ;;
    submission|geocoding|publication|identity|notification) db="si_$TARGET_DB" ;;
    *) db=$TARGET_DB ;;
  esac
  local service=${SERVICE_OF[$db]:-}
  local p; p=$(primary_index)
  local live_home; live_home=$(pg_home "${PG_NODES[$p]}")
  local live=(-h "$live_home/run" -p "${PG_NODE_PORTS[$p]}" -U "$PG_USER")
  local work; work="$(pg_home restore-work)/$$"
  local port=$((54400 + $$ % 500))
  # The scratch server's socket lives in /tmp: a socket path has at most 107 bytes, and the work folder may be deep.
  local sock; sock=$(mktemp -d /tmp/si-restore-XXXXXX)
  rm -rf "$work"; mkdir -p "$work"; [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$(dirname "$work")" "$sock"
  trap 'as_pg "$(pg_bin)/pg_ctl" -D "'"$work"'/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "'"$work"'" "'"$sock"'"' EXIT

  # Restoring to the latest point: the service stops first, so nothing it commits after the last WAL is archived is lost.
  [[ $INSTANT == latest && -n $service ]] && service_stop "$service"
  archive_last_wal
  if [[ $INSTANT == latest && -z $(as_pg "$(pg_bin)/psql" "${live[@]}" -d postgres -tAqc "select 1 from pg_database where datname = '$db'") ]]; then
    local lsn; lsn=$(drop_lsn "$db" "$work")
    TARGET=(--type=lsn "--target=$lsn" --target-exclusive --target-action=promote)
  fi
  log "restore: $db to $INSTANT, on a scratch server (:$port)"
  # Just this database (pgBackRest zeroes the others' files): quick. Should recovery fail on the others' zeroed pages
  # (measured once: "WAL contains references to invalid pages"), the whole server is restored instead.
  if ! scratch_restore "$work" "$port" "$sock" --db-include="$db"; then
    tail -3 "$work/postgres.log" >&2
    log "restore: the selective restore did not recover; restoring the whole server on the scratch server"
    scratch_restore "$work" "$port" "$sock" || { tail -20 "$work/postgres.log" >&2; die "the scratch server did not recover (a target before the first backup, or after the archive's end?)"; }
  fi
  as_pg "$(pg_bin)/pg_dump" -h "$sock" -p "$port" -U "$PG_USER" -Fc -f "$work/$db.dump" "$db"

  local staged="${db}__restored"
  as_pg "$(pg_bin)/psql" "${live[@]}" -d postgres -qc "drop database if exists \"$staged\"" -c "create database \"$staged\""
  as_pg "$(pg_bin)/pg_restore" "${live[@]}" -d "$staged" --no-owner --exit-on-error -j 2 "$work/$db.dump"
  [[ -n $service ]] && service_stop "$service"
  as_pg "$(pg_bin)/psql" "${live[@]}" -d postgres -v ON_ERROR_STOP=1 -qc "drop database if exists \"$db\" with (force)" \
    -c "alter database \"$staged\" rename to \"$db\""
  log "restore: $db swapped in (restored to $INSTANT)"
  [[ -n $service ]] && service_start "$service"
  # The restored database is a new one (a new OID): a differential backup lists it, for the next restore's "before the drop".
  bash "$ROOT/deploy/backup.sh" diff
  return 0
}

# ---------- every database, in place ----------
restore_all() {
  local services=(submission identity publication labelling-review geocoding notification) s
  # The front door first: what it accepts from now on would be erased by the restore. Then the others, together.
  service_stop submission
  local stopping=() p
  for s in "${services[@]:1}"; do service_stop "$s" & stopping+=($!); done
  for p in "${stopping[@]}"; do wait "$p" || die "a service did not stop for the restore"; done
  archive_last_wal
  local i
  for i in "${!PG_NODES[@]}"; do
    local home; home=$(pg_home "${PG_NODES[$i]}")
    as_pg "$(pg_bin)/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1 || true
  done
  local home; home=$(pg_home "${PG_NODES[0]}")
  log "restore: every database to $INSTANT, in place (${PG_NODES[0]})"
  pgbr --pg1-path="$home/data" --delta "${TARGET[@]}" restore
  if [[ $TOPOLOGY == cluster ]]; then
    bash "$ROOT/deploy/cluster.sh" pg-start 1
    await_promotion "$home/data" -h "$home/run" -p "${PG_NODE_PORTS[0]}" -U "$PG_USER" || die "PostgreSQL did not recover; see its log"
    forget_recovery_target -h "$home/run" -p "${PG_NODE_PORTS[0]}" -U "$PG_USER"
    bash "$ROOT/deploy/cluster.sh" pg-rejoin # the standby, rebuilt from the restored primary
  else
    bash "$ROOT/deploy/infra.sh" postgres
    await_promotion "$home/data" -h "$home/run" -p "${PG_NODE_PORTS[0]}" -U "$PG_USER" || die "PostgreSQL did not recover; see its log"
    forget_recovery_target -h "$home/run" -p "${PG_NODE_PORTS[0]}" -U "$PG_USER"
  fi
  [[ $INSTANT == latest ]] || purge_queues
  log "restore: PostgreSQL restored to $INSTANT (a new timeline); taking a differential backup from it"
  bash "$ROOT/deploy/backup.sh" diff
  local pids=()
  for s in "${services[@]}"; do service_start "$s" & pids+=($!); done # together: each waits for identity's keys, not for the others
  for p in "${pids[@]}"; do wait "$p" || die "a service did not come back after the restore"; done
}

# ---------- the broker ----------
mq_api() { curl -fsS -u "$MQ_USER:$MQ_PASSWORD" -H 'content-type: application/json' "$@"; }
restore_rabbitmq() {
  local file="$REPO/rabbitmq/$STANZA/latest.json"
  [[ -s $file ]] || die "no RabbitMQ definitions in $REPO/rabbitmq/$STANZA (they are exported with each backup)"
  mq_api -X POST "$MQ_API/definitions" --data-binary "@$file" >/dev/null
  log "restore: RabbitMQ definitions imported from $(readlink -f "$file")"
}
purge_queues() { # after every database went back to an instant: what the queues hold speaks of after it
  local vhost queue n=0
  while IFS=$'\t' read -r vhost queue; do
    [[ -z $queue || $queue == *_error ]] && continue
    mq_api -X DELETE "$MQ_API/queues/$(printf %s "$vhost" | sed 's|/|%2F|g')/$queue/contents" >/dev/null && n=$((n + 1))
  done < <(mq_api "$MQ_API/queues?columns=vhost,name" | grep -o '"name":"[^"]*","vhost":"[^"]*"\|"vhost":"[^"]*","name":"[^"]*"' |
           sed -E 's/"name":"([^"]*)","vhost":"([^"]*)"/\2\t\1/; s/"vhost":"([^"]*)","name":"([^"]*)"/\1\t\2/')
  log "restore: $n queues emptied (their messages were published after $INSTANT; reconciliation replays what was in flight then)"
}

started=$SECONDS
case $TARGET_DB in
  all) restore_all ;;
  rabbitmq) restore_rabbitmq ;;
  *) restore_one ;;
esac
log "restore: done in $((SECONDS - started)) s — now reconcile: deploy/reconcile.sh EDITION"
