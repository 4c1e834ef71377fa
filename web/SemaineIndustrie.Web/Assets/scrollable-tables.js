// Our one addition to the DSFR's table behaviour, bundled after its scripts by assets.mjs.
// A table that is wider than its place scrolls sideways (on a phone, most do), and a keyboard can only scroll what
// it can focus: the pages render every table with tabindex="0" (axe: scrollable-region-focusable), which also works
// without scripts. Where a table fits, that stop in the tab order leads nowhere: it is taken out, and put back as
// soon as the table overflows again (a narrower window, a larger text, the fonts arriving). docs/web.md, "Tables".
const tables = document.querySelectorAll('.fr-table table[tabindex="0"]');
if (tables.length && 'ResizeObserver' in window) {
  const fit = (table) => {
    if (table.scrollWidth > table.clientWidth) table.setAttribute('tabindex', '0');
    else if (document.activeElement !== table) table.removeAttribute('tabindex');
  };
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => fit(entry.target)));
  tables.forEach((table) => observer.observe(table));
  document.fonts?.ready.then(() => tables.forEach(fit));
}
