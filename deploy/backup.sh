#!/usr/bin/env bash
# Backups of every service database with pgBackRest (full, differential, continuous WAL archiving) into an encrypted
# repository, with RabbitMQ's definitions beside each backup. See deploy/README.md, "Backups and restores".
#
#   deploy/backup.sh enable     install pgBackRest, write its configuration, turn WAL archiving on (restarts PostgreSQL once
#                               if it runs without archiving), create the stanza, take the first full backup
#   deploy/backup.sh full|diff  take a full / differential backup (annotated with the edition), export RabbitMQ's definitions
#   deploy/backup.sh scheduled  what the schedule runs: a full backup when the last is older than SI_BACKUP_FULL_DAYS (7),
#                               else a differential
#   deploy/backup.sh check      force a WAL switch and wait until it is archived (everything committed is then restorable)
#   deploy/backup.sh info       the backups, and the archive's range: what can be restored, to which instants
#   deploy/backup.sh disable    stop archiving (restarts PostgreSQL; the repository is kept)
#   deploy/backup.sh forget     delete the stanza's backups and configuration (a retired server, e.g. the backup tests')
#   deploy/backup.sh env        the settings (source-able): STANZA, CONFIG, REPO, …
#
# Which PostgreSQL:
#   default                     deploy/run.sh's server (.local/pg, :54329), stanza "si"
#   SI_TOPOLOGY=cluster         deploy/cluster.sh's primary and synchronous standby, stanza "si-cluster": backups are taken
#                               from the standby (backup-standby), WAL archived by whichever node is primary
#   SI_PG_NAME / SI_PG_PORT     another server of this checkout (deploy/infra.sh postgres), stanza SI_PG_NAME
# Where: SI_BACKUP_REPO (default: backup/repo beside the servers' data, see pg_home in deploy/infra.sh). The cipher key is
# generated once in backup/cipher.key (mode 600): keep a copy apart from the repository, or set SI_BACKUP_CIPHER_PASS.
# Retention: full backups are kept SI_BACKUP_RETENTION_DAYS (400) days — the edition running and the one before can always be
# restored — with their differentials and the WAL to replay from them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/deploy/infra.sh" # helpers: apt_install, pg_bin, pg_home, as_pg, log, die; PG_PORT, PG_NAME, PG_USER, …

TOPOLOGY="${SI_TOPOLOGY:-run}"
if [[ $TOPOLOGY == cluster ]]; then
  STANZA=si-cluster; PG_NODES=(cluster/pg-1 cluster/pg-2); PG_NODE_PORTS=(54339 54340)
  MQ_DEFINITIONS_URL="http://127.0.0.1:56732/api/definitions"
else
  STANZA=$([[ $PG_NAME == pg ]] && echo si || echo "$PG_NAME"); PG_NODES=("$PG_NAME"); PG_NODE_PORTS=("$PG_PORT")
  MQ_DEFINITIONS_URL="http://127.0.0.1:$MGMT_PORT/api/definitions"
fi
BACKUP_HOME="$(pg_home backup)"
REPO="${SI_BACKUP_REPO:-$BACKUP_HOME/repo}"
CONFIG="$BACKUP_HOME/$STANZA.conf"
RETENTION_DAYS="${SI_BACKUP_RETENTION_DAYS:-400}"
FULL_DAYS="${SI_BACKUP_FULL_DAYS:-7}"
EDITION="${SI_EDITION:-$(date +%Y)}"

pgbr() { as_pg pgbackrest --config="$CONFIG" --stanza="$STANZA" "$@"; }
node_sql() { # node-index sql
  local home; home=$(pg_home "${PG_NODES[$1]}")
  as_pg "$(pg_bin)/psql" -h "$home/run" -p "${PG_NODE_PORTS[$1]}" -U "$PG_USER" -d postgres -tAqc "$2"
}
primary_index() { # the node that answers as primary
  local i
  for i in "${!PG_NODES[@]}"; do [[ $(node_sql "$i" "select pg_is_in_recovery()" 2>/dev/null) == f ]] && { echo "$i"; return 0; }; done
  die "no PostgreSQL primary answers (${PG_NODE_PORTS[*]})"
}

write_config() {
  command -v pgbackrest >/dev/null || apt_install pgbackrest
  mkdir -p "$BACKUP_HOME"/{log,lock,spool} "$REPO"
  local key="$BACKUP_HOME/cipher.key"
  if [[ -z ${SI_BACKUP_CIPHER_PASS:-} && ! -s $key ]]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$key")
    log "backup: new cipher key in $key — keep a copy apart from the repository: without it no backup can be read"
  fi
  local pass="${SI_BACKUP_CIPHER_PASS:-$(cat "$key")}"
  {
    cat <<CONF
[global]
repo1-path=$REPO
repo1-cipher-type=aes-256-cbc
repo1-cipher-pass=$pass
repo1-retention-full-type=time
repo1-retention-full=$RETENTION_DAYS
repo1-bundle=y
compress-type=lz4
process-max=2
start-fast=y
archive-timeout=120
log-path=$BACKUP_HOME/log
lock-path=$BACKUP_HOME/lock
spool-path=$BACKUP_HOME/spool
log-level-console=warn
log-level-file=info

[$STANZA]
CONF
    local i
    for i in "${!PG_NODES[@]}"; do
      local home; home=$(pg_home "${PG_NODES[$i]}")
      printf 'pg%d-path=%s\npg%d-port=%s\npg%d-socket-path=%s\npg%d-user=%s\n' $((i + 1)) "$home/data" $((i + 1)) "${PG_NODE_PORTS[$i]}" \
        $((i + 1)) "$home/run" $((i + 1)) "$PG_USER"
    done
    [[ ${#PG_NODES[@]} -gt 1 ]] && echo "backup-standby=y"
  } > "$CONFIG"
  chmod 600 "$CONFIG"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$BACKUP_HOME" "$REPO"; fi
}

restart_node() { # node-index
  local home; home=$(pg_home "${PG_NODES[$1]}")
  as_pg "$(pg_bin)/pg_ctl" -D "$home/data" -m fast -w -t 120 restart >/dev/null
}

set_archiving() { # on|off, on every node: a standby archives once promoted (ALTER SYSTEM writes its own postgresql.auto.conf)
  # The archive command runs in the data directory: "$PWD" is that node's path, so the command any node inherits (a standby gets
  # the primary's settings with its base backup) names its own data directory after a failover.
  local i command="pgbackrest --config=$CONFIG --stanza=$STANZA --pg1-path=\"\$PWD\" archive-push %p"
  for i in "${!PG_NODES[@]}"; do
    if [[ $1 == on ]]; then
      node_sql "$i" "alter system set archive_mode = on" && node_sql "$i" "alter system set archive_command = '$command'"
    else
      node_sql "$i" "alter system reset archive_mode" && node_sql "$i" "alter system reset archive_command"
    fi
    # archive_mode takes effect on a restart, archive_command on a reload.
    if [[ $(node_sql "$i" "show archive_mode") != "$1" ]]; then
      log "backup: restarting PostgreSQL (:${PG_NODE_PORTS[$i]}) to turn archiving $1"
      restart_node "$i"
    else
      node_sql "$i" "select pg_reload_conf()" >/dev/null
    fi
  done
}

export_definitions() { # label: RabbitMQ's definitions (exchanges, queues, bindings, users, vhosts) beside the backup
  local dir="$REPO/rabbitmq/$STANZA"
  mkdir -p "$dir"
  if curl -fsS -u "$MQ_USER:$MQ_PASSWORD" "$MQ_DEFINITIONS_URL" -o "$dir/$1.json.tmp" 2>/dev/null; then
    mv "$dir/$1.json.tmp" "$dir/$1.json"; cp "$dir/$1.json" "$dir/latest.json"; chmod 600 "$dir/$1.json" "$dir/latest.json"
    echo "RabbitMQ definitions in $dir/$1.json"
  else
    rm -f "$dir/$1.json.tmp"; echo "no RabbitMQ definitions (its management API did not answer)"
  fi
}

take() { # full|diff
  pgbr --type="$1" --annotation=edition="$EDITION" backup
  local label; label=$(pgbr --output=json info | grep -o '"label":"[^"]*"' | tail -1 | cut -d'"' -f4)
  log "backup: $1 backup $label taken (edition $EDITION); $(export_definitions "$label")"
}

# deploy/restore.sh sources this file for its settings and helpers.
[[ ${BASH_SOURCE[0]} != "$0" ]] && return 0

case "${1:-}" in
  enable)
    write_config
    set_archiving on
    pgbr --log-level-console=warn stanza-create
    pgbr check
    if ! pgbr --output=json info | grep -q '"label"'; then take full; fi
    log "backup: stanza $STANZA archiving to $REPO" ;;
  full|diff) [[ -f $CONFIG ]] || die "no $CONFIG: deploy/backup.sh enable first"; take "$1" ;;
  scheduled)
    [[ -f $CONFIG ]] || die "no $CONFIG: deploy/backup.sh enable first"
    # A full backup's label is its start: YYYYMMDD-HHMMSSF.
    full=$(pgbr --output=json info | grep -o '"label":"[0-9]\{8\}-[0-9]\{6\}F"' | tail -1 | cut -d'"' -f4 || true)
    stop=$([[ -n $full ]] && date -d "${full:0:8} ${full:9:2}:${full:11:2}:${full:13:2}" +%s || true)
    if [[ -z $stop || $(( $(date +%s) - stop )) -gt $((FULL_DAYS * 86400)) ]]; then take full; else take diff; fi ;;
  check) pgbr check ;;
  info) pgbr info ;;
  disable) set_archiving off; log "backup: archiving off (the repository $REPO is kept)" ;;
  forget)
    # A server retired (the backup tests' own): its backups, archive, definitions and configuration deleted. Its archiving must be off
    # (deploy/backup.sh disable) or the server stopped.
    [[ -f $CONFIG ]] || exit 0
    pgbr stop >/dev/null 2>&1 || true
    pgbr --force stanza-delete >/dev/null
    rm -rf "$REPO/rabbitmq/$STANZA" "$CONFIG"
    log "backup: stanza $STANZA deleted from $REPO" ;;
  env) printf "STANZA='%s'\nCONFIG='%s'\nREPO='%s'\nBACKUP_HOME='%s'\n" "$STANZA" "$CONFIG" "$REPO" "$BACKUP_HOME" ;;
  *) sed -n '2,27p' "$0" >&2; exit 2 ;;
esac
