// The rule tester's own contract: each check it makes fails on a table that breaks it, and passes on one that keeps it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { set } from '../../server/src/core/model';
import type { Rule } from '../../server/src/core/rule';
import { type InvalidCase, checkInvalid, checkTable, checkValid } from '../helpers/ruleTester';

/** Reports every container whose name is "bad" (on the key, or on the value), with one fix that renames it. */
function namesRule(
  options: { target?: 'key' | 'value'; safe?: boolean; fixes?: number; mutate?: boolean; brokenFix?: boolean } = {},
): Rule {
  return {
    meta: { id: 'test-bad-name', title: 'No container is called "bad"', defaultSeverity: 'warning', appliesTo: ['task-definition'] },
    check({ subject, report }) {
      const task = subject.value as { containerDefinitions: { name: string }[] };
      task.containerDefinitions.forEach((c, i) => {
        if (c.name !== 'bad') return;
        if (options.mutate) c.name = 'seen';
        report({ path: ['containerDefinitions', i, 'name'], message: 'a bad name', target: options.target });
      });
    },
    fix({ path }) {
      const renames = Array.from({ length: options.fixes ?? 1 }, (_, k) => ({
        title: `Rename to "good${k}"`,
        edits: options.brokenFix ? [{ op: 'text' as const, offset: 0, length: 1, newText: '' }] : [set(path, `good${k}`)],
        safe: options.safe,
      }));
      return renames;
    },
  };
}

const task = (...names: string[]) => ({ family: 'web', containerDefinitions: names.map((name) => ({ name, image: 'nginx' })) });
const at = (i: number) => ['containerDefinitions', i, 'name'];
const renamed = (i: number, to: string, ...names: string[]) => task(...names.map((n, k) => (k === i ? to : n)));

function invalid(findings: InvalidCase['findings'], json = task('bad')): InvalidCase {
  return { name: 'case', json, findings };
}

test('a table that keeps the contract passes, with each finding and each of its fixes checked', () => {
  checkTable({
    valid: [{ name: 'good', json: task('good') }],
    invalid: [invalid([{ path: at(0), fix: { title: 'Rename to "good0"', output: task('good0') } }])],
  });
  checkValid(namesRule(), { name: 'good', json: task('good') });
  checkInvalid(
    namesRule({ fixes: 2, safe: true }),
    invalid(
      [
        {
          path: at(0),
          fixes: [{ title: 'Rename to "good0"', output: renamed(0, 'good0', 'bad', 'bad'), safe: true }, 'Rename to "good1"'],
        },
        { path: at(1), fixes: ['Rename to "good0"', { title: /good1/, output: renamed(1, 'good1', 'bad', 'bad'), safe: true }] },
      ],
      task('bad', 'bad'),
    ),
  );
  checkInvalid(namesRule({ target: 'key' }), invalid([{ path: at(0), target: 'key', fixes: ['Rename to "good0"'] }]));
});

test('an invalid case must list at least one finding', () => {
  assert.throws(() => checkInvalid(namesRule(), invalid([], task('good'))), /at least one finding/);
});

test('a table needs both kinds of case, and no case twice', () => {
  const ok = invalid([{ path: at(0), fixes: ['Rename to "good0"'] }]);
  assert.throws(() => checkTable({ valid: [], invalid: [ok] }), /no valid case/);
  assert.throws(() => checkTable({ valid: [{ name: 'good', json: task('good') }], invalid: [] }), /no invalid case/);
  assert.throws(
    () =>
      checkTable({
        valid: [
          { name: 'a', json: task('good') },
          { name: 'b', json: task('good') },
        ],
        invalid: [ok],
      }),
    /repeats an earlier case/,
  );
  assert.throws(() => checkTable({ valid: [{ name: 'case', json: task('good') }], invalid: [ok] }), /names used twice/);
  // The same json under another file name, or with other workspace files, is another input.
  checkTable({
    valid: [
      { name: 'a', json: task('good') },
      { name: 'b', json: task('good'), fileName: 'other.json' },
    ],
    invalid: [ok],
  });
});

test('fix: null asserts that no fix is offered; a finding offered fixes must state them', () => {
  assert.throws(() => checkInvalid(namesRule(), invalid([{ path: at(0), fix: null }])), /fix: null`, but it is offered fixes/);
  assert.throws(() => checkInvalid(namesRule(), invalid([{ path: at(0) }])), /is offered fixes: state them/);
  checkInvalid(namesRule({ fixes: 0 }), invalid([{ path: at(0), fix: null }]));
  checkInvalid(namesRule({ fixes: 0 }), invalid([{ path: at(0) }]));
  // `fix` is for the only fix: with several, each is listed in `fixes`.
  assert.throws(
    () => checkInvalid(namesRule({ fixes: 2 }), invalid([{ path: at(0), fix: { title: 'Rename to "good0"', output: task('good0') } }])),
    /offered 2 fixes .*: list them in `fixes`/,
  );
});

test('target and safe are part of the expected finding', () => {
  assert.throws(() => checkInvalid(namesRule({ target: 'key' }), invalid([{ path: at(0), fixes: ['Rename to "good0"'] }])), /findings/);
  assert.throws(
    () => checkInvalid(namesRule({ safe: true }), invalid([{ path: at(0), fix: { title: 'Rename to "good0"', output: task('good0') } }])),
    /whether Fix all applies/,
  );
  assert.throws(
    () => checkInvalid(namesRule(), invalid([{ path: at(0), fix: { title: 'Rename to "good0"', output: task('good0'), safe: true } }])),
    /whether Fix all applies/,
  );
});

test('the fix of every finding is checked, not only the first', () => {
  const wrongSecond = invalid(
    [
      { path: at(0), fix: { title: 'Rename to "good0"', output: renamed(0, 'good0', 'bad', 'bad') } },
      { path: at(1), fix: { title: 'Rename to "good0"', output: task('bad', 'bad') } },
    ],
    task('bad', 'bad'),
  );
  assert.throws(() => checkInvalid(namesRule(), wrongSecond), /finding 1 .*the text after/);
});

test('a fix that leaves the document unreadable fails, stated or not', () => {
  assert.throws(() => checkInvalid(namesRule({ brokenFix: true }), invalid([{ path: at(0), fixes: ['Rename to "good0"'] }])), /unreadable/);
});

test('a rule that changes the model it reads fails', () => {
  assert.throws(
    () => checkInvalid(namesRule({ mutate: true }), invalid([{ path: at(0), fixes: ['Rename to "good0"'] }])),
    /changed the model/,
  );
});
