// Turns @etalab/decoupage-administratif's communes.json into the compact file the Territory project
// embeds: one line per current commune of metropolitan France, Corsica and the overseas départements.
//
//   code \t name \t département \t région \t postal codes (space-separated) \t former names (|-separated)
//
// "Former names" are the communes déléguées and associées that now belong to the commune: organisers
// still write them, and they lead to the right INSEE code.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [source, target, version] = process.argv.slice(2);
const all = JSON.parse(readFileSync(source, 'utf8'));
const current = all.filter(c => c.type === 'commune-actuelle' && (c.zone === 'metro' || c.zone === 'drom'));
const codes = new Set(current.map(c => c.code));
const formerNames = new Map();
for (const c of all) {
  if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && codes.has(c.chefLieu)) {
    if (!formerNames.has(c.chefLieu)) formerNames.set(c.chefLieu, new Set());
    formerNames.get(c.chefLieu).add(c.nom);
  }
}
const clean = s => s.replace(/[\t\n|]/g, ' ');
const lines = current
  .sort((a, b) => a.code.localeCompare(b.code))
  .map(c => {
    const former = [...(formerNames.get(c.code) ?? [])].filter(n => n !== c.nom).sort();
    return [c.code, clean(c.nom), c.departement, c.region, (c.codesPostaux ?? []).join(' '), former.map(clean).join('|')].join('\t');
  });
const header = `# communes ${lines.length} @etalab/decoupage-administratif ${version}\n`;
writeFileSync(target, gzipSync(header + lines.join('\n') + '\n', { level: 9 }));
console.log(`wrote ${lines.length} communes to ${target}`);
