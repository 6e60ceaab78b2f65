// Runs every bench/cases/*.mjs and prints their figures as one table. A case exports
// `async function measure({ root, write })`, where `root` is the checkout and `write(line)` reports progress,
// and returns rows `{ name, value, unit, note }`. Figures only, no pass/fail: timing depends on the machine.
// Run `npm run build` first (`npm run bench` does).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const casesDir = join(root, 'bench', 'cases');
const only = process.argv.slice(2);

const rows = [];
for (const file of readdirSync(casesDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const name = file.replace(/\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  const { measure } = await import(pathToFileURL(join(casesDir, file)).href);
  const write = (line) => process.stderr.write(`[${name}] ${line}\n`);
  for (const row of await measure({ root, write })) rows.push({ case: name, ...row });
}

const format = (value) => (typeof value === 'number' ? (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1)) : String(value));
const table = rows.map((r) => [r.case, r.name, `${format(r.value)} ${r.unit ?? ''}`.trim(), r.note ?? '']);
const widths = [0, 1, 2].map((i) => Math.max(...table.map((r) => r[i].length), 4));
for (const r of table) console.log(`${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padStart(widths[2])}  ${r[3]}`);
