#!/usr/bin/env bash
# Lighthouse 12.2.3 (npm, pinned) with Debian's Chromium on the public pages of a running platform (deploy/run.sh):
# it declares one event with a picture (a 1600 × 1200 JPEG carrying EXIF GPS) through the APIs, labels it, then audits
# the event's page, the map, the edition page, the accessibility statement, the open data and the English sign-in page with Lighthouse's default settings (mobile: simulated slow 4G and
# 4× CPU slowdown) and prints each category's score and the paint metrics. Nothing here is asserted by tests.
#
#   deploy/run.sh &                    # the platform, as people run it (gateway on 8080, identity on 8086)
#   bench/lighthouse.sh                # then this; SI_LIGHTHOUSE_DESKTOP=1 for the desktop profile
# bench/run.sh runs it on its own platform after the pipeline (≈ 6,000 events): SI_LIGHTHOUSE_DAY and SI_LIGHTHOUSE_SECTOR
# place the declared event in the bench edition; SI_LIGHTHOUSE_RUNS audits each page that many times (each run printed,
# then the median run by performance score); SI_LIGHTHOUSE_PAGES chooses the pages ("{event}" is the declared event's id).
set -euo pipefail
cd "$(dirname "$0")/.."
GATEWAY="${SI_GATEWAY:-http://127.0.0.1:8080}"
IDENTITY="${SI_IDENTITY:-http://127.0.0.1:8086}"
OUT=".local/lighthouse"
DAY="${SI_LIGHTHOUSE_DAY:-2018-03-28}"
SECTOR="${SI_LIGHTHOUSE_SECTOR:-aeronautique}"
RUNS="${SI_LIGHTHOUSE_RUNS:-1}"
mkdir -p "$OUT"
command -v chromium >/dev/null || bash deploy/infra.sh browser
if [[ ! -x "$OUT/node_modules/.bin/lighthouse" ]]; then
  (cd "$OUT" && npm init -y >/dev/null && npm i -E --no-audit --no-fund lighthouse@12.2.3 >/dev/null)
fi

token() { curl -sf -X POST "$IDENTITY/dev/tokens" -H 'Content-Type: application/json' -d "{\"email\":\"$1\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/'; }
ORGANISER=$(token organisatrice@forges-gascogne.test)
REVIEWER=$(token copil.gers@direccte.test)

# The picture: made by the unit tests' own builder would need .NET; a JPEG from Chromium's own rendering is simpler.
PICTURE="$OUT/fonderie.jpg"
if [[ ! -s "$PICTURE" ]]; then
  chromium --headless=new --no-sandbox --disable-gpu --window-size=1600,1200 --screenshot="$OUT/fonderie.png" \
    "data:text/html,<body style='margin:0;background:linear-gradient(135deg,%23b34000,%23ffca00)'><h1 style='font:120px sans-serif;color:white;padding:200px'>Fonderie</h1>" >/dev/null 2>&1
  mv "$OUT/fonderie.png" "$PICTURE"  # a PNG named .jpg: the API reads the content, not the name
fi
PICTURE_ID=$(curl -sf -H "Authorization: Bearer $ORGANISER" -F "file=@$PICTURE" "$GATEWAY/api/pictures" | sed -E 's/.*"id":"([^"]+)".*/\1/')
SUBMISSION=$(curl -sf -H "Authorization: Bearer $ORGANISER" -H 'Content-Type: application/json' "$GATEWAY/api/submissions" -d @- <<JSON | sed -E 's/^\{"id":"([^"]+)".*/\1/'
{"title":"Fonderie ouverte : la coulée du bronze","description":"Coulée de bronze commentée par les fondeurs, visite de l'atelier de moulage et rencontre avec les apprentis.",
 "eventType":"openDay","startsAt":"${DAY}T14:00","endsAt":"${DAY}T17:00",
 "venue":{"name":"Fonderie d'Auch","street":"3 avenue de l'Industrie","postalCode":"32000","commune":"Auch"},
 "sectors":["$SECTOR"],"audiences":["grand-public"],"freeOfCharge":true,
 "registration":{"required":false,"url":"https://forges-gascogne.example.org/fonderie"},"accessibility":{"wheelchairAccessible":true},
 "organisingBody":{"name":"Forges de Gascogne","kind":"company"},"privateContact":{"name":"Camille Martin","email":"camille.martin@example.org"},
 "picture":{"id":"$PICTURE_ID","alt":"Un fondeur verse du bronze en fusion dans un moule"}}
JSON
)
for _ in $(seq 1 60); do
  CASE=$(curl -sf -H "Authorization: Bearer $REVIEWER" "$GATEWAY/api/review/cases?status=pending&limit=200" | grep -o "\"id\":\"[^\"]*\",\"submissionId\":\"$SUBMISSION\"" | sed -E 's/"id":"([^"]+)".*/\1/' || true)
  [[ -n "$CASE" ]] && break; sleep 1
done
curl -sf -o /dev/null -H "Authorization: Bearer $REVIEWER" -H 'Content-Type: application/json' "$GATEWAY/api/review/cases/$CASE/decision" -d '{"decision":"label"}'
for _ in $(seq 1 60); do curl -sf -o /dev/null "$GATEWAY/api/catalogue/events/$SUBMISSION" && break; sleep 1; done
# The open dataset is written daily: the national team publishes it now, so that /donnees lists this run's files.
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $(token admin@dge.test)" "$GATEWAY/api/catalogue/open-data/publication"

profile=()
[[ -n "${SI_LIGHTHOUSE_DESKTOP:-}" ]] && profile=(--preset=desktop)
printf '%-34s %5s %5s %5s %5s %8s %8s %6s %6s %8s\n' page perf a11y bp seo "FCP ms" "LCP ms" TBT CLS "KB wire"
ALL_PAGES='/evenements/{event} / /edition /accessibilite /donnees /compte/connexion?lang=en'
PAGES="${SI_LIGHTHOUSE_PAGES:-$ALL_PAGES}"
for path in ${PAGES//\{event\}/$SUBMISSION}; do
  reports=()
  for run in $(seq 1 "$RUNS"); do
    report="$OUT/$(echo "$path" | tr '/' '_' | cut -c1-40).$run.json"
    CHROME_PATH=/usr/bin/chromium "$OUT/node_modules/.bin/lighthouse" "$GATEWAY$path" "${profile[@]}" --quiet \
      --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$report" >/dev/null 2>&1 || true
    reports+=("$(realpath "$report")")
  done
  node -e '
    const [label, ...files] = process.argv.slice(1);
    // A run Lighthouse could not finish (its runtimeError, or a metric missing) is printed as such, not counted.
    const rows = files.map(f => { try { return require(f); } catch { return null; } })
      .filter(r => { const ok = r && !r.runtimeError && r.audits["cumulative-layout-shift"].numericValue !== undefined;
        if (!ok) console.log(label.padEnd(34) + " run failed: " + (r?.runtimeError?.message ?? "no report")); return ok; });
    if (rows.length === 0) process.exit(0);
    const row = (r, name) => { const c = r.categories, a = r.audits, s = k => Math.round(c[k].score * 100);
      return [name.padEnd(34), ...["performance","accessibility","best-practices","seo"].map(k => String(s(k)).padStart(5)),
        String(Math.round(a["first-contentful-paint"].numericValue)).padStart(8), String(Math.round(a["largest-contentful-paint"].numericValue)).padStart(8),
        String(Math.round(a["total-blocking-time"].numericValue)).padStart(6), a["cumulative-layout-shift"].numericValue.toFixed(3).padStart(6),
        String(Math.round(a["total-byte-weight"].numericValue / 1024)).padStart(8)].join(" "); };
    rows.forEach((r, i) => console.log(row(r, rows.length > 1 ? label.slice(0, 28) + " #" + (i + 1) : label)));
    const median = rows.slice().sort((x, y) => x.categories.performance.score - y.categories.performance.score)[Math.floor(rows.length / 2)];
    if (rows.length > 1) console.log(row(median, label.slice(0, 26) + " median"));
    const c = median.categories, a = median.audits;
    for (const k of ["best-practices","seo"]) for (const ref of c[k].auditRefs) { const x = a[ref.id]; if (ref.weight > 0 && x.score !== null && x.score < 1) console.log("   " + k + ": " + ref.id + " — " + x.title); }
  ' "${path:0:34}" "${reports[@]}"
done
