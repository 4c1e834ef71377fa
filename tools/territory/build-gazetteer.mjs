// Joins the communes of @etalab/decoupage-administratif with GeoNames cities500 (admin4 = INSEE code,
// admin1 in Mayotte)
// and writes, for every current commune of metropolitan France, Corsica and the overseas départements:
//
//   code \t latitude \t longitude \t method
//
// method: g = the commune's own GeoNames populated place (the most populous PPL*/PPLA*/PPLC entry with
//             that INSEE code; PPLX sections are ignored)
//         f = the most populous of its former communes (communes déléguées/associées) that has a point:
//             inside the commune, so municipality precision too
//   then fallbacks, best first (leave-one-out errors measured on the communes that have their own point,
//   see docs/geocoding.md):
//         q = mean of the communes sharing one of its postal codes AND its EPCI (median 4.2 km, p90 8.0 km)
//         p = mean of the communes sharing one of its postal codes                (median 4.3 km, p90 8.4 km)
//         e = mean of the other communes of its EPCI                              (median 7.9 km, p90 15.8 km)
//         a = its arrondissement's chef-lieu                                      (median 15.5 km, p90 33.7 km)
//         d = its département's chef-lieu
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [dataDir, citiesFile, target] = process.argv.slice(2);
const load = name => JSON.parse(readFileSync(`${dataDir}/${name}.json`, 'utf8'));
const communes = load('communes').filter(c => c.type === 'commune-actuelle' && (c.zone === 'metro' || c.zone === 'drom'));
const all = load('communes');
const arrondissements = load('arrondissements');
const epcis = load('epci');
const departements = load('departements');

const countries = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT']);
const best = new Map(); // INSEE code -> { lat, lon, population }
for (const line of readFileSync(citiesFile, 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f.length < 15 || !countries.has(f[8]) || f[6] !== 'P' || f[7] === 'PPLX' || f[7] === 'PPLH' || f[7] === 'PPLQ') continue;
  // admin4 is the INSEE code; Mayotte's communes carry it in admin1 instead.
  const code = f[13] || (f[8] === 'YT' ? f[10] : '');
  if (!code) continue;
  const population = Number(f[14]) || 0;
  const current = best.get(code);
  if (!current || population > current.population) best.set(code, { lat: Number(f[4]), lon: Number(f[5]), population });
}

const own = new Map();
for (const c of communes) if (best.has(c.code)) own.set(c.code, best.get(c.code));
const codes = new Set(communes.map(c => c.code));
const former = new Map(); // commune -> points of its former communes
for (const c of all) {
  if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && codes.has(c.chefLieu) && c.code !== c.chefLieu && best.has(c.code)) {
    if (!former.has(c.chefLieu)) former.set(c.chefLieu, []);
    former.get(c.chefLieu).push(best.get(c.code));
  }
}
const epciOf = new Map(), epciMembers = new Map();
for (const e of epcis) {
  epciMembers.set(e.code, e.membres.map(m => m.code));
  for (const m of e.membres) epciOf.set(m.code, e.code);
}
const mean = points => ({ lat: points.reduce((s, n) => s + n.lat, 0) / points.length, lon: points.reduce((s, n) => s + n.lon, 0) / points.length });
const byPostal = new Map();
for (const c of communes) for (const p of c.codesPostaux ?? []) {
  if (!byPostal.has(p)) byPostal.set(p, []);
  byPostal.get(p).push(c.code);
}
const chefLieuOfArrondissement = new Map(arrondissements.map(a => [a.code, a.chefLieu]));
const chefLieuOfDepartement = new Map(departements.map(d => [d.code, d.chefLieu]));

const counts = { g: 0, f: 0, q: 0, p: 0, e: 0, a: 0, d: 0, none: 0 };
const lines = [];
for (const c of [...communes].sort((a, b) => a.code.localeCompare(b.code))) {
  let point = own.get(c.code), method = 'g';
  if (!point && former.has(c.code)) { point = former.get(c.code).reduce((a, b) => (b.population > a.population ? b : a)); method = 'f'; }
  const neighbours = [...new Set((c.codesPostaux ?? []).flatMap(p => byPostal.get(p) ?? []))].filter(n => n !== c.code && own.has(n));
  const sameEpci = neighbours.filter(n => epciOf.get(n) !== undefined && epciOf.get(n) === epciOf.get(c.code));
  if (!point && sameEpci.length > 0) { point = mean(sameEpci.map(n => own.get(n))); method = 'q'; }
  if (!point && neighbours.length > 0) { point = mean(neighbours.map(n => own.get(n))); method = 'p'; }
  const epciNeighbours = (epciMembers.get(epciOf.get(c.code)) ?? []).filter(n => n !== c.code && own.has(n));
  if (!point && epciNeighbours.length > 0) { point = mean(epciNeighbours.map(n => own.get(n))); method = 'e'; }
  if (!point && own.has(chefLieuOfArrondissement.get(c.arrondissement))) { point = own.get(chefLieuOfArrondissement.get(c.arrondissement)); method = 'a'; }
  if (!point && own.has(chefLieuOfDepartement.get(c.departement))) { point = own.get(chefLieuOfDepartement.get(c.departement)); method = 'd'; }
  if (!point) { counts.none++; continue; }
  counts[method]++;
  lines.push([c.code, point.lat.toFixed(5), point.lon.toFixed(5), method].join('\t'));
}
const header = `# gazetteer ${lines.length} ` + Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ') + '\n';
writeFileSync(target, gzipSync(header + lines.join('\n') + '\n', { level: 9 }));
console.log(header.trim());
