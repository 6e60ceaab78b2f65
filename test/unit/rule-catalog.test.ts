// Every rule is documented, tested and listed: ids are the contract with users, so they are checked here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { allRules } from '../../server/src/core/rules';
import { allRuleMetas } from '../../server/src/core/rules/meta';
import ts from 'typescript';
import { withRuleTable } from '../../scripts/rule-table';
import { docBlocks } from '../helpers/docExamples';

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

test('every rule is one file core/rules/<area>/<id>.ts, with a table-driven test in test/unit/rules/<area>/<id>.test.ts', () => {
  const rulesDir = join(root, 'server', 'src', 'core', 'rules');
  // Rule files: everything in an area folder but its index.ts and helpers, whose names start with "_".
  const ruleFiles = filesUnder(rulesDir)
    .map((f) => relative(rulesDir, f).split(sep))
    .filter((parts) => parts.length === 2 && parts[1] !== 'index.ts' && !parts[1].startsWith('_'));
  const ids = allRules.map((r) => r.meta.id);
  assert.deepEqual(
    ruleFiles.map(([, file]) => file.replace(/\.ts$/, '')).sort(),
    [...ids].sort(),
    'one file per registered rule, named by its id',
  );
  for (const [area, file] of ruleFiles) {
    const id = file.replace(/\.ts$/, '');
    const testFile = join(root, 'test', 'unit', 'rules', area, `${id}.test.ts`);
    assert.ok(existsSync(testFile), `missing test/unit/rules/${area}/${id}.test.ts`);
    const text = readFileSync(testFile, 'utf8');
    assert.ok(
      text.includes('ruleTester(') && text.includes(`from '../../../../server/src/core/rules/${area}/${id}'`),
      `${testFile} must run ruleTester on ${id}`,
    );
    const table = ruleTable(testFile, text);
    assert.ok(
      table.valid > 0 && table.invalid > 0,
      `test/unit/rules/${area}/${id}.test.ts: the ruleTester table needs a valid and an invalid case`,
    );
  }
});

/** How many cases the ruleTester call of a test file lists (a table built by code counts as one). */
function ruleTable(fileName: string, text: string): { valid: number; invalid: number } {
  const counts = { valid: 0, invalid: 0 };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText() === 'ruleTester' && node.arguments[1]) {
      const table = node.arguments[1];
      if (!ts.isObjectLiteralExpression(table)) return void Object.assign(counts, { valid: 1, invalid: 1 });
      for (const property of table.properties) {
        const name = property.name?.getText() as keyof typeof counts | undefined;
        if (name !== 'valid' && name !== 'invalid') continue;
        const value = ts.isPropertyAssignment(property) ? property.initializer : undefined;
        counts[name] = value && ts.isArrayLiteralExpression(value) ? value.elements.length : 1;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return counts;
}

/**
 * Rules whose smallest reported input is kilobytes long: their pages describe the examples in words, and
 * their test tables build them.
 */
const EXAMPLES_IN_WORDS = new Set(['iam-policy-size', 'task-definition-size']);

test('every rule page shows a reported and an accepted example (run by docs-examples.test.ts)', () => {
  const missing = allRules
    .map((r) => r.meta.id)
    .filter((id) => !EXAMPLES_IN_WORDS.has(id))
    .filter((id) => {
      const verdicts = new Set(docBlocks(id).map((b) => b.verdict));
      return !verdicts.has('reported') || !verdicts.has('accepted');
    });
  assert.deepEqual(missing, [], 'add a fenced block under "Reported:" and one under "Accepted:" to the "Examples" section');
});

test('meta.fixable says whether the rule has a fix', () => {
  const wrong = allRules
    .filter((r) => !!r.meta.fixable !== !!r.fix)
    .map((r) => `${r.meta.id}: fixable ${!!r.meta.fixable}, fix ${!!r.fix}`);
  assert.deepEqual(wrong, []);
});

const factsDir = join(root, 'server', 'src', 'core', 'facts');
const factsFiles = readdirSync(factsDir).filter((f) => f.endsWith('.json'));

test('every facts file says what it holds, where it comes from (public sources only) and when it was checked', () => {
  assert.ok(factsFiles.length > 0);
  for (const file of factsFiles) {
    const facts = JSON.parse(readFileSync(join(factsDir, file), 'utf8')) as { about?: unknown; sources?: unknown; checked?: unknown };
    assert.ok(typeof facts.about === 'string' && facts.about.trim().length > 0, `${file}: "about" says what the file holds`);
    assert.ok(
      Array.isArray(facts.sources) && facts.sources.length > 0 && facts.sources.every((s) => typeof s === 'string' && s.trim() !== ''),
      `${file}: "sources" lists where the facts come from`,
    );
    assert.match(
      String(facts.checked),
      /^\d{4}-\d{2}-\d{2}$/,
      `${file}: "checked" is the date the facts were last compared with their sources`,
    );
    for (const source of facts.sources as string[]) {
      // A reader of the repository must be able to follow every source: a public page, package or
      // repository, or a file of this project; never a path outside it or the team's own notes.
      assert.doesNotMatch(
        source,
        /(^|[\s(])(\.\.\/|\/work\/|\/home\/|~\/|file:)|research\/|[a-z]+-facts\.md/i,
        `${file}: "${source}" is not a public source`,
      );
    }
  }
});

test('every facts file is read by one module, outside the rules', () => {
  const modules = filesUnder(join(root, 'server', 'src')).filter((f) => f.endsWith('.ts'));
  const readers = new Map(factsFiles.map((f) => [f, [] as string[]]));
  for (const module of modules) {
    for (const match of readFileSync(module, 'utf8').matchAll(/from '[./]*\/facts\/([\w-]+\.json)'/g)) {
      readers.get(match[1])?.push(relative(root, module));
    }
  }
  for (const [file, by] of readers) {
    assert.equal(by.length, 1, `facts/${file} is read by ${by.length} modules (${by.join(', ')}): give it one accessor module`);
    assert.ok(!by[0].includes(`${sep}rules${sep}`), `facts/${file} is read by a rule (${by[0]}): read it through its accessor module`);
  }
});

test('the README rule table is up to date (npm run docs:rules)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(readme, withRuleTable(readme));
});
