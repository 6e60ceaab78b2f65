// Runs every case in bench/cases/*.mjs (alphabetical) and prints their rows as one table, with the machine's
// load. A case exports `async function measure({ root, write })`, where `root` is the checkout and
// `write(line)` reports progress (on stderr), and returns rows `{ name, value, unit, note }` (value a number,
// or a string such as "skipped"); it may export a `title`. Figures only, never pass/fail: timing belongs to
// the machine. Run `npm run build` first (`npm run bench` does), under `node --import tsx` so that a case can
// import the TypeScript sources. `node --import tsx bench/run.mjs terraform` runs only the cases whose file
// name contains one of the words.
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = join(root, 'bench', 'cases');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const format = (v) =>
  typeof v !== 'number' ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const lines = [
  `machine: ${cpus().length} cores, Node ${process.version}, load average ${load()} at the start`,
  '',
  '| measure | value | unit | note |',
  '|---|--:|---|---|',
];
for (const file of files) {
  const name = file.replace(/\.mjs$/, '');
  const module = await import(pathToFileURL(join(dir, file)).href);
  const write = (line) => process.stderr.write(`[${name}] ${line}\n`);
  let rows;
  try {
    rows = await module.measure({ root, write });
  } catch (error) {
    rows = [{ name: file, value: 'failed', unit: '', note: String(error?.message ?? error).split('\n')[0] }];
  }
  lines.push(`| **${module.title ?? name}** | | | |`);
  for (const row of rows) lines.push(`| ${row.name} | ${format(row.value)} | ${row.unit ?? ''} | ${row.note ?? ''} |`);
}
lines.push('', `load average ${load()} at the end (other work on the machine shares its cores)`);
console.log(lines.join('\n'));
