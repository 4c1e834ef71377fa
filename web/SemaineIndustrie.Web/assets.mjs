// Run by the build after the npm assets are copied into wwwroot/lib (see the .csproj):
// 1. the DSFR as our pages use it: its core and the components they use, without the legacy browsers' rules
//    (dsfr.site.min.css, ~1/3 of dsfr.min.css), and the scripts of those components only (dsfr.site.module.min.js),
//    followed by our addition to its tables (Assets/scrollable-tables.js: one script for every page, no request more);
// 2. the DSFR's fonts cut to the characters French and the other Latin-1 languages use (subset-font, pinned): about half
//    their size (Marianne Regular 58 KB → 29 KB); a character outside is drawn by the next font of the stack (arial);
// 3. every style sheet and script under wwwroot compressed once, at the smallest size (Brotli 11, gzip 9), beside it
//    (.br, .gz): the web front-end sends those (PrecompressedAssets.cs) instead of compressing on each request.
// A component a page starts using is added to COMPONENTS (PageAssetsTests fails on a DSFR class no rule defines).
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = new URL('.', import.meta.url).pathname;
const dist = join(root, 'node_modules/@gouvfr/dsfr/dist');
const www = join(root, 'wwwroot');

// In the DSFR's own order (dsfr.main.css): later components override earlier ones.
const COMPONENTS = ['upload', 'badge', 'logo', 'button', 'breadcrumb', 'form', 'link', 'callout', 'pagination', 'tag', 'alert', 'notice',
  'radio', 'checkbox', 'input', 'skiplink', 'select', 'modal', 'navigation', 'footer', 'tile', 'table', 'header'];
// Icons the pages name as classes (components' own icons are in their rules).
const ICONS = ['arrow-right-line'];
// Components whose behaviour is scripted (the others have no script).
const SCRIPTED = ['breadcrumb', 'button', 'checkbox', 'header', 'modal', 'navigation', 'table', 'tag', 'tile'];

// url(../icons/…), url(../../icons/…), url(../../../icons/…) and fonts: relative to wwwroot/lib/dsfr, where the bundle is.
const rebase = (css) => css.replace(/url\((["']?)(?:\.\.\/)+(icons|fonts)\//g, 'url($1$2/');
const read = (path) => readFileSync(join(dist, path), 'utf8');
// Written only when it changed: an unchanged file keeps its date, so its compressed copies are not made again.
const write = (path, text) => { if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text); };

const utility = readdirSync(join(dist, 'utility/icons')).filter((d) => d.startsWith('icons-'))
  .map((d) => read(`utility/icons/${d}/${d}.main.min.css`)).join('\n');
const iconRules = ICONS.map((icon) => {
  const rule = utility.match(new RegExp(`\\.fr-icon-${icon}:after,\\.fr-icon-${icon}:before\\{[^}]*\\}`));
  if (!rule) throw new Error(`no DSFR icon ${icon}`);
  return rule[0];
});
// Latin-1, the French ligatures and quotation marks, dashes, thin and narrow no-break spaces (French numbers), the ellipsis,
// the euro and the trademark signs.
const LATIN = [[0x20, 0x7e], [0xa0, 0xff], [0x152, 0x153], [0x178, 0x178], [0x2c6, 0x2c6], [0x2013, 0x2014], [0x2018, 0x201e],
  [0x2009, 0x200a], [0x2022, 0x2022], [0x2026, 0x2026], [0x202f, 0x202f], [0x2039, 0x203a], [0x20ac, 0x20ac], [0x2122, 0x2122]]
  .flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join('');
mkdirSync(join(www, 'lib/dsfr/fonts/latin'), { recursive: true });
for (const font of readdirSync(join(dist, 'fonts')).filter((f) => f.endsWith('.woff2'))) {
  const source = join(dist, 'fonts', font), target = join(www, 'lib/dsfr/fonts/latin', font);
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) continue;
  writeFileSync(target, await subsetFont(readFileSync(source), LATIN, { targetFormat: 'woff2' }));
}
// The bundle's woff2 fonts are the cut ones (the woff fallbacks, for browsers without woff2, stay whole).
const latinFonts = (css) => css.replace(/url\((["']?)fonts\/([^)"']+\.woff2)/g, 'url($1fonts/latin/$2');

const css = [read('core/core.main.min.css'), read('scheme/scheme.min.css'),
  ...COMPONENTS.map((c) => read(`component/${c}/${c}.main.min.css`)), ...iconRules].map((part) => latinFonts(rebase(part))).join('\n');
write(join(www, 'lib/dsfr/dsfr.site.min.css'), css);

// Our own scripts travel without their comments (the DSFR's files come minified).
const ours = (path) => readFileSync(join(root, path), 'utf8').replace(/^\s*\/\/.*\n/gm, '');
// Each file declares its own top-level constants: a block each keeps them apart in one module.
const js = [read('core/core.module.min.js'), read('scheme/scheme.module.min.js'),
  ...SCRIPTED.map((c) => read(`component/${c}/${c}.module.min.js`)), ours('Assets/scrollable-tables.js')]
  .map((s) => `{\n${s}\n}`).join('\n');
write(join(www, 'lib/dsfr/dsfr.site.module.min.js'), js);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(css|js|svg)$/.test(name)) yield path;
  }
}
let compressed = 0;
for (const path of files(www)) {
  const source = readFileSync(path);
  const newer = (target) => existsSync(target) && statSync(target).mtimeMs >= statSync(path).mtimeMs;
  if (source.length < 1024 || (newer(path + '.br') && newer(path + '.gz'))) continue;
  writeFileSync(path + '.br', brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }));
  writeFileSync(path + '.gz', gzipSync(source, { level: 9 }));
  compressed++;
}
console.log(`assets.mjs: dsfr.site.min.css ${css.length} bytes, dsfr.site.module.min.js ${js.length} bytes; ${compressed} files compressed`);
