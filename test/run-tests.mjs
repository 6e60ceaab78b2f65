// Runs every *.test.ts under test/ (except the integration suite, which runs inside VS Code) with node:test.
// Arguments filter the files by substring: `node test/run-tests.mjs essential-container lsp/`.
// `--rule <id>` (npm run test:rule -- <id>) runs one rule's tests: its table (test/unit/rules/<area>/<id>.test.ts)
// and the examples of its page (test/unit/docs-examples.test.ts, told the id through FARGATE_LINT_RULE).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HOW_TO_RUN_SHARED, REQUIRE_SHARED, SHARED } from './helpers/shared.mjs';

const root = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);
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
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (rule && !files.some((f) => f.endsWith(`/${rule}.test.ts`))) {
  console.error(`no test/unit/rules/<area>/${rule}.test.ts: is "${rule}" a rule id?`);
  process.exit(2);
}
const env = rule ? { ...process.env, FARGATE_LINT_RULE: rule } : process.env;
// platform.ts does what the node entry points do first (where the IAM data is read from).
const platform = join(root, 'helpers', 'platform.ts');
const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', platform, '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env,
});
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
