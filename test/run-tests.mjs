// Runs the *.test.ts under test/ with node:test, one tier at a time (the VS Code suite, test/integration/,
// runs inside VS Code and has its own runner):
//   node test/run-tests.mjs            the unit tier (npm run test:unit): every file outside the package tier
//   node test/run-tests.mjs --package  the package tier (npm run test:package): the npm package packed and
//                                      installed (test/package/), and the Action, the pre-commit hooks
//                                      (test/ci/) and the README's editor configurations (test/editors/) run
//                                      from that install; slow (npm pack, npm install), so kept apart
// Arguments filter the tier's files by substring: `node test/run-tests.mjs essential-container lsp/`.
// `--rule <id>` (npm run test:rule -- <id>) runs one rule's tests: its table (test/unit/rules/<area>/<id>.test.ts)
// and the examples of its page (test/unit/docs-examples.test.ts, told the id through FARGATE_LINT_RULE).
// The files are bundled once with esbuild (test/bundle-tests.mjs), the files of one folder together (see
// ALONE below), and the bundles run a few at a time, one process each; FARGATE_LINT_TEST_CONCURRENCY sets
// how many (default: twice the cores, at least 2: many tests wait on a server or CLI process they started).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, statfsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { bundleTests } from './bundle-tests.mjs';
import { HOW_TO_RUN_SHARED, REQUIRE_SHARED, SHARED } from './helpers/shared.mjs';

const root = new URL('.', import.meta.url).pathname;
const PACKAGE_TIER = ['package', 'ci', 'editors'].map((folder) => join(root, folder, '/'));
const argv = process.argv.slice(2);
const packageTier = argv.includes('--package');
const args = argv.filter((a) => a !== '--package');
const ruleAt = args.indexOf('--rule');
const rule = ruleAt >= 0 ? args[ruleAt + 1] : undefined;
if (ruleAt >= 0 && !rule) {
  console.error('usage: npm run test:rule -- <rule-id>');
  process.exit(2);
}
const only = rule ? [`/${rule}.test.ts`, '/docs-examples.test.ts'] : args;

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'integration' || name === 'fixtures' ? [] : find(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The selected files with a test that skips because what it reads from ../shared is missing. */
function skippedForShared(files) {
  if (process.env[REQUIRE_SHARED]) return [];
  return files.filter((file) =>
    [...readFileSync(file, 'utf8').matchAll(/skipWithoutShared\(([^)]*)\)/g)].some((call) => {
      const parts = [...call[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
      return !existsSync(join(SHARED, ...parts));
    }),
  );
}

const files = find(root)
  .filter((f) => PACKAGE_TIER.some((folder) => f.startsWith(folder)) === packageTier)
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (rule && !files.some((f) => f.endsWith(`/${rule}.test.ts`))) {
  console.error(`no test/unit/rules/<area>/${rule}.test.ts: is "${rule}" a rule id?`);
  process.exit(2);
}
// node --test with no file would look for test files itself, everywhere.
if (files.length === 0) {
  console.error(`no test file in the ${packageTier ? 'package' : 'unit'} tier matches ${only.join(' ')}`);
  process.exit(2);
}
const env = rule ? { ...process.env, FARGATE_LINT_RULE: rule } : { ...process.env };
// The unit tier's temporary files (the tests' workspaces: one of 5,100 files, a copy of the project, files of
// 5 MB) go to a folder of their own on a RAM file system where there is one with room (Linux's /dev/shm),
// unless TMPDIR says where: creating a file on this machine's disk cost 0.3 ms of system CPU, on /dev/shm
// 0.02 ms (the protocol group: 9.4 -> 3.5 system CPU-seconds). The folder goes when the run ends, with
// whatever a test left in it.
const ramTmp = packageTier || process.env.TMPDIR ? undefined : ramTmpFolder('/dev/shm');
if (ramTmp) env.TMPDIR = ramTmp;

/** A new folder on the RAM file system `disk` when it has 1 GiB free and can be written; else undefined. */
function ramTmpFolder(disk) {
  try {
    const { bavail, bsize } = statfsSync(disk);
    return bavail * bsize >= 2 ** 30 ? mkdtempSync(join(disk, 'fargate-lint-tests-')) : undefined;
  } catch {
    return undefined;
  }
}
// Each bundle starts with test/helpers/platform.ts: what the node entry points do first (where the IAM data is read from).
// The files of one folder of test/ (unit/ with its subfolders) share one bundle and one process: a process
// of its own cost a file far more than its tests (Node's start, the bundle's compilation, and above all the
// JIT warming up again on the same analysis code, the schema and the IAM data read again), and the files
// hold no state between them (each test builds its own workspace, server or temporary folder; a file that
// changes the working directory puts it back). The files of a group run one after the other, the groups
// and the files in ALONE side by side. ALONE: the long files, which would hold back their group (the
// property-based and pathological attacks), and those whose time goes into processes of their own (a copy of
// the project with tsx, npm pack), which would gain nothing from a group; and the one that needs a process
// where the HCL parser has not loaded (the on-demand load, which it also sets up for the whole process).
const ALONE = ['attack/', 'unit/new-rule.test.ts', 'unit/packaging.test.ts', 'unit/sources/terraform-on-demand.test.ts'].map((f) =>
  join(root, f),
);
// The package tier's files stay one process each: they are few, and each packs and installs for itself.
const groupOf = (file) => (packageTier || ALONE.some((a) => file.startsWith(a)) ? undefined : relative(root, file).split(sep)[0]);
// node --test starts the bundles in the order given, a few at a time: the longest first, so that none is left
// running alone at the end. Each alone on 2026-12-02 (with --single-threaded, CPU-seconds and wall): the
// protocol group 17 and 23 s (most of its CPU in the servers it starts, most of its wall waiting on them), the
// property-based attacks 15 and 15 s, the unit group 15 and 15 s, the CLI group 8.5 and 6.5 s (its worker
// threads and process tests), the managed policies 5, the corpus group 4.7, new-rule 4 (the copy of the
// project, tsx), the pathological attacks 3.6, each other bundle under 2.5.
const LONGEST_FIRST = [
  'groups/lsp.',
  'test/attack/properties.',
  'groups/unit.',
  'groups/cli.',
  'groups/iam.',
  'groups/corpus.',
  'test/unit/new-rule.',
  'test/attack/pathological.',
];
const rank = (bundle) => {
  const at = LONGEST_FIRST.findIndex((name) => bundle.includes(name));
  return at < 0 ? LONGEST_FIRST.length : at;
};
const bundles = (await bundleTests(files, join(root, 'helpers', 'platform.ts'), groupOf)).sort((a, b) => rank(a) - rank(b));
const concurrency = Number(process.env.FARGATE_LINT_TEST_CONCURRENCY) || Math.max(2, 2 * availableParallelism());
// V8 compiles and marks garbage on threads of its own beside each bundle's main thread. With at least as many
// bundles running as there are cores, those threads only take cores from the other bundles, at a cost of
// their own: --single-threaded does that work on the main thread. On 2 cores (2026-12-02, back to back, twice):
// 85.5 -> 79.8 and 85.1 -> 81.7 CPU-seconds, 47.0 -> 43.3 and 46.2 -> 43.2 s.
const singleThreaded = Math.min(concurrency, bundles.length) >= availableParallelism() ? ['--single-threaded'] : [];
const result = spawnSync(
  process.execPath,
  [...singleThreaded, '--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...bundles],
  { stdio: 'inherit', env },
);
if (ramTmp) rmSync(ramTmp, { recursive: true, force: true });
const skipped = skippedForShared(files);
if (skipped.length > 0) {
  const names = skipped.map((f) => relative(join(root, '..'), f)).join(', ');
  console.error(`\n!! SKIPPED the corpus and peer tests (${names}): ${SHARED} is missing; to run them, ${HOW_TO_RUN_SHARED}.\n`);
}
// The editor tests skip without Debian's neovim or emacs (unless FARGATE_LINT_REQUIRE_EDITORS=1): say so.
const editors = files.filter((f) => f.includes(`${join('test', 'editors')}`) && f.endsWith('.test.ts'));
const missingEditors = ['nvim', 'emacs'].filter((program) => spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0);
if (editors.length > 0 && missingEditors.length > 0 && !process.env.FARGATE_LINT_REQUIRE_EDITORS) {
  console.error(
    `\n!! SKIPPED editor tests: ${missingEditors.join(', ')} not installed; apt-get install neovim emacs-nox elpa-eglot runs them.\n`,
  );
}
process.exit(result.status ?? 1);
