// Runs every *.test.ts under test/ (except the integration suite, which runs inside VS Code) with node:test.
// The files are bundled once with esbuild (test/bundle-tests.mjs) and run a few at a time, one process each.
//   node test/run-tests.mjs                         every test file
//   node test/run-tests.mjs essential-container lsp/ the files whose path contains one of the words
//   node test/run-tests.mjs --rule <id>             the tests of one rule (npm run test:rule -- <id>): <id>.test.ts
// FARGATE_LINT_TEST_CONCURRENCY sets how many test files run at once (default: twice the cores, at least 2:
// many tests wait on a server or CLI process they started).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, relative } from 'node:path';
import { bundleTests } from './bundle-tests.mjs';
import { HOW_TO_RUN_SHARED, REQUIRE_SHARED, SHARED } from './helpers/shared.mjs';

const root = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);

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

function select(all) {
  if (args[0] === '--rule') {
    const id = args[1];
    if (!id || args.length > 2) {
      console.error('usage: npm run test:rule -- <rule-id>');
      process.exit(2);
    }
    const files = all.filter((f) => basename(f) === `${id}.test.ts`);
    if (files.length === 0) {
      const near = all.filter((f) => basename(f).includes(id)).map((f) => relative(join(root, '..'), f));
      console.error(`no test file ${id}.test.ts${near.length ? `; files with "${id}" in their name: ${near.join(', ')}` : ''}`);
      process.exit(2);
    }
    return files;
  }
  return all.filter((f) => args.length === 0 || args.some((o) => f.includes(o)));
}

const files = select(find(root).sort());
const bundles = await bundleTests(files);
const concurrency = Number(process.env.FARGATE_LINT_TEST_CONCURRENCY) || Math.max(2, 2 * availableParallelism());
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...bundles],
  { stdio: 'inherit' },
);
const skipped = skippedForShared(files);
if (skipped.length > 0) {
  const names = skipped.map((f) => relative(join(root, '..'), f)).join(', ');
  console.error(`\n!! SKIPPED the corpus and peer tests (${names}): ${SHARED} is missing; to run them, ${HOW_TO_RUN_SHARED}.\n`);
}
process.exit(result.status ?? 1);
