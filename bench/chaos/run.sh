#!/usr/bin/env bash
# The fault suite (issue 18; results in bench/chaos/README.md):
#   bench/chaos/run.sh                        2,000 submissions per scenario at 10/s, every scenario (≈ 30 minutes)
#   bench/chaos/run.sh 500 10 kill-replicas   fewer submissions, another rate, chosen scenarios (comma-separated)
# Starts the clustered platform (deploy/cluster.sh up, Release build) unless it runs already, runs the scenarios
# one at a time, prints the table, writes bench/chaos/results/latest.{md,json}; exits 1 if anything was lost,
# duplicated or refused. Stops the cluster it started (SI_KEEP_CLUSTER=1 keeps it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SUBMISSIONS="${1:-2000}"
RATE="${2:-10}"
SCENARIOS="${3:-}"
export SI_CONFIGURATION="${SI_CONFIGURATION:-Release}"

started=0
if ! curl -fsS http://127.0.0.1:8080/health/ready >/dev/null 2>&1 || [[ ! -f .local/cluster/cluster.env ]]; then
  bash deploy/cluster.sh up
  started=1
fi
[[ $started -eq 1 && -z "${SI_KEEP_CLUSTER:-}" ]] && trap 'bash deploy/cluster.sh stop' EXIT
set -a; source .local/cluster/cluster.env; set +a

args=(chaos --cluster "$ROOT/deploy/cluster.sh" --gateways "$SI_GATEWAYS" --postgres "$SI_POSTGRES" --management "$SI_RABBITMQ_MANAGEMENT"
      --submissions "$SUBMISSIONS" --rate "$RATE" --out "$ROOT/bench/chaos/results")
[[ -n $SCENARIOS ]] && args+=(--scenarios "$SCENARIOS")
dotnet "$ROOT/bench/SemaineIndustrie.Bench/bin/$SI_CONFIGURATION/net10.0/SemaineIndustrie.Bench.dll" "${args[@]}"
