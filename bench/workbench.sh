#!/usr/bin/env bash
# The committees' peak (issue 31): on a running platform (deploy/run.sh), a departmental committee of three receives 400
# demands spread over ten days, has decided the older ones, and 20 signed-in sessions open the workbench list, a case page
# and the dashboard at once; prints p50/p95/p99 per page (bench/SemaineIndustrie.Bench/Workbench.cs). Nothing here is
# asserted by tests. It adds its demands to the platform's data (the 2018 edition of a Development run).
#
#   deploy/run.sh &                 # the platform, as people run it (gateway on 8080, identity on 8086)
#   bench/workbench.sh [cases] [sessions] [seconds per phase]     # defaults: 400 20 60
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; source .local/infra.env; set +a
mkdir -p bench/results
dotnet build bench/SemaineIndustrie.Bench -c Release --nologo -v quiet -clp:ErrorsOnly
OUT="bench/results/workbench-$(date -u +%Y%m%dT%H%M%SZ).json"
dotnet bench/SemaineIndustrie.Bench/bin/Release/net10.0/SemaineIndustrie.Bench.dll workbench \
  --gateway "${SI_GATEWAY:-http://127.0.0.1:8080}" --identity "${SI_IDENTITY:-http://127.0.0.1:8086}" \
  --review-db "$SI_POSTGRES;Database=si_review" --smtp-web "$SI_SMTP_WEB" --cases "${1:-400}" --reviewers "${2:-20}" --seconds "${3:-60}" --out "$OUT"
echo "[workbench] figures in $OUT"
