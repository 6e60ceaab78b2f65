// `npm run new-rule <id>` in a temporary copy of the project: the scaffolded rule fails the catalog test until
// its table has a case of each kind and its page an example of each, and passes once they are there. The copy's
// catalog test runs as npm run test:unit runs it, bundled with esbuild (test/bundle-tests.mjs), not under tsx.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { newRuleCommand } from '../../scripts/new-rule';

const root = join(__dirname, '..', '..');
/** What the catalog test and the scaffold read. */
const COPIED = ['package.json', 'README.md', 'tsconfig.json', '.prettierrc.json', 'server', 'shared', 'schemas', 'scripts', 'docs', 'test'];

function node(cwd: string, ...args: string[]) {
  // A test run of its own: without this variable, node:test would take the child for a part of this run.
  const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A TypeScript script, as npm run new-rule runs it. */
const run = (cwd: string, ...args: string[]) => node(cwd, '--import', 'tsx', ...args);

/** The copy's rule catalog test, bundled from the copy's sources, as npm run test:unit runs it. */
async function catalogTest(copy: string) {
  const { bundleTest } = await import('../bundle-tests.mjs');
  const bundle = join(copy, 'bundled', 'rule-catalog.test.js');
  await bundleTest(join(copy, 'test', 'unit', 'rule-catalog.test.ts'), bundle, join(copy, 'test', 'helpers', 'platform.ts'));
  return node(copy, '--enable-source-maps', '--test', bundle);
}

test('a scaffolded rule passes the catalog test once it has a case of each kind and an example of each', async (t) => {
  const copy = mkdtempSync(join(tmpdir(), 'fargate-lint-new-rule-'));
  t.after(() => rmSync(copy, { recursive: true, force: true }));
  for (const entry of COPIED) {
    cpSync(join(root, entry), join(copy, entry), { recursive: true, filter: (from) => !from.includes(`${join('test', 'integration')}`) });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');

  const scaffold = run(copy, 'scripts/new-rule.ts', 'demo-port-range', '--title', 'Demo ports are below 1024');
  assert.equal(scaffold.status, 0, scaffold.output);
  const ruleFile = join(copy, 'server', 'src', 'core', 'rules', 'task-definition', 'demo-port-range.ts');
  const testFile = join(copy, 'test', 'unit', 'rules', 'task-definition', 'demo-port-range.test.ts');
  const page = join(copy, 'docs', 'rules', 'demo-port-range.md');
  for (const file of [ruleFile, testFile, page]) assert.ok(existsSync(file), file);
  assert.match(readFileSync(join(copy, 'server', 'src', 'core', 'rules', 'task-definition', 'index.ts'), 'utf8'), /demoPortRange,\n\];/);
  assert.match(
    readFileSync(join(copy, 'README.md'), 'utf8'),
    /\| \[`demo-port-range`\]\(docs\/rules\/demo-port-range\.md\) \| Demo ports are below 1024 \|/,
  );

  const before = await catalogTest(copy);
  assert.notEqual(before.status, 0, before.output);
  assert.match(before.output, /demo-port-range\.test\.ts: the ruleTester table needs a valid and an invalid case/);
  assert.match(before.output, /'demo-port-range'/, 'the page lacks its examples');

  const table = readFileSync(testFile, 'utf8').replace(
    '  valid: [],\n  invalid: [],',
    "  valid: [{ name: 'port 80', json: { containerDefinitions: [{ name: 'a', portMappings: [{ containerPort: 80 }] }] } }],\n" +
      "  invalid: [{ name: 'port 8080', json: { containerDefinitions: [{ name: 'a', portMappings: [{ containerPort: 8080 }] }] }, findings: [{ path: ['containerDefinitions', 0, 'portMappings', 0, 'containerPort'] }] }],",
  );
  writeFileSync(testFile, table);
  const examples = readFileSync(page, 'utf8').replace(
    'Reported:\n\nAccepted:\n',
    'Reported:\n\n```json\n{ "name": "a", "portMappings": [{ "containerPort": 8080 }] }\n```\n\n' +
      'Accepted:\n\n```json\n{ "name": "a", "portMappings": [{ "containerPort": 80 }] }\n```\n',
  );
  writeFileSync(page, examples);

  const after = await catalogTest(copy);
  assert.equal(after.status, 0, after.output);
});

/** The command in this process (what `npm run new-rule` runs after starting tsx), on this repository. */
async function inProcess(...args: string[]) {
  let output = '';
  const status = await newRuleCommand(
    args,
    (text) => (output += text),
    (text) => (output += text),
  );
  return { status, output };
}

test('new-rule --dry-run names what it would write and writes nothing; a taken or malformed id is refused', async () => {
  const dry = await inProcess('iam-demo-check', '--dry-run');
  assert.equal(dry.status, 0, dry.output);
  assert.deepEqual(dry.output.trim().split('\n'), [
    'would create server/src/core/rules/iam/iam-demo-check.ts',
    'would update server/src/core/rules/iam/index.ts',
    'would create test/unit/rules/iam/iam-demo-check.test.ts',
    'would create docs/rules/iam-demo-check.md',
    'would update README.md (the rule table)',
  ]);
  assert.ok(!existsSync(join(root, 'docs', 'rules', 'iam-demo-check.md')));
  const taken = await inProcess('essential-container', '--dry-run');
  assert.equal(taken.status, 1);
  assert.match(taken.output, /essential-container\.ts exists already/);
  assert.match((await inProcess('Demo_Rule', '--dry-run')).output, /not a kebab-case rule id/);
});
