// Joins the communes of @etalab/decoupage-administratif with GeoNames cities500 (admin4 = INSEE code,
// admin1 in Mayotte)
// and writes, for every current commune of metropolitan France, Corsica and the overseas départements:
//
//   code \t latitude \t longitude \t method
//
// method: g = the commune's own GeoNames populated place (the most populous PPL*/PPLA*/PPLC entry with
//             that INSEE code; PPLX sections are ignored)
//         p = fallback: mean position of the communes sharing one of its postal codes that have their own
//             point (neighbours, usually within 10 km)
//         a = fallback: its arrondissement's chef-lieu
//         d = fallback: its département's chef-lieu
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [dataDir, citiesFile, target] = process.argv.slice(2);
const load = name => JSON.parse(readFileSync(`${dataDir}/${name}.json`, 'utf8'));
const communes = load('communes').filter(c => c.type === 'commune-actuelle' && (c.zone === 'metro' || c.zone === 'drom'));
const arrondissements = load('arrondissements');
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
const byPostal = new Map();
for (const c of communes) for (const p of c.codesPostaux ?? []) {
  if (!byPostal.has(p)) byPostal.set(p, []);
  byPostal.get(p).push(c.code);
}
const chefLieuOfArrondissement = new Map(arrondissements.map(a => [a.code, a.chefLieu]));
const chefLieuOfDepartement = new Map(departements.map(d => [d.code, d.chefLieu]));

const counts = { g: 0, p: 0, a: 0, d: 0, none: 0 };
const lines = [];
for (const c of [...communes].sort((a, b) => a.code.localeCompare(b.code))) {
  let point = own.get(c.code), method = 'g';
  if (!point) {
    const neighbours = [...new Set((c.codesPostaux ?? []).flatMap(p => byPostal.get(p) ?? []))].filter(n => n !== c.code && own.has(n)).map(n => own.get(n));
    if (neighbours.length > 0) {
      point = { lat: neighbours.reduce((s, n) => s + n.lat, 0) / neighbours.length, lon: neighbours.reduce((s, n) => s + n.lon, 0) / neighbours.length };
      method = 'p';
    }
  }
  if (!point && own.has(chefLieuOfArrondissement.get(c.arrondissement))) { point = own.get(chefLieuOfArrondissement.get(c.arrondissement)); method = 'a'; }
  if (!point && own.has(chefLieuOfDepartement.get(c.departement))) { point = own.get(chefLieuOfDepartement.get(c.departement)); method = 'd'; }
  if (!point) { counts.none++; continue; }
  counts[method]++;
  lines.push([c.code, point.lat.toFixed(5), point.lon.toFixed(5), method].join('\t'));
}
const header = `# gazetteer ${lines.length} g=${counts.g} p=${counts.p} a=${counts.a} d=${counts.d} none=${counts.none}\n`;
writeFileSync(target, gzipSync(header + lines.join('\n') + '\n', { level: 9 }));
console.log(header.trim());
