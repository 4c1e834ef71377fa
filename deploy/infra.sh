#!/usr/bin/env bash
# Project-local PostgreSQL, RabbitMQ and SMTP server (smtp4dev) for development, tests and CI.
#
#   deploy/infra.sh up       install what is missing (apt, dotnet tool), start the servers, create the databases
#   deploy/infra.sh stop     stop the servers this script started
#   deploy/infra.sh status   say what runs
#   deploy/infra.sh env      print the connection settings (source-able)
#   deploy/infra.sh node     install npm when missing (the web project's pinned assets)
#   deploy/infra.sh browser  install Debian's Chromium (browser tests) and npm when missing
#   deploy/infra.sh postgres|postgres-stop
#                            start (installing, creating the databases) / stop PostgreSQL alone; with SI_PG_NAME and
#                            SI_PG_PORT, another server of this checkout (the backup tests start one per run)
#   deploy/infra.sh broker-stop|broker-start
#                            stop / start the RabbitMQ application on the local node (outage tests)
#
# Servers bind to 127.0.0.1 on their own ports, data lives under .local/ (git-ignored).
# When SI_POSTGRES and SI_RABBITMQ are set (plus SI_RABBITMQ_MANAGEMENT for tests), those servers
# are used instead and nothing is installed or started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
PG_PORT="${SI_PG_PORT:-54329}"
PG_NAME="${SI_PG_NAME:-pg}"             # its folder in .local/ (another name and port: a second server, e.g. the backup tests')
AMQP_PORT="${SI_AMQP_PORT:-56720}"
MGMT_PORT="${SI_MGMT_PORT:-56721}"
DIST_PORT="${SI_DIST_PORT:-56722}"
EPMD_PORT="${SI_EPMD_PORT:-56723}"
SMTP_PORT="${SI_SMTP_PORT:-56725}"       # smtp4dev: SMTP (plain; production relays use STARTTLS)
SMTP_WEB_PORT="${SI_SMTP_WEB_PORT:-56726}" # smtp4dev: web page and API (GET /api/messages)
SMTP4DEV_VERSION=3.15.0
PG_USER=si_admin
PG_PASSWORD=si_dev_password
MQ_USER=si_admin
MQ_PASSWORD=si_dev_password
SERVICE_DATABASES=(submission review geocoding publication identity notification)
ENV_FILE="$LOCAL/infra.env"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

external() { [[ -n "${SI_POSTGRES:-}" && -n "${SI_RABBITMQ:-}" ]]; }

apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* yourself, or set SI_POSTGRES and SI_RABBITMQ"
  [[ $(id -u) -eq 0 ]] || die "installing $* needs root (or set SI_POSTGRES and SI_RABBITMQ)"
  # Keep apt from starting system-wide servers: we run project-local ones.
  local policy=/usr/sbin/policy-rc.d created=0
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' > $policy; chmod +x $policy; created=1; fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  [[ $created -eq 1 ]] && rm -f $policy
  return 0
}

# ---------- PostgreSQL ----------
pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    local v; v=$(basename "$(dirname "$d")")
    if [[ ${v%%.*} -ge 15 && -x $d/initdb ]]; then echo "$d"; return 0; fi
  done
  return 1
}

as_pg() {
  # From /: the postgres user may not be allowed into the current directory.
  if [[ $(id -u) -eq 0 ]]; then (cd / && setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"); else "$@"; fi
}

# PostgreSQL runs as the postgres user, which must be able to reach its data directory. When the checkout
# sits under a folder it cannot traverse (a mode-700 temp dir, a home directory), the data lives in
# /var/lib/semaine-industrie/<hash of the checkout path>/ and .local/pg links to it.
pg_home() {
  local name=${1:-$PG_NAME} # a folder of .local/ (deploy/cluster.sh keeps its two servers in cluster/pg-1, cluster/pg-2)
  if [[ $(id -u) -ne 0 ]]; then echo "$LOCAL/$name"; return; fi
  if [[ -L $LOCAL/$name ]]; then readlink -f "$LOCAL/$name"; return; fi
  mkdir -p "$(dirname "$LOCAL/$name")"
  if setpriv --reuid=postgres --regid=postgres --init-groups -- test -x "$(dirname "$LOCAL/$name")" 2>/dev/null; then
    echo "$LOCAL/$name"
  else
    local home; home="/var/lib/semaine-industrie/$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)/$name"
    mkdir -p "$home"; ln -sfn "$home" "$LOCAL/$name"
    log "postgres cannot reach $LOCAL: PostgreSQL data in $home (linked from .local/$name)"
    echo "$home"
  fi
}

pg_up() {
  local bin; bin=$(pg_bin) || { apt_install postgresql; bin=$(pg_bin) || die "PostgreSQL 15+ not found after install"; }
  if [[ $(id -u) -eq 0 ]]; then id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres; fi
  local home; home=$(pg_home)
  local data="$home/data" sock="$home/run"
  mkdir -p "$home" "$sock"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$home"; fi
  if [[ ! -s $data/PG_VERSION ]]; then
    log "initdb $data"
    local pw="$home/pwfile"; printf '%s\n' "$PG_PASSWORD" > "$pw"
    [[ $(id -u) -eq 0 ]] && chown postgres "$pw"
    as_pg "$bin/initdb" -D "$data" -U "$PG_USER" --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pw"
  fi
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$bin/pg_ctl" -D "$data" -l "$home/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $sock -c max_connections=300 -c shared_buffers=128MB -c fsync=on" >/dev/null \
      || { tail -20 "$home/postgres.log" >&2; die "PostgreSQL did not start"; }
  fi
  local db
  for db in "${SERVICE_DATABASES[@]}"; do
    if ! as_pg "$bin/psql" -h "$sock" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc "select 1 from pg_database where datname='si_$db'" | grep -q 1; then
      as_pg "$bin/psql" -h "$sock" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "create database si_$db" >/dev/null
      log "created database si_$db"
    fi
  done
}

pg_stop() {
  local bin; bin=$(pg_bin) || return 0
  local data; data="$(readlink -f "$LOCAL/$PG_NAME" 2>/dev/null)/data"
  [[ -s $data/PG_VERSION ]] || return 0
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null && log "PostgreSQL stopped"
  fi
}

# ---------- RabbitMQ ----------
mq_sbin() {
  local d
  for d in $(ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin 2>/dev/null | sort -V -r); do echo "$d"; return 0; done
  return 1
}

mq_env() {
  export HOME="$LOCAL/rabbitmq"
  export RABBITMQ_MNESIA_BASE="$LOCAL/rabbitmq/mnesia"
  export RABBITMQ_LOG_BASE="$LOCAL/rabbitmq/log"
  export RABBITMQ_NODENAME="si@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  export RABBITMQ_CONFIG_FILE="$LOCAL/rabbitmq/rabbitmq.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$LOCAL/rabbitmq/enabled_plugins"
  export RABBITMQ_PID_FILE="$LOCAL/rabbitmq/rabbitmq.pid"
  export ERL_EPMD_PORT="$EPMD_PORT"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

# A node's configuration in DIR: AMQP and management on loopback, our user; extra lines (cluster settings) after.
mq_write_conf() {
  local dir=$1 amqp=$2 mgmt=$3; shift 3
  mkdir -p "$dir/log" "$dir/mnesia"
  {
    cat <<CONF
listeners.tcp.default = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
default_user = $MQ_USER
default_pass = $MQ_PASSWORD
default_user_tags.administrator = true
loopback_users = none
log.console = false
log.file.level = warning
CONF
    local line; for line in "$@"; do echo "$line"; done
  } > "$dir/rabbitmq.conf"
  echo '[rabbitmq_management].' > "$dir/enabled_plugins"
}

mq_up() {
  local sbin; sbin=$(mq_sbin) || { apt_install rabbitmq-server; sbin=$(mq_sbin) || die "RabbitMQ not found after install"; }
  mq_write_conf "$LOCAL/rabbitmq" "$AMQP_PORT" "$MGMT_PORT"
  mq_env
  if "$sbin/rabbitmqctl" -q status >/dev/null 2>&1; then
    log "RabbitMQ already running on 127.0.0.1:$AMQP_PORT"
  else
    log "starting RabbitMQ on 127.0.0.1:$AMQP_PORT (management :$MGMT_PORT)"
    "$sbin/rabbitmq-server" -detached
    local deadline=$((SECONDS + 90))
    # await_startup fails at once until the node has registered with epmd: loop on it.
    until "$sbin/rabbitmqctl" -q await_startup --timeout 10 >/dev/null 2>&1; do
      [[ $SECONDS -lt $deadline ]] || { tail -30 "$LOCAL/rabbitmq/log/"*.log >&2 || true; die "RabbitMQ did not start"; }
      sleep 0.5
    done
  fi
  mq_await_management "$MGMT_PORT"
}

mq_await_management() { # port
  local deadline=$((SECONDS + 60))
  until curl -fsS -u "$MQ_USER:$MQ_PASSWORD" "http://127.0.0.1:$1/api/overview" >/dev/null 2>&1; do
    [[ $SECONDS -lt $deadline ]] || die "RabbitMQ management API did not answer on :$1"
    sleep 0.5
  done
}

mq_stop() {
  local sbin; sbin=$(mq_sbin) || return 0
  mq_env
  if "$sbin/rabbitmqctl" -q status >/dev/null 2>&1; then
    "$sbin/rabbitmqctl" -q stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 && log "RabbitMQ stopped"
  fi
  # The epmd our node started on its own port (never the system one). It refuses to exit while a node
  # is still registered, so give the node a moment to deregister.
  local epmd; epmd=$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | head -1 || true)
  if [[ -n $epmd ]]; then
    local i
    for i in $(seq 1 20); do
      "$epmd" -port "$EPMD_PORT" -names >/dev/null 2>&1 || break      # not running
      "$epmd" -port "$EPMD_PORT" -kill >/dev/null 2>&1 && ! "$epmd" -port "$EPMD_PORT" -names >/dev/null 2>&1 && break
      sleep 0.25
    done
  fi
}

# smtp4dev, the dotnet tool, in .local/tools; mail kept in memory; every port on loopback and our own.
smtp_up() {
  local tool="$LOCAL/tools/smtp4dev/smtp4dev" pidfile="$LOCAL/smtp4dev.pid"
  if [[ ! -x $tool ]]; then
    log "installing smtp4dev $SMTP4DEV_VERSION (dotnet tool)"
    dotnet tool install --tool-path "$LOCAL/tools/smtp4dev" Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" >/dev/null
  fi
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 0; fi
  mkdir -p "$LOCAL/smtp4dev"
  (cd "$LOCAL/smtp4dev" && exec setsid "$tool" --urls "http://127.0.0.1:$SMTP_WEB_PORT" --smtpport "$SMTP_PORT" \
      --imapport "$((SMTP_PORT + 2))" --pop3port "$((SMTP_PORT + 3))" --bindaddress 127.0.0.1 --hostname 127.0.0.1 \
      --db "" --messagestokeep 100000 --nousersettings --baseappdatapath "$LOCAL/smtp4dev" >"$LOCAL/smtp4dev/smtp4dev.log" 2>&1) &
  echo $! > "$pidfile"
  local deadline=$((SECONDS + 60))
  until curl -fsS "http://127.0.0.1:$SMTP_WEB_PORT/api/messages" >/dev/null 2>&1; do
    kill -0 "$(cat "$pidfile")" 2>/dev/null || die "smtp4dev exited; see $LOCAL/smtp4dev/smtp4dev.log"
    [[ $SECONDS -lt $deadline ]] || die "smtp4dev did not answer on :$SMTP_WEB_PORT"
    sleep 0.5
  done
  log "smtp4dev: SMTP 127.0.0.1:$SMTP_PORT, mail at http://127.0.0.1:$SMTP_WEB_PORT/"
}

smtp_stop() {
  local pidfile="$LOCAL/smtp4dev.pid"
  [[ -f $pidfile ]] || return 0
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    log "smtp4dev stopped"
  fi
  rm -f "$pidfile"
}

write_env() {
  mkdir -p "$LOCAL"
  if external; then
    cat > "$ENV_FILE" <<ENVF
SI_POSTGRES='$SI_POSTGRES'
SI_RABBITMQ='$SI_RABBITMQ'
SI_RABBITMQ_MANAGEMENT='${SI_RABBITMQ_MANAGEMENT:-}'
SI_SMTP='${SI_SMTP:-127.0.0.1:$SMTP_PORT}'
SI_SMTP_WEB='${SI_SMTP_WEB:-http://127.0.0.1:$SMTP_WEB_PORT/}'
ENVF
  else
    cat > "$ENV_FILE" <<ENVF
SI_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD'
SI_RABBITMQ='amqp://$MQ_USER:$MQ_PASSWORD@127.0.0.1:$AMQP_PORT/'
SI_RABBITMQ_MANAGEMENT='http://$MQ_USER:$MQ_PASSWORD@127.0.0.1:$MGMT_PORT/'
SI_SMTP='127.0.0.1:$SMTP_PORT'
SI_SMTP_WEB='http://127.0.0.1:$SMTP_WEB_PORT/'
ENVF
  fi
  chmod 600 "$ENV_FILE"
}

status() {
  local bin sbin
  local data; data="$(readlink -f "$LOCAL/$PG_NAME" 2>/dev/null)/data"
  if bin=$(pg_bin) && [[ -s $data/PG_VERSION ]] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "postgresql: running on 127.0.0.1:$PG_PORT (data $data)"
  else echo "postgresql: stopped"; fi
  if sbin=$(mq_sbin) && (mq_env; "$sbin/rabbitmqctl" -q status >/dev/null 2>&1); then
    echo "rabbitmq:   running on 127.0.0.1:$AMQP_PORT, management http://127.0.0.1:$MGMT_PORT/"
  else echo "rabbitmq:   stopped"; fi
  if [[ -f $LOCAL/smtp4dev.pid ]] && kill -0 "$(cat "$LOCAL/smtp4dev.pid")" 2>/dev/null; then
    echo "smtp4dev:   running, SMTP 127.0.0.1:$SMTP_PORT, mail http://127.0.0.1:$SMTP_WEB_PORT/"
  else echo "smtp4dev:   stopped"; fi
}

# deploy/cluster.sh sources this file for its helpers.
[[ ${BASH_SOURCE[0]} != "$0" ]] && return 0

case "${1:-up}" in
  up)
    if external; then log "using SI_POSTGRES / SI_RABBITMQ from the environment"; else
      command -v curl >/dev/null || apt_install curl ca-certificates
      pg_up; mq_up
    fi
    [[ -n "${SI_SMTP:-}" ]] || smtp_up
    write_env; log "ready; settings in $ENV_FILE" ;;
  stop) smtp_stop; external || { mq_stop; pg_stop; } ;;
  postgres) external && die "$1 needs the project-local PostgreSQL (SI_POSTGRES points elsewhere)"; pg_up ;;
  postgres-stop) pg_stop ;;
  status) status ;;
  broker-stop|broker-start)
    external && die "$1 needs the project-local RabbitMQ node (SI_RABBITMQ points elsewhere)"
    sbin=$(mq_sbin) || die "RabbitMQ is not installed"
    mq_env
    if [[ $1 == broker-stop ]]; then
      "$sbin/rabbitmqctl" -q stop_app >/dev/null && log "RabbitMQ application stopped"
    else
      "$sbin/rabbitmqctl" -q start_app >/dev/null
      "$sbin/rabbitmqctl" -q await_startup --timeout 60 >/dev/null && log "RabbitMQ application started"
    fi ;;
  env) [[ -f $ENV_FILE ]] || die "no $ENV_FILE: run deploy/infra.sh up"; cat "$ENV_FILE" ;;
  node)
    # npm for the web front-end's pinned assets (the web project runs npm ci when it builds).
    command -v npm >/dev/null || apt_install nodejs npm ;;
  browser)
    # Debian's Chromium for the browser tests (Playwright drives it by path; its own download cannot work here).
    command -v npm >/dev/null || apt_install nodejs npm
    command -v chromium >/dev/null || apt_install chromium
    log "browser: $(chromium --version 2>/dev/null | head -n 1)" ;;
  nginx)
    # nginx (light) for the benchmark's static-file baseline (bench/run.sh): the practical limit for serving a file here.
    command -v nginx >/dev/null || apt_install nginx-light
    log "nginx: $(nginx -v 2>&1 | head -n 1)" ;;
  kubectl)
    # kubectl (with Kustomize built in) to render deploy/k8s; node for its schema validation. No cluster needed.
    command -v npm >/dev/null || apt_install nodejs npm
    command -v kubectl >/dev/null || apt_install kubectl
    log "kubectl: $(kubectl version --client 2>/dev/null | head -n 1)" ;;
  *) echo "usage: $0 up|stop|status|env|node|browser|nginx|kubectl" >&2; exit 2 ;;
esac
