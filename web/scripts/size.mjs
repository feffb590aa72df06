// Prints the gzipped size of the JavaScript and CSS of the first screens, from the Vite manifest of
// web/dist: the entry (every page), the login page (signed out) and the household search (signed
// in), each with the chunks it imports. Run after `npm run build`: `npm run size`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(new URL('../build-manifest.json', import.meta.url), 'utf8'));

function closure(keys, seen = new Set()) {
  for (const k of keys) {
    if (seen.has(k)) continue;
    seen.add(k);
    closure(manifest[k].imports ?? [], seen);
  }
  return seen;
}

function files(keys) {
  const out = new Set();
  for (const k of closure(keys)) {
    out.add(manifest[k].file);
    for (const c of manifest[k].css ?? []) out.add(c);
  }
  return out;
}

const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

function report(name, keys) {
  const fs = [...files(keys)];
  const js = fs.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
  const css = fs.filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(f), 0);
  console.log(`${name.padEnd(34)} JS ${kb(js).padStart(9)} gzipped, CSS ${kb(css).padStart(8)} gzipped`);
  return js;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const find = (suffix) => Object.keys(manifest).find((k) => k.endsWith(suffix));
report('entry (every page)', [entry]);
report('login page (signed out)', [entry, find('features/session/LoginPage.tsx')]);
report('household search (signed in)', [entry, find('features/households/routes.tsx')]);
report('buildings (signed in)', [entry, find('features/buildings/routes.tsx')]);
report('household edit form', [entry, find('features/households/routes.tsx'), find('features/households/HouseholdEditPage.tsx')]);
