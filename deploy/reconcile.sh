#!/usr/bin/env bash
# Reconciliation after a restore (docs/reconciliation.md): compares what every service holds of an edition's submissions and has
# the owning services publish again what the others missed; prints what is left for a person.
#
#   deploy/reconcile.sh EDITION             compare and repair
#   deploy/reconcile.sh EDITION --dry-run   compare only
#
# It calls POST /admin/reconciliation/editions/EDITION on the submission service (SI_SUBMISSION_URL, default deploy/run.sh's
# http://127.0.0.1:8081/; the cluster: http://127.0.0.1:8181/) as a national administrator: SI_ADMIN_TOKEN, or — on a local
# (Development) run — a token the gateway's /dev/tokens mints for the seeded national admin (SI_GATEWAY_URL, default :8080).
# Writes the full report (JSON) to .local/reconciliation-EDITION.json; exits 1 when something is left for a person.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EDITION="${1:-}"; [[ $EDITION =~ ^[0-9]{4}$ ]] || { sed -n '2,12p' "$0" >&2; exit 2; }
REPAIR=true; [[ ${2:-} == --dry-run ]] && REPAIR=false
SUBMISSION="${SI_SUBMISSION_URL:-http://127.0.0.1:8081/}"
GATEWAY="${SI_GATEWAY_URL:-http://127.0.0.1:8080/}"
TOKEN="${SI_ADMIN_TOKEN:-}"
if [[ -z $TOKEN ]]; then
  TOKEN=$(curl -fsS -X POST "${GATEWAY%/}/dev/tokens" -H 'Content-Type: application/json' -d '{"email":"admin@dge.test"}' | sed -E 's/.*"token":"([^"]+)".*/\1/') \
    || { echo "[reconcile] no SI_ADMIN_TOKEN, and no Development token from ${GATEWAY%/}/dev/tokens" >&2; exit 2; }
fi
mkdir -p "$ROOT/.local"
REPORT="$ROOT/.local/reconciliation-$EDITION.json"
code=$(curl -sS -o "$REPORT" -w '%{http_code}' -X POST "${SUBMISSION%/}/admin/reconciliation/editions/$EDITION?repair=$REPAIR" -H "Authorization: Bearer $TOKEN")
[[ $code == 200 ]] || { echo "[reconcile] the submission service answered $code:" >&2; cat "$REPORT" >&2; echo >&2; exit 1; }
count() { grep -o "\"$1\":[0-9]*" "$REPORT" | head -1 | cut -d: -f2; }
kinds() { # list next-key: the kinds of disagreement in one list of the report, counted
  sed -E "s/.*\"$1\":\[(.*)\],\"$2\".*/\1/" "$REPORT" | grep -o '"kind":"[^"]*"' | cut -d'"' -f4 | sort | uniq -c | sed 's/^/    /' || true
}
echo "[reconcile] edition $EDITION: $(count submissions) submissions compared, $(count agreeing) agree (report: $REPORT)"
echo "  repairable (republished: $REPAIR):"; kinds repairable forAPerson
echo "  for a person:"; kinds forAPerson replays
grep -q '"forAPerson":\[\]' "$REPORT"
