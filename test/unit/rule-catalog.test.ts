// Every rule is documented, tested and listed: ids are the contract with users, so they are checked here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allRules } from '../../server/src/core/rules';
import { allRuleMetas } from '../../server/src/core/rules/meta';
import { withRuleTable } from '../../scripts/rule-table';

const root = join(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

test('rule ids are unique kebab-case', () => {
  const ids = allRuleMetas.map((m) => m.id);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('every rule has a docs page that names it', () => {
  for (const meta of allRuleMetas) {
    const page = join(root, 'docs', 'rules', `${meta.id}.md`);
    assert.ok(existsSync(page), `missing docs/rules/${meta.id}.md`);
    assert.ok(readFileSync(page, 'utf8').startsWith(`# ${meta.id}`), `docs/rules/${meta.id}.md must start with "# ${meta.id}"`);
  }
});

test('every rule has a table-driven test file', () => {
  const tests = filesUnder(join(root, 'test', 'unit', 'rules')).map((f) => readFileSync(f, 'utf8'));
  for (const rule of allRules) {
    const name = rule.meta.id;
    assert.ok(
      tests.some((t) => t.includes(`ruleTester(`) && new RegExp(`from '[^']*/${name}'`).test(t)),
      `no ruleTester test imports the rule ${name}`,
    );
  }
});

test('the README rule table is up to date (npm run docs:rules)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(readme, withRuleTable(readme));
});
