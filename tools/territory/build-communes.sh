#!/usr/bin/env bash
# Regenerates services/territory/Data/communes.tsv.gz from the public open-data package
# @etalab/decoupage-administratif (INSEE's Code officiel géographique; Licence Ouverte / MIT code).
# Needs Node.js and npm. The generated file is checked in; run this only to refresh it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
VERSION="${DECOUPAGE_VERSION:-6.0.0}"
( cd "$WORK" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "@etalab/decoupage-administratif@$VERSION" >/dev/null )
node "$HERE/build-communes.mjs" "$WORK/node_modules/@etalab/decoupage-administratif/data/communes.json" \
  "$ROOT/services/territory/Data/communes.tsv.gz" "$VERSION"
