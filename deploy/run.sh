#!/usr/bin/env bash
# Runs the whole platform locally: PostgreSQL + RabbitMQ + smtp4dev (project-local, installed if missing),
# the identity service (OpenID Connect provider), the four services, the notification service, the web front-end and the gateway. Migrations are applied by each service at start-up. Ctrl-C stops the services
# this script started; the servers keep running for the next run (deploy/infra.sh stop stops them).
#
#   deploy/run.sh            build, start, print the gateway URL, wait for Ctrl-C
#   SI_NO_BUILD=1 deploy/run.sh   skip the build
#   SI_BACKUPS=1 deploy/run.sh    also back up every database (deploy/backup.sh: WAL archived continuously, a full backup when
#                                 there is none, then one every SI_BACKUP_HOURS, 6 by default: full weekly, differential otherwise)
#   SI_READY_SECONDS=600 deploy/run.sh   wait longer for every process to be ready (default 300 s: a first start on a
#                                        loaded two-core machine creates six databases and JIT-compiles eight processes)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

GATEWAY_PORT="${SI_GATEWAY_PORT:-8080}"
ISSUER="http://127.0.0.1:$GATEWAY_PORT/"
LOGS="$ROOT/.local/logs"
mkdir -p "$LOGS"

bash deploy/infra.sh up
bash deploy/infra.sh node
set -a; source .local/infra.env; set +a
source deploy/lib/service-env.sh
# The demo clock's real starting instant, shared by every process and kept by the ones restarted later (docs/time.md).
export SI_CLOCK_ANCHOR="${SI_CLOCK_ANCHOR:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"
# Archiving on (restarts PostgreSQL once, before any service uses it) and a first full backup when there is none.
[[ -z "${SI_BACKUPS:-}" ]] || bash deploy/backup.sh enable

if [[ -z "${SI_NO_BUILD:-}" ]]; then
  echo "[run] building (Debug)…"
  dotnet build SemaineIndustrie.sln --nologo -v quiet -clp:ErrorsOnly
fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [[ ${#pids[@]} -gt 0 ]]; then
    echo; echo "[run] stopping services…"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  echo "[run] stopped (servers still running: deploy/infra.sh stop)"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

# name  project-dir  assembly  port  database
# Each service runs in a loop that ends with it, unless deploy/restore.sh holds it (.local/run/NAME.hold): the loop then waits for
# the hold to go and starts it again, so that one database can be restored while the rest of the platform runs.
HOLD="$ROOT/.local/run"
mkdir -p "$HOLD"
rm -f "$HOLD"/*.hold
start() {
  local name=$1 dir=$2 assembly=$3 port=$4 db=${5:-}
  local bin="$ROOT/$dir/bin/Debug/net10.0"
  [[ -f $bin/$assembly.dll ]] || { echo "[run] $bin/$assembly.dll missing: build first" >&2; exit 1; }
  (
    cd "$bin"
    service_env "$name" "$port" "$db"
    child=0
    trap 'kill -TERM $child 2>/dev/null; wait $child; exit 143' TERM INT
    while :; do
      dotnet "$assembly.dll" & child=$!
      echo "$child" > "$HOLD/$name.pid"
      wait "$child" && code=0 || code=$?
      [[ -e $HOLD/$name.hold ]] || exit "$code"
      echo "[run] $(date +%T) held by deploy/restore.sh"
      while [[ -e $HOLD/$name.hold ]]; do sleep 0.5; done
    done
  ) >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}

start identity         services/identity         SemaineIndustrie.Identity         8086 identity
start publication      services/publication      SemaineIndustrie.Publication      8084 publication
start labelling-review services/labelling-review SemaineIndustrie.LabellingReview  8082 review
start geocoding        services/geocoding        SemaineIndustrie.Geocoding        8083 geocoding
start notification     services/notification     SemaineIndustrie.Notification     8087 notification
start submission       services/submission       SemaineIndustrie.Submission       8081 submission
start web              web/SemaineIndustrie.Web  SemaineIndustrie.Web              8085
start gateway          gateway                   SemaineIndustrie.Gateway          "$GATEWAY_PORT"

if [[ -n "${SI_BACKUPS:-}" ]]; then
  (
    trap 'exit 0' TERM
    while :; do
      sleep "$(( ${SI_BACKUP_HOURS:-6} * 3600 ))" & wait $!
      bash deploy/backup.sh scheduled || echo "[run] $(date +%T) scheduled backup failed" >&2
    done
  ) >>"$LOGS/backup.log" 2>&1 &
  pids+=($!)
fi

READY_SECONDS="${SI_READY_SECONDS:-300}"
deadline=$((SECONDS + READY_SECONDS))
for port in 8086 8084 8082 8083 8087 8081 8085 "$GATEWAY_PORT"; do
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "[run] a service exited; see $LOGS/*.log" >&2; tail -n 20 "$LOGS"/*.log >&2; exit 1; }
    done
    [[ $SECONDS -lt $deadline ]] || { echo "[run] port $port not ready after $READY_SECONDS s; see $LOGS" >&2; exit 1; }
    sleep 0.5
  done
done

cat <<MSG

  Semaine de l'Industrie platform is up.
  Public map:   http://127.0.0.1:$GATEWAY_PORT/   (API: curl http://127.0.0.1:$GATEWAY_PORT/api/catalogue/events)
  Sign in:      http://127.0.0.1:$GATEWAY_PORT/compte/connexion   (local accounts: README, password Semaine-Industrie-2018)
  Mail:         ${SI_SMTP_WEB:-n/a}   (smtp4dev: every mail the platform sends)
  Tokens:       curl -s -u forges-gascogne-si:forges-gascogne-secret-de-developpement -d grant_type=client_credentials -d scope=submissions http://127.0.0.1:$GATEWAY_PORT/connect/token
  Services:     submission :8081, labelling-review :8082, geocoding :8083, publication :8084, web :8085, identity :8086, notification :8087
  RabbitMQ UI:  ${SI_RABBITMQ_MANAGEMENT:-n/a}
  Logs:         $LOGS/
  Ctrl-C stops the services.
MSG

wait -n "${pids[@]}" || true
echo "[run] a service stopped unexpectedly; see $LOGS" >&2
exit 1
