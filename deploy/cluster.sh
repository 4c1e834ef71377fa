#!/usr/bin/env bash
# The production topology on this machine: a 3-node RabbitMQ cluster (quorum queues replicated on the three
# nodes), a PostgreSQL primary with a synchronous streaming hot standby, and two replicas of every process
# (identity, submission, labelling-review, geocoding, publication, notification, web, gateway), each
# restarted when it dies, as a kubelet would. See deploy/README.md.
#
#   deploy/cluster.sh up        install what is missing, build, start everything, wait until ready (returns)
#   deploy/cluster.sh stop      stop what this script started
#   deploy/cluster.sh status    who runs, which database server is primary, which node leads the queues
#   deploy/cluster.sh env       the addresses (source-able)
#
# Faults, one command each (the fault suite bench/chaos/run.sh uses them):
#   kill SERVICE REPLICA        kill -9 one replica (1 or 2); its supervisor starts it again after 1 s
#   broker-leader               the node that leads most quorum queues (1, 2 or 3)
#   broker-node stop|start N    stop / start RabbitMQ node N
#   broker-link freeze|thaw     freeze / resume the network between the services and the broker
#   pg-restart                  restart the primary
#   pg-failover                 stop the primary (immediate) and promote the standby
#   pg-rejoin                   rebuild the former primary as a standby of the new one
#   pg-start N                  start PostgreSQL node N (deploy/restore.sh)
#   service stop|start NAME     stop both replicas of a service / start them again (deploy/restore.sh)
#   broker-wipe                 every RabbitMQ node's data lost: stop the three, delete their data, form a new cluster
#
# Gateways: http://127.0.0.1:8080 (the issuer: sign in, tokens, the README's walkthrough) and :8090.
# Replica 1 of each service listens on 818x, replica 2 on 828x. Not at the same time as deploy/run.sh
# (both use :8080). Servers and logs under .local/cluster/. SI_CONFIGURATION=Release for a Release build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source deploy/infra.sh # helpers: apt_install, pg_bin, pg_home, as_pg, mq_sbin, smtp_up, log, die

C="$LOCAL/cluster"
CONF="${SI_CONFIGURATION:-Debug}"
PG_PORTS=(54339 54340)
MQ_AMQP=(56731 56741 56751)
MQ_MGMT=(56732 56742 56752)
MQ_DIST=(56733 56743 56753)
MQ_LINK=(56735 56745 56755) # the broker link: what services connect to
MQ_EPMD=56739
GATEWAYS=(8080 8090)
ISSUER="http://127.0.0.1:${GATEWAYS[0]}/"
# name  project-dir  assembly  port-suffix  database
SERVICES=(
  "identity services/identity SemaineIndustrie.Identity 6 identity"
  "publication services/publication SemaineIndustrie.Publication 4 publication"
  "labelling-review services/labelling-review SemaineIndustrie.LabellingReview 2 review"
  "geocoding services/geocoding SemaineIndustrie.Geocoding 3 geocoding"
  "notification services/notification SemaineIndustrie.Notification 7 notification"
  "submission services/submission SemaineIndustrie.Submission 1 submission"
  "web web/SemaineIndustrie.Web SemaineIndustrie.Web 5 -"
)
# The gateway's clusters and the port suffix of their service.
ROUTES=(submission=1 review=2 geocoding=3 publication=4 web=5 identity=6 notification=7)
service_port() { echo "8${1}8${2}"; } # replica, suffix → 818x / 828x
replica_ports() { # replica: the addresses deploy/platform.settings names ({identity}, …) are that replica's
  local route; for route in "${ROUTES[@]}"; do SERVICE_PORTS[${route%=*}]=$(service_port "$1" "${route#*=}"); done
}

# ---------- PostgreSQL: primary + synchronous hot standby ----------
pg_data() { echo "$(pg_home "cluster/pg-$1")/data"; }
pg_running() { as_pg "$(pg_bin)/pg_ctl" -D "$(pg_data "$1")" status >/dev/null 2>&1; }
pg_sql() { # node sql
  PGPASSWORD=$PG_PASSWORD "$(pg_bin)/psql" -h 127.0.0.1 -p "${PG_PORTS[$(($1 - 1))]}" -U "$PG_USER" -d postgres -tAqc "$2"
}
pg_start() { # node
  local n=$1 home; home=$(pg_home "cluster/pg-$n")
  pg_running "$n" && return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 120 start -o "-c listen_addresses=127.0.0.1 \
    -p ${PG_PORTS[$((n - 1))]} -k $home/run -c max_connections=400 -c shared_buffers=128MB -c wal_level=replica \
    -c max_wal_senders=8 -c wal_keep_size=512MB -c hot_standby=on -c cluster_name=si-pg-$n" >/dev/null \
    || { tail -20 "$home/postgres.log" >&2; die "PostgreSQL node $n did not start"; }
}
pg_primary() { # which node is the primary (prints 1 or 2), fails when none (or both) answer as one
  local n found=()
  for n in 1 2; do [[ $(pg_sql "$n" "select pg_is_in_recovery()" 2>/dev/null) == f ]] && found+=("$n"); done
  [[ ${#found[@]} -eq 2 ]] && die "both PostgreSQL nodes answer as primary (a former primary restarted after a failover): deploy/cluster.sh pg-rejoin after stopping the stale one"
  [[ ${#found[@]} -eq 1 ]] && echo "${found[0]}"
}
pg_sync() { # primary on|off: commits wait for the standby (nothing acknowledged is lost on failover) — only while one is attached
  local value="''"; [[ $2 == on ]] && value="'*'"
  pg_sql "$1" "alter system set synchronous_standby_names = $value" && pg_sql "$1" "select pg_reload_conf()" >/dev/null
}
pg_standby_from() { # node primary: (re)build node as a streaming standby of primary
  local n=$1 p=$2 home; home=$(pg_home "cluster/pg-$n")
  as_pg "$(pg_bin)/pg_ctl" -D "$home/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$home/data"; mkdir -p "$home/run"; chown -R postgres:postgres "$home" 2>/dev/null || true
  as_pg env PGPASSWORD=$PG_PASSWORD "$(pg_bin)/pg_basebackup" -D "$home/data" -R -X stream -c fast \
    -d "host=127.0.0.1 port=${PG_PORTS[$((p - 1))]} user=$PG_USER application_name=si-pg-$n" >/dev/null
  # A standby never has a recovery target: one copied from a primary restored to an instant would end its replay at
  # the next commit and promote it (two primaries). deploy/restore.sh clears it on the primary; this is the second lock.
  sed -i '/^recovery_target/d' "$home/data/postgresql.auto.conf"
  pg_start "$n"
  local deadline=$((SECONDS + 60))
  until [[ $(pg_sql "$p" "select count(*) from pg_stat_replication where state = 'streaming'" 2>/dev/null) -ge 1 ]]; do
    [[ $SECONDS -lt $deadline ]] || die "standby $n is not streaming from $p"
    sleep 0.5
  done
  pg_sync "$p" on
}
pg_cluster_up() {
  pg_bin >/dev/null || apt_install postgresql
  if [[ $(id -u) -eq 0 ]]; then id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres; fi
  local home; home=$(pg_home cluster/pg-1)
  mkdir -p "$home/run"; [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$home"
  if [[ ! -s $home/data/PG_VERSION && ! -s $(pg_data 2)/PG_VERSION ]]; then
    local pw="$home/pwfile"; printf '%s\n' "$PG_PASSWORD" > "$pw"; [[ $(id -u) -eq 0 ]] && chown postgres "$pw"
    as_pg "$(pg_bin)/initdb" -D "$home/data" -U "$PG_USER" --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pw"
  fi
  [[ -s $home/data/PG_VERSION ]] && pg_start 1
  [[ -s $(pg_data 2)/PG_VERSION ]] && pg_start 2
  local p; p=$(pg_primary) || die "no PostgreSQL primary"
  local s=$((3 - p))
  if [[ $(pg_sql "$p" "select count(*) from pg_stat_replication") -eq 0 ]]; then
    log "PostgreSQL: building the standby (node $s) from the primary (node $p)"
    pg_standby_from "$s" "$p"
  fi
  pg_sync "$p" on
  local db
  for db in "${SERVICE_DATABASES[@]}"; do
    [[ $(pg_sql "$p" "select 1 from pg_database where datname='si_$db'") == 1 ]] || pg_sql "$p" "create database si_$db"
  done
  log "PostgreSQL: primary node $p (:${PG_PORTS[$((p - 1))]}), standby node $s (:${PG_PORTS[$((s - 1))]}), synchronous"
}
pg_cluster_stop() {
  local n
  for n in 1 2; do
    [[ -s $(pg_data "$n")/PG_VERSION ]] && pg_running "$n" && as_pg "$(pg_bin)/pg_ctl" -D "$(pg_data "$n")" -m fast -w stop >/dev/null
  done
  return 0
}

# ---------- RabbitMQ: three clustered nodes ----------
mq_node_env() { # node
  local n=$1
  export HOME="$C/rabbitmq-home" # one Erlang cookie for the three nodes and the CLI
  export RABBITMQ_MNESIA_BASE="$C/rabbitmq-$n/mnesia" RABBITMQ_LOG_BASE="$C/rabbitmq-$n/log"
  export RABBITMQ_NODENAME="si$n@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="${MQ_AMQP[$((n - 1))]}" RABBITMQ_DIST_PORT="${MQ_DIST[$((n - 1))]}"
  export RABBITMQ_CONFIG_FILE="$C/rabbitmq-$n/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$C/rabbitmq-$n/enabled_plugins"
  export RABBITMQ_PID_FILE="$C/rabbitmq-$n/rabbitmq.pid"
  export ERL_EPMD_PORT=$MQ_EPMD ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}
mqctl() { local n=$1; shift; (mq_node_env "$n"; "$(mq_sbin)/rabbitmqctl" -q "$@"); }
mq_node_start() {
  local n=$1
  mqctl "$n" status >/dev/null 2>&1 && return 0
  (mq_node_env "$n"; "$(mq_sbin)/rabbitmq-server" -detached)
}
mq_node_await() {
  local n=$1 deadline=$((SECONDS + 120)) starts=1
  until mqctl "$n" await_startup --timeout 10 >/dev/null 2>&1; do
    [[ $SECONDS -lt $deadline ]] || { tail -30 "$C/rabbitmq-$n/log/"*.log >&2 || true; die "RabbitMQ node $n did not start"; }
    # A node whose VM exited while starting (its ports sit in the ephemeral range: a client's connection can hold one for a
    # moment, "eaddrinuse"): started again, twice at most.
    local pid; pid=$(cat "$C/rabbitmq-$n/rabbitmq.pid" 2>/dev/null || true)
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null && [[ $starts -lt 3 ]]; then
      log "RabbitMQ node $n exited while starting: starting it again"
      starts=$((starts + 1)); mq_node_start "$n"
    fi
    sleep 0.5
  done
}
mq_cluster_up() {
  mq_sbin >/dev/null || apt_install rabbitmq-server
  local n
  mkdir -p "$C/rabbitmq-home"
  for n in 1 2 3; do
    mq_write_conf "$C/rabbitmq-$n" "${MQ_AMQP[$((n - 1))]}" "${MQ_MGMT[$((n - 1))]}" "cluster_partition_handling = pause_minority"
  done
  # All three at once: a restarted cluster's nodes wait for each other.
  for n in 1 2 3; do mq_node_start "$n"; done
  for n in 1 2 3; do mq_node_await "$n"; done
  for n in 2 3; do
    if ! mqctl 1 cluster_status --formatter json 2>/dev/null | grep -q "\"si$n@localhost\""; then
      log "RabbitMQ: node $n joins node 1"
      mqctl "$n" stop_app && mqctl "$n" reset && mqctl "$n" join_cluster si1@localhost && mqctl "$n" start_app
      mq_node_await "$n"
    fi
  done
  mq_await_management "${MQ_MGMT[0]}"
  log "RabbitMQ: 3 nodes clustered (AMQP ${MQ_AMQP[*]}, management http://127.0.0.1:${MQ_MGMT[0]}/)"
}
mq_node_pids() { # the Erlang VMs of this cluster's nodes (by their environment: name and epmd port)
  local p
  for p in $(pgrep -f beam.smp || true); do
    { tr '\0' '\n' < "/proc/$p/environ"; } 2>/dev/null | grep -qx "ERL_EPMD_PORT=$MQ_EPMD" && echo "$p"
  done
  return 0
}
mq_cluster_stop() {
  local n
  for n in 3 2 1; do mqctl "$n" status >/dev/null 2>&1 && { mqctl "$n" stop "$C/rabbitmq-$n/rabbitmq.pid" >/dev/null 2>&1 || true; }; done
  # A node that did not stop (rabbitmqctl gave up on it): its VM, found by the epmd port only this cluster uses.
  local stale; stale=$(mq_node_pids)
  if [[ -n $stale ]]; then
    kill -TERM $stale 2>/dev/null || true
    for _ in $(seq 1 40); do [[ -z $(mq_node_pids) ]] && break; sleep 0.25; done
    stale=$(mq_node_pids); [[ -n $stale ]] && kill -KILL $stale 2>/dev/null
  fi
  local epmd; epmd=$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | head -1 || true)
  [[ -n $epmd ]] && for _ in $(seq 1 20); do
    "$epmd" -port "$MQ_EPMD" -names >/dev/null 2>&1 || break
    "$epmd" -port "$MQ_EPMD" -kill >/dev/null 2>&1 && break
    sleep 0.25
  done
  return 0
}
mq_leader() { # the node that leads most quorum queues
  curl -fsS -u "$MQ_USER:$MQ_PASSWORD" "http://127.0.0.1:${MQ_MGMT[0]}/api/queues?columns=name,type,leader" \
    | grep -o '"leader":"si[123]@localhost"' | sort | uniq -c | sort -rn | head -1 | grep -o 'si[123]' | tr -d si
}

# ---------- processes (each under a supervisor that restarts it) ----------
supervise() { # id dir assembly
  local id=$1 dir=$2 assembly=$3
  local bin="$ROOT/$dir/bin/$CONF/net10.0"
  [[ -f $bin/$assembly.dll ]] || die "$bin/$assembly.dll missing: build first"
  # One supervisor per replica: a second one (a start repeated after one interrupted halfway) would keep an older process
  # on the port, out of every pid file, serving through the next restore.
  if [[ -f $C/pids/$id.supervisor ]] && kill -0 "$(cat "$C/pids/$id.supervisor")" 2>/dev/null; then log "$id: already supervised"; return 0; fi
  rm -f "$C/pids/$id.stop"
  (
    cd "$bin"
    exec setsid bash -c '
      while [[ ! -e $0.stop ]]; do
        dotnet "$1.dll" & echo $! > "$0.pid"
        wait $! && code=0 || code=$?
        [[ -e $0.stop ]] || { echo "[cluster] $(date +%T) exited ($code), starting again in 1 s"; sleep 1; }
      done' "$C/pids/$id" "$assembly"
  ) >>"$C/logs/$id.log" 2>&1 &
  echo $! > "$C/pids/$id.supervisor"
}
broker_uri() { # replica: every node through the link, each replica starting with another node
  local r=$1 nodes=() i
  for i in 0 1 2; do nodes+=("127.0.0.1:${MQ_LINK[$(((i + r - 1) % 3))]}"); done
  echo "amqp://$MQ_USER:$MQ_PASSWORD@$(IFS=,; echo "${nodes[*]}")/"
}
start_replicas() { # a line of SERVICES: both replicas of that process, each under its supervisor
  local name dir assembly suffix db r
  read -r name dir assembly suffix db <<<"$1"
  for r in 1 2; do
    (
      [[ $db == - ]] && db=""
      # Service to service without the gateway (and its rate limits), as the Kubernetes Service does: each
      # replica asks the same replica of the others (identity, publication), the bus retries while that one restarts.
      replica_ports "$r"
      service_env "$name" "$(service_port "$r" "$suffix")" "$db"
      [[ -n $db ]] && export ConnectionStrings__RabbitMq="$(broker_uri "$r")"
      export OTEL_RESOURCE_ATTRIBUTES="service.instance.id=$name-$r"
      export Web__KeysFolder="$C/web-keys" # one key ring for both web replicas (sign-in cookies, antiforgery)
      supervise "$name-$r" "$dir" "$assembly"
    )
  done
}
service_line() { local line; for line in "${SERVICES[@]}"; do [[ ${line%% *} == "$1" ]] && { echo "$line"; return 0; }; done; die "no service $1"; }
stop_replicas() { # name: both replicas stopped, their supervisors ended (deploy/restore.sh)
  # Both told at once: one after the other, the second kept taking requests through the first one's graceful stop.
  local r pid pids=()
  for r in 1 2; do
    touch "$C/pids/$1-$r.stop"
    pid=$(cat "$C/pids/$1-$r.pid" 2>/dev/null || true)
    [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  for r in 1 2; do rm -f "$C/pids/$1-$r.pid" "$C/pids/$1-$r.supervisor"; done
  log "$1: both replicas stopped"
}
start_processes() {
  source deploy/lib/service-env.sh
  mkdir -p "$C/pids" "$C/logs"
  # The broker link (the network between services and broker; the fault suite freezes it).
  local routes=() i
  for i in 0 1 2; do routes+=("${MQ_LINK[$i]}=${MQ_AMQP[$i]}"); done
  local chaos="$ROOT/bench/SemaineIndustrie.Bench/bin/$CONF/net10.0/SemaineIndustrie.Bench.dll"
  [[ -f $chaos ]] || die "$chaos missing: build first"
  if ! { [[ -f $C/pids/broker-link.pid ]] && kill -0 "$(cat "$C/pids/broker-link.pid")" 2>/dev/null; }; then
    (exec setsid dotnet "$chaos" link "${routes[@]}") >>"$C/logs/broker-link.log" 2>&1 &
    echo $! > "$C/pids/broker-link.pid"
  fi
  local line
  for line in "${SERVICES[@]}"; do start_replicas "$line"; done
  local gw=() route
  for route in "${ROUTES[@]}"; do
    # The single-copy destination ("primary") becomes replica 1; "replica2" is added.
    gw+=("ReverseProxy__Clusters__${route%=*}__Destinations__primary__Address=http://127.0.0.1:$(service_port 1 "${route#*=}")/")
    gw+=("ReverseProxy__Clusters__${route%=*}__Destinations__replica2__Address=http://127.0.0.1:$(service_port 2 "${route#*=}")/")
    gw+=("ReverseProxy__Clusters__${route%=*}__HealthCheck__Active__Interval=00:00:02")
    gw+=("ReverseProxy__Clusters__${route%=*}__HealthCheck__Passive__Enabled=true" "ReverseProxy__Clusters__${route%=*}__HealthCheck__Passive__ReactivationPeriod=00:00:05")
  done
  for r in 1 2; do
    (
      replica_ports "$r"
      service_env gateway "${GATEWAYS[$((r - 1))]}"
      for kv in "${gw[@]}"; do export "$kv"; done
      supervise "gateway-$r" gateway SemaineIndustrie.Gateway
    )
  done
}
all_ports() {
  local line name dir assembly suffix db r
  for line in "${SERVICES[@]}"; do read -r name dir assembly suffix db <<<"$line"; for r in 1 2; do service_port "$r" "$suffix"; done; done
  echo "${GATEWAYS[@]}" | tr ' ' '\n'
}
await_processes() {
  local port deadline=$((SECONDS + 240))
  for port in $(all_ports); do
    until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
      [[ $SECONDS -lt $deadline ]] || { tail -n 20 "$C"/logs/*.log >&2; die "port $port not ready after 240 s; see $C/logs"; }
      sleep 0.5
    done
  done
}
stop_processes() {
  [[ -d $C/pids ]] || return 0
  local f pids=()
  for f in "$C"/pids/*.supervisor; do [[ -e $f ]] || continue; touch "${f%.supervisor}.stop"; done
  for f in "$C"/pids/*.pid; do [[ -e $f ]] || continue; pids+=("$(cat "$f")"); done
  [[ ${#pids[@]} -gt 0 ]] && kill -TERM "${pids[@]}" 2>/dev/null || true
  kill -CONT "$(cat "$C/pids/broker-link.pid" 2>/dev/null || echo 0)" 2>/dev/null || true
  for _ in $(seq 1 120); do
    local alive=0; for f in "${pids[@]}"; do kill -0 "$f" 2>/dev/null && alive=1; done
    [[ $alive -eq 0 ]] && break; sleep 0.25
  done
  for f in "${pids[@]}"; do kill -KILL "$f" 2>/dev/null || true; done
  # Supervisors no pid file names (an interrupted start, before the guard in supervise): found by their command line,
  # each ended with its process group (setsid: the supervisor and its dotnet child).
  local stray
  for stray in $(ps -eo pid=,args= | grep -F -- "$C/pids/" | grep -F 'dotnet "$1.dll"' | awk '{print $1}'); do
    kill -KILL -- "-$stray" 2>/dev/null || kill -KILL "$stray" 2>/dev/null || true
  done
  rm -f "$C"/pids/*
  log "processes stopped"
}

# Twelve processes share the primary's 400 connections: each pool is capped at 25 (Npgsql's default of 100 let
# replicas restarting under load exhaust the server: "sorry, too many clients already").
write_cluster_env() {
  cat > "$C/cluster.env" <<ENVF
SI_POSTGRES='Host=127.0.0.1:${PG_PORTS[0]},127.0.0.1:${PG_PORTS[1]};Username=$PG_USER;Password=$PG_PASSWORD;Target Session Attributes=primary;Maximum Pool Size=25'
SI_RABBITMQ='$(broker_uri 1)'
SI_RABBITMQ_MANAGEMENT='http://$MQ_USER:$MQ_PASSWORD@127.0.0.1:${MQ_MGMT[0]}/'
SI_SMTP='127.0.0.1:$SMTP_PORT'
SI_SMTP_WEB='http://127.0.0.1:$SMTP_WEB_PORT/'
SI_GATEWAYS='http://127.0.0.1:${GATEWAYS[0]},http://127.0.0.1:${GATEWAYS[1]}'
SI_CLOCK_ANCHOR='${SI_CLOCK_ANCHOR:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}'
ENVF
  chmod 600 "$C/cluster.env"
}

case "${1:-}" in
  up)
    mkdir -p "$C"
    command -v curl >/dev/null || apt_install curl ca-certificates
    pg_cluster_up; mq_cluster_up; smtp_up; write_cluster_env
    # Backups on by default (SI_BACKUPS=0: off): WAL archived by the primary, backups taken from the standby.
    [[ ${SI_BACKUPS:-1} == 0 ]] || SI_TOPOLOGY=cluster bash deploy/backup.sh enable
    bash deploy/infra.sh node
    if [[ -z "${SI_NO_BUILD:-}" ]]; then
      log "building ($CONF)…"
      dotnet build SemaineIndustrie.sln -c "$CONF" --nologo -v quiet -clp:ErrorsOnly
    fi
    set -a; source "$C/cluster.env"; set +a
    start_processes; await_processes
    if [[ ${SI_BACKUPS:-1} != 0 ]]; then # the schedule: every SI_BACKUP_HOURS (6), full weekly, differential otherwise
      (exec setsid bash -c 'trap "exit 0" TERM; while :; do sleep $((${SI_BACKUP_HOURS:-6} * 3600)) & wait $!; SI_TOPOLOGY=cluster bash deploy/backup.sh scheduled; done') \
        >>"$C/logs/backup.log" 2>&1 &
      echo $! > "$C/pids/backup-schedule.pid"
    fi
    cat <<MSG

  Semaine de l'Industrie platform, clustered: 2 replicas of every process, RabbitMQ nodes si1–si3,
  PostgreSQL primary node $(pg_primary) with a synchronous standby.
  Gateways:     $ISSUER and http://127.0.0.1:${GATEWAYS[1]}/ (the README's walkthrough works on the first)
  Replicas:     submission :8181/:8281, review :8182/:8282, geocoding :8183/:8283, publication :8184/:8284,
                web :8185/:8285, identity :8186/:8286, notification :8187/:8287
  RabbitMQ UI:  http://127.0.0.1:${MQ_MGMT[0]}/ ($MQ_USER)    Mail: http://127.0.0.1:$SMTP_WEB_PORT/
  Logs:         $C/logs/        Stop: deploy/cluster.sh stop
MSG
    ;;
  stop) stop_processes; mq_cluster_stop; pg_cluster_stop; log "cluster stopped (smtp4dev, shared with deploy/infra.sh, keeps running)" ;;
  status)
    for n in 1 2; do
      if pg_running "$n" 2>/dev/null; then echo "postgresql node $n :${PG_PORTS[$((n - 1))]}: $( [[ $(pg_sql "$n" "select pg_is_in_recovery()") == f ]] && echo primary || echo standby)"; else echo "postgresql node $n: stopped"; fi
    done
    for n in 1 2 3; do echo "rabbitmq node $n :${MQ_AMQP[$((n - 1))]}: $(mqctl "$n" status >/dev/null 2>&1 && echo running || echo stopped)"; done
    echo "quorum queue leader: node $(mq_leader || echo '?')"
    for f in "$C"/pids/*.pid; do [[ -e $f ]] || continue; id=$(basename "$f" .pid); echo "$id: $(kill -0 "$(cat "$f")" 2>/dev/null && echo "running (pid $(cat "$f"))" || echo stopped)"; done ;;
  env) cat "$C/cluster.env" ;;
  service)
    # deploy/restore.sh: stop both replicas of a service, or start them again and wait until they are ready.
    set -a; source "$C/cluster.env"; set +a; source deploy/lib/service-env.sh
    case "${2:-}" in
      stop) stop_replicas "$3" ;;
      start)
        line=$(service_line "$3"); start_replicas "$line"
        read -r _ _ _ suffix _ <<<"$line"
        deadline=$((SECONDS + 240))
        for r in 1 2; do
          until curl -fsS "http://127.0.0.1:$(service_port "$r" "$suffix")/health/ready" >/dev/null 2>&1; do
            [[ $SECONDS -lt $deadline ]] || die "$3-$r not ready after 240 s"; sleep 0.5
          done
        done
        log "$3: both replicas ready" ;;
      *) die "service stop|start NAME" ;;
    esac ;;
  pg-start) pg_start "$2" ;;
  broker-wipe)
    # Every node's data lost: the three nodes stopped, their data deleted, a new cluster formed (restore the definitions with
    # deploy/restore.sh rabbitmq; the services reconnect and declare their queues again).
    mq_cluster_stop
    rm -rf "$C"/rabbitmq-{1,2,3}/mnesia
    mq_cluster_up
    log "RabbitMQ: every node's data wiped, a new cluster formed" ;;
  kill)
    [[ -f $C/pids/$2-$3.pid ]] || die "no replica $2-$3"
    kill -KILL "$(cat "$C/pids/$2-$3.pid")" && log "killed $2-$3 (pid $(cat "$C/pids/$2-$3.pid"))" ;;
  broker-leader) mq_leader ;;
  broker-node)
    case "$2" in
      stop) mqctl "$3" stop_app >/dev/null && log "RabbitMQ node $3 stopped" ;;
      start) mqctl "$3" start_app >/dev/null && mq_node_await "$3" && log "RabbitMQ node $3 started" ;;
      *) die "broker-node stop|start N" ;;
    esac ;;
  broker-link)
    case "$2" in
      freeze) kill -STOP "$(cat "$C/pids/broker-link.pid")" && log "broker link frozen" ;;
      thaw) kill -CONT "$(cat "$C/pids/broker-link.pid")" && log "broker link thawed" ;;
      *) die "broker-link freeze|thaw" ;;
    esac ;;
  pg-restart)
    p=$(pg_primary) || die "no primary"
    as_pg "$(pg_bin)/pg_ctl" -D "$(pg_data "$p")" -m fast -w restart >/dev/null && log "PostgreSQL primary (node $p) restarted" ;;
  pg-failover)
    p=$(pg_primary) || die "no primary"; s=$((3 - p))
    as_pg "$(pg_bin)/pg_ctl" -D "$(pg_data "$p")" -m immediate -w stop >/dev/null
    as_pg "$(pg_bin)/pg_ctl" -D "$(pg_data "$s")" -w promote >/dev/null
    pg_sync "$s" off # no standby left to wait for, until pg-rejoin
    log "PostgreSQL: node $p stopped, node $s promoted" ;;
  pg-rejoin)
    p=$(pg_primary) || die "no primary"; s=$((3 - p))
    pg_standby_from "$s" "$p" && log "PostgreSQL: node $s streams from node $p again" ;;
  *) sed -n '2,22p' "$0" >&2; exit 2 ;;
esac
