#!/usr/bin/env bash
# Two builds, or two settings, compared on this noisy machine: pipeline-only runs of bench/run.sh, alternated in pairs
# whose order flips each time (A B, B A, A B…), then each side's runs and medians. Run to run, the machine's CPU per
# submission moves by ±25 % here; one run of each side says nothing below that (see bench/README.md).
#
#   bench/compare.sh --save DIR                 build this working tree (Release) and copy it into DIR
#   bench/compare.sh A_DIR B_DIR [pairs] [submissions] [organisers]     default 5 pairs of 1,000 submissions from 8 organisers
#   SI_COMPARE_A_PG='…' SI_COMPARE_B_PG='…'     PostgreSQL connection-string settings for each side (SI_BENCH_PG_EXTRA):
#                                               the same binaries twice, e.g. A_DIR = B_DIR, B with 'No Reset On Close=true'
# Each run's log: bench/results/compare-<side>-<n>.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
declare -A BIN=([identity]=services/identity [publication]=services/publication [review]=services/labelling-review
  [geocoding]=services/geocoding [submission]=services/submission [gateway]=gateway [web]=web/SemaineIndustrie.Web)

if [[ ${1:-} == --save ]]; then
  [[ -n ${2:-} ]] || { echo "usage: bench/compare.sh --save DIR" >&2; exit 2; }
  mkdir -p "$2"
  dotnet build SemaineIndustrie.sln -c Release --nologo -v quiet -clp:ErrorsOnly
  for name in "${!BIN[@]}"; do
    rm -rf "${2:?}/$name"; cp -r "${BIN[$name]}/bin/Release/net10.0" "$2/$name"
  done
  { git rev-parse --short HEAD; git status --porcelain --untracked-files=no | sed 's/^/  changed: /'; } > "$2/REVISION"
  echo "[compare] Release build of $(head -1 "$2/REVISION") saved in $2"
  exit 0
fi

A="${1:?usage: bench/compare.sh A_DIR B_DIR [pairs] [submissions] [organisers]}"
B="${2:?usage: bench/compare.sh A_DIR B_DIR [pairs] [submissions] [organisers]}"
PAIRS="${3:-5}"
SUBMISSIONS="${4:-1000}"
ORGANISERS="${5:-8}"
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
SUMMARY="$RESULTS/compare-$(date -u +%Y%m%dT%H%M%SZ).txt"

run() { # side dir pg n
  local log="$RESULTS/compare-$1-$4.log"
  SI_NO_BUILD=1 SI_BENCH_BINARIES="$2" SI_BENCH_PG_EXTRA="$3" SI_BENCH_PIPELINE_ONLY=1 SI_BENCH_REPLICAS=0 \
    bench/run.sh "$SUBMISSIONS" "$ORGANISERS" >"$log" 2>&1 || { echo "[compare] run $1 $4 failed: $log" >&2; exit 1; }
  # "… postgresql 7.9 · rabbitmq 3.6 · … machine (all, busy) 31.4" and "pipeline: 63.2 submissions/s"; per process in the log.
  local line cpu pg mq rate ceiling
  line=$(grep -h 'CPU ms per submission' "$log")
  cpu=$(sed -E 's/.*machine \(all, busy\) ([0-9.]+).*/\1/' <<<"$line")
  pg=$(sed -E 's/.*postgresql ([0-9.]+).*/\1/' <<<"$line")
  mq=$(sed -E 's/.*rabbitmq ([0-9.]+).*/\1/' <<<"$line")
  rate=$(grep -h 'submissions/s end to end' "$log" | sed -E 's/.*pipeline: ([0-9.]+) submissions\/s.*/\1/')
  ceiling=$(grep -h 'of that ceiling' "$log" | sed -E 's/.*pipeline at ([0-9]+) % of that ceiling.*/\1/')
  # RabbitMQ's work per submission is the same on both sides when the flow is (5 published, 7 delivered): the machine's
  # CPU in units of RabbitMQ's moves far less with the VM's speed than either figure alone.
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$4" "$cpu" "$pg" "$mq" "$(awk -v m="$cpu" -v q="$mq" 'BEGIN { printf "%.2f", m / q }')" "$rate" "$ceiling" | tee -a "$SUMMARY"
}

printf 'side\trun\tmachine CPU ms/submission\tPostgreSQL\tRabbitMQ\tmachine ÷ RabbitMQ\tsubmissions/s\t%% of servers-only ceiling\n' | tee "$SUMMARY"
for ((i = 1; i <= PAIRS; i++)); do
  if ((i % 2)); then run A "$A" "${SI_COMPARE_A_PG:-}" "$i"; run B "$B" "${SI_COMPARE_B_PG:-}" "$i"
  else run B "$B" "${SI_COMPARE_B_PG:-}" "$i"; run A "$A" "${SI_COMPARE_A_PG:-}" "$i"; fi
done

figures() { awk -F'\t' -v s="$1" -v c="$2" '$1 == s { print $c }' "$SUMMARY" | sort -n; } # one side's figures, sorted
median() { awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'; }
for side in A B; do
  echo "[compare] $side ($([[ $side == A ]] && echo "$A" || echo "$B")): median $(figures $side 3 | median) ms per submission (runs $(figures $side 3 | range)), machine ÷ RabbitMQ $(figures $side 6 | median) (runs $(figures $side 6 | range)), $(figures $side 7 | median) submissions/s" | tee -a "$SUMMARY"
done
echo "[compare] figures in $SUMMARY"
