#!/usr/bin/env bash
# Benchmarks, measured side by side in one run (see bench/README.md):
#   bench/run.sh                  5,000 submissions, 16 concurrent organisers
#   bench/run.sh 1000 8           fewer submissions / organisers
#   SI_BENCH_PIPELINE_ONLY=1 …    the pipeline phases only (no read path, no browser): for iterating on the pipeline
#   SI_BENCH_LIGHTHOUSE_ONLY=1 …  the platform on the last run's databases (its catalogue kept) and Lighthouse alone
#   SI_BENCH_OPENING_ONLY=1 …     the same, and the opening day alone (SI_BENCH_OPENING_ROUNDS, default 3)
#   SI_BENCH_SOAK_MINUTES=60 …    the soak alone, on fresh databases: that long at half the measured throughput with public
#                                 readers (SI_BENCH_SOAK_READERS, default 16); writes <timestamp>.soak.json and .soak.png
#   SI_BENCH_PG_EXTRA='No Reset On Close=false' …  settings added to the services' PostgreSQL connection strings (to compare one)
# Starts its own platform (Release build) on ports 9080-9090 (identity 9086) with fresh databases (si_bench_*) and a
# RabbitMQ virtual host "bench", on the project-local servers (deploy/infra.sh). Prints a table; writes
# bench/results/<timestamp>.json. Stops what it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SUBMISSIONS="${1:-5000}"
ORGANISERS="${2:-16}"
RESULTS="$ROOT/bench/results"
LOGS="$RESULTS/logs"
mkdir -p "$LOGS"

bash deploy/infra.sh up
bash deploy/infra.sh browser
bash deploy/infra.sh nginx
set -a; source .local/infra.env; set +a
if [[ -z "${SI_NO_BUILD:-}" ]]; then
  echo "[bench] building (Release)…"
  dotnet build SemaineIndustrie.sln -c Release --nologo -v quiet -clp:ErrorsOnly
fi

# Fresh databases and virtual host (kept for a Lighthouse-only or opening-day-only run: they read the catalogue the last run published).
LIGHTHOUSE_ONLY="${SI_BENCH_LIGHTHOUSE_ONLY:-}"
OPENING_ONLY="${SI_BENCH_OPENING_ONLY:-}"
KEEP_DATA="$LIGHTHOUSE_ONLY$OPENING_ONLY"
PSQL_CS="${SI_POSTGRES};Database=postgres"
[[ -n $KEEP_DATA ]] || for db in submission review geocoding publication identity baseline; do
  PGPASSWORD=si_dev_password psql -h 127.0.0.1 -p "${SI_PG_PORT:-54329}" -U si_admin -d postgres -qc "DROP DATABASE IF EXISTS si_bench_$db WITH (FORCE)" -c "CREATE DATABASE si_bench_$db" >/dev/null 2>&1
done
MGMT="${SI_RABBITMQ_MANAGEMENT%/}"
[[ -n $KEEP_DATA ]] || curl -fsS -X DELETE "$MGMT/api/vhosts/bench" >/dev/null 2>&1 || true
curl -fsS -X PUT -H 'content-type: application/json' -d '{}' "$MGMT/api/vhosts/bench" >/dev/null
curl -fsS -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' "$MGMT/api/permissions/bench/si_admin" >/dev/null
AMQP="${SI_RABBITMQ%/}/bench"

# A bench edition, added by configuration only: its week starts in 30 days, submissions open now.
BENCH_YEAR=2099
FIRST_DAY=$(date -u -d '+30 days' +%F); LAST_DAY=$(date -u -d '+36 days' +%F)
EDITION=(
  Editions__1__Year=$BENCH_YEAR Editions__1__Number=99 "Editions__1__Name=Édition de banc d'essai" "Editions__1__Theme=Banc d'essai"
  Editions__1__FirstDay=$FIRST_DAY Editions__1__LastDay=$LAST_DAY
  Editions__1__SubmissionsOpen=$(date -u -d '-1 day' +%FT%TZ) Editions__1__SubmissionsClose=$(date -u -d '+29 days' +%FT%TZ)
  Editions__1__Sectors__0__Code=mecanique "Editions__1__Sectors__0__Label=Mécanique"
  Editions__1__Audiences__0__Code=jeunes "Editions__1__Audiences__0__Label=Jeunes" Editions__1__Audiences__0__OpenToPublic=true
  Editions__1__Audiences__1__Code=grand-public "Editions__1__Audiences__1__Label=Grand public" Editions__1__Audiences__1__OpenToPublic=true
)

# nginx serving the catalogue's GeoJSON as a static file, the opening-day baseline (the bench writes the file).
NGX="$ROOT/.local/bench-nginx"; NGINX_PORT=9095
rm -rf "$NGX"; mkdir -p "$NGX/www" "$NGX/tmp"; chmod 755 "$NGX" "$NGX/www"
cat > "$NGX/nginx.conf" <<CONF
worker_processes 2;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events { worker_connections 4096; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000; keepalive_timeout 120s;
  types { application/geo+json geojson; }
  client_body_temp_path $NGX/tmp; proxy_temp_path $NGX/tmp; fastcgi_temp_path $NGX/tmp; uwsgi_temp_path $NGX/tmp; scgi_temp_path $NGX/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $NGX/www; gzip_static on; etag on; add_header Cache-Control "public, max-age=30"; }
}
CONF
nginx -c "$NGX/nginx.conf" -p "$NGX" -e "$NGX/error.log"

pids=(); names=()
stop_all() {
  [[ -f $NGX/nginx.pid ]] && kill -QUIT "$(cat "$NGX/nginx.pid")" 2>/dev/null || true
  [[ ${#pids[@]} -gt 0 ]] && { kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
}
trap stop_all EXIT INT TERM
start() { # name dir assembly port [db] [extra env…]
  local name=$1 dir=$2 assembly=$3 port=$4 db=$5; shift 5
  (
    local bin="$ROOT/$dir/bin/Release/net10.0"
    [[ -n ${SI_BENCH_BINARIES:-} && -d $SI_BENCH_BINARIES/${name%-2} ]] && bin="$SI_BENCH_BINARIES/${name%-2}" # published builds (ReadyToRun)
    cd "$bin"
    export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning Clock__Start=
    export Auth__Authority=http://127.0.0.1:9086/ # the identity service signs the bench's tokens too
    # The C library's settings every process gets (deploy/platform.settings): the bench measures what people run.
    while read -r _ key value; do export "$key=$value"; done < <(grep -E '^\*[[:space:]]+MALLOC_' "$ROOT/deploy/platform.settings")
    [[ -n $db ]] && export ConnectionStrings__Postgres="$SI_POSTGRES;Database=si_bench_$db;Maximum Pool Size=60${SI_BENCH_PG_EXTRA:+;$SI_BENCH_PG_EXTRA}" ConnectionStrings__RabbitMq="$AMQP"
    for kv in "$@"; do export "$kv"; done
    exec dotnet "$assembly.dll"
  ) >"$LOGS/$name.log" 2>&1 &
  pids+=($!); names+=("$name=$!")
}
SMTP=${SI_SMTP:-127.0.0.1:56725}
start identity services/identity SemaineIndustrie.Identity 9086 identity Identity__Issuer=http://127.0.0.1:9086/ \
  "Identity__Keys__DevelopmentFolder=$ROOT/.local/identity-keys" "DataProtection__DevelopmentFolder=$ROOT/.local/identity-keys" Mail__Host=${SMTP%:*} Mail__Port=${SMTP##*:} Mail__Security=None
start publication services/publication SemaineIndustrie.Publication 9084 publication
start review services/labelling-review SemaineIndustrie.LabellingReview 9082 review
start geocoding services/geocoding SemaineIndustrie.Geocoding 9083 geocoding
start submission services/submission SemaineIndustrie.Submission 9081 submission "${EDITION[@]}"
GATEWAY_ENV=(Gateway__PublicPermits=100000000 Gateway__OrganiserWritePermits=100000000 Gateway__StaffPermits=100000000
  ReverseProxy__Clusters__submission__Destinations__primary__Address=http://127.0.0.1:9081/
  ReverseProxy__Clusters__review__Destinations__primary__Address=http://127.0.0.1:9082/
  ReverseProxy__Clusters__geocoding__Destinations__primary__Address=http://127.0.0.1:9083/
  ReverseProxy__Clusters__publication__Destinations__primary__Address=http://127.0.0.1:9084/
  ReverseProxy__Clusters__web__Destinations__primary__Address=http://127.0.0.1:9085/
  ReverseProxy__Clusters__identity__Destinations__primary__Address=http://127.0.0.1:9086/)
start web web/SemaineIndustrie.Web SemaineIndustrie.Web 9085 "" Web__ApiBaseUrl=http://127.0.0.1:9080/ "DataProtection__DevelopmentFolder=$ROOT/.local/identity-keys"
start gateway gateway SemaineIndustrie.Gateway 9080 "" "${GATEWAY_ENV[@]}"
start gateway-nocache gateway SemaineIndustrie.Gateway 9090 "" "${GATEWAY_ENV[@]}" Gateway__CatalogueCacheEnabled=false
await_ready() { # port…
  local port deadline
  for port in "$@"; do
    deadline=$((SECONDS + 120))
    until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
      [[ $SECONDS -lt $deadline ]] || { echo "[bench] :$port not ready; see $LOGS" >&2; exit 1; }
      sleep 0.5
    done
  done
}
await_ready 9086 9084 9082 9083 9081 9085 9080 9090

OUT="$RESULTS/$(date -u +%Y%m%dT%H%M%SZ).json"
if [[ -n ${SI_BENCH_SOAK_MINUTES:-} ]]; then
  dotnet "$ROOT/bench/SemaineIndustrie.Bench/bin/Release/net10.0/SemaineIndustrie.Bench.dll" soak \
    --gateway http://127.0.0.1:9080 --publication http://127.0.0.1:9084 --postgres "$SI_POSTGRES;Database=postgres" \
    --management "$SI_RABBITMQ_MANAGEMENT" --vhost bench --first-day "$FIRST_DAY" --pids "$(IFS=,; echo "${names[*]}")" \
    --organisers "$ORGANISERS" --readers "${SI_BENCH_SOAK_READERS:-16}" --minutes "$SI_BENCH_SOAK_MINUTES" \
    --out "${OUT%.json}.soak.json" | tee "$RESULTS/latest-soak.txt"
  exit 0
fi
if [[ -n $OPENING_ONLY ]]; then
  dotnet "$ROOT/bench/SemaineIndustrie.Bench/bin/Release/net10.0/SemaineIndustrie.Bench.dll" opening-day \
    --gateway http://127.0.0.1:9080 --nginx "http://127.0.0.1:$NGINX_PORT" --nginx-root "$NGX/www" --postgres "$SI_POSTGRES;Database=postgres" \
    --opening-rounds "${SI_BENCH_OPENING_ROUNDS:-3}" --out "${OUT%.json}.opening.json" | tee "$RESULTS/latest-opening.txt"
  exit 0
fi
[[ -n $LIGHTHOUSE_ONLY ]] || dotnet "$ROOT/bench/SemaineIndustrie.Bench/bin/Release/net10.0/SemaineIndustrie.Bench.dll" \
  --submissions "$SUBMISSIONS" --organisers "$ORGANISERS" \
  --gateway http://127.0.0.1:9080 --gateway-nocache http://127.0.0.1:9090 --publication http://127.0.0.1:9084 \
  --postgres "$SI_POSTGRES;Database=postgres" --rabbit "$AMQP" --management "$SI_RABBITMQ_MANAGEMENT" --vhost bench \
  --edition $BENCH_YEAR --first-day "$FIRST_DAY" --pids "$(IFS=,; echo "${names[*]}")" --web true --out "$OUT" \
  --nginx "http://127.0.0.1:$NGINX_PORT" --nginx-root "$NGX/www" --opening-rounds "${SI_BENCH_OPENING_ROUNDS:-3}" ${SI_BENCH_PIPELINE_ONLY:+--pipeline-only true} | tee "$RESULTS/latest.txt"

# Lighthouse (mobile, its defaults) on the public pages with the catalogue this run published (≈ 6,000 events of the bench
# edition): one event with a picture declared and labelled in that edition, then each page audited (bench/lighthouse.sh).
if [[ -z ${SI_BENCH_PIPELINE_ONLY:-} ]]; then
  echo "[bench] Lighthouse, mobile profile, on the bench catalogue ($(PGPASSWORD=si_dev_password psql -h 127.0.0.1 -p "${SI_PG_PORT:-54329}" -U si_admin -d si_bench_publication -tAc 'SELECT count(*) FROM catalogue_entries') events)" | tee -a "$RESULTS/latest.txt"
  SI_GATEWAY=http://127.0.0.1:9080 SI_IDENTITY=http://127.0.0.1:9086 SI_LIGHTHOUSE_DAY="$FIRST_DAY" SI_LIGHTHOUSE_SECTOR=mecanique \
    SI_LIGHTHOUSE_RUNS="${SI_LIGHTHOUSE_RUNS:-3}" bash bench/lighthouse.sh | tee -a "$RESULTS/latest.txt"
fi
[[ -n $LIGHTHOUSE_ONLY ]] && exit 0

# The replica run: a second replica of every consumer service and a gateway balancing over both (SI_BENCH_REPLICAS=0 skips it).
if [[ ${SI_BENCH_REPLICAS:-1} != 0 && -z ${SI_BENCH_PIPELINE_ONLY:-} ]]; then
  start publication-2 services/publication SemaineIndustrie.Publication 9284 publication
  start review-2 services/labelling-review SemaineIndustrie.LabellingReview 9282 review
  start geocoding-2 services/geocoding SemaineIndustrie.Geocoding 9283 geocoding
  start submission-2 services/submission SemaineIndustrie.Submission 9281 submission "${EDITION[@]}"
  BOTH=()
  for pair in submission:9281 review:9282 geocoding:9283 publication:9284; do
    BOTH+=("ReverseProxy__Clusters__${pair%%:*}__Destinations__second__Address=http://127.0.0.1:${pair##*:}/")
  done
  start gateway-replicas gateway SemaineIndustrie.Gateway 9091 "" "${GATEWAY_ENV[@]}" "${BOTH[@]}"
  await_ready 9284 9282 9283 9281 9091
  dotnet "$ROOT/bench/SemaineIndustrie.Bench/bin/Release/net10.0/SemaineIndustrie.Bench.dll" replicas \
    --submissions "$SUBMISSIONS" --organisers "$ORGANISERS" --gateway http://127.0.0.1:9091 --publication http://127.0.0.1:9084 \
    --postgres "$SI_POSTGRES;Database=postgres" --first-day "$FIRST_DAY" --pids "$(IFS=,; echo "${names[*]}")" \
    --out "${OUT%.json}.replicas.json" | tee -a "$RESULTS/latest.txt"
fi
