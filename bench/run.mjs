// `npm run bench`: builds, then runs every case in bench/cases/*.mjs (alphabetical) and prints ONE table
// from this one run, with the machine it ran on (cores, CPU, load). `npm run bench -- --write` also writes
// the table to bench/results.md. `npm run bench -- server workspace` runs only the cases whose file name
// contains one of the words (not for --write: results.md is always a full run).
//
// A case is a module that exports `async function measure({ root, write })` (`write(line)` prints a
// progress line on stderr, outside the table) returning rows `{ name, value, unit, note }` (value a number, or a string such as "skipped"), and optionally `title`
// (the heading of its rows). Timing belongs to the machine: the bench prints figures, never pass/fail;
// the goals of issue 13 are quoted in the notes. Run under `node --import tsx` so that a case can import
// the TypeScript sources (server/src/...) to measure them in process.
import { execSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const record = args.includes('--write');
const only = args.filter((a) => !a.startsWith('--'));
if (record && only.length) throw new Error('--write records a full run: leave out the case names');

const casesDir = join(root, 'bench', 'cases');
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.mjs') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();

function git(command) {
  try {
    return execSync(`git ${command}`, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const startedAt = new Date();
const loadBefore = load();
const sections = [];
for (const file of cases) {
  const started = Date.now();
  process.stderr.write(`bench: ${file} ...`);
  const module = await import(pathToFileURL(join(casesDir, file)).href);
  let rows;
  try {
    rows = await module.measure({ root, write: (line) => process.stderr.write(`\nbench:   ${line}`) });
  } catch (error) {
    rows = [{ name: file, value: 'failed', unit: '', note: String(error?.message ?? error).split('\n')[0] }];
  }
  process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  sections.push({ title: module.title ?? file.replace(/\.mjs$/, ''), rows });
}

const format = (value) => {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

const dirty = git('status --porcelain --untracked-files=no') ? ' (with uncommitted changes)' : '';
const header = [
  `fargate-lint bench, ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}, commit ${git('rev-parse --short HEAD') || 'unknown'}${dirty}`,
  `machine: ${cpus().length} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${process.platform}, Node ${process.version}`,
  `load average (1, 5, 15 min): ${loadBefore} at the start, ${load()} at the end (other work on the machine shares its cores)`,
];
const lines = [...header.map((h) => `${h}  `), '', '| measure | value | unit | note |', '|---|--:|---|---|'];
for (const section of sections) {
  lines.push(`| **${cell(section.title)}** | | | |`);
  for (const row of section.rows)
    lines.push(`| ${cell(row.name)} | ${format(row.value)} | ${cell(row.unit ?? '')} | ${cell(row.note ?? '')} |`);
}
const table = lines.join('\n');
console.log(table);
if (record) {
  const intro =
    '# Benchmark results\n\nThe latest `npm run bench -- --write`: one run, on the machine named below. What each row measures, and how, is in [README.md](README.md).\n\n';
  writeFileSync(join(root, 'bench', 'results.md'), `${intro}${table}\n`);
  console.error('bench: wrote bench/results.md');
}
// Servers and workers the cases started are gone; anything left (a stuck handle) should not keep the bench alive.
process.exit(0);
