// Removals touch only the removed member and one comma, so one-line objects stay on one line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFileEdits, sequentialEdits, setValue } from '../../server/src/core/edits';
import { parseJson } from '../../server/src/core/json';

const remove = (text: string, path: (string | number)[]) => applyFileEdits(text, setValue(parseJson(text), path, undefined));

test('removing the first, a middle, the last and the only member of a one-line object', () => {
  const text = '{ "a": { "x": 1, "y": 2, "z": 3 }, "b": [{ "only": true }] }';
  assert.equal(remove(text, ['a', 'x']), '{ "a": { "y": 2, "z": 3 }, "b": [{ "only": true }] }');
  assert.equal(remove(text, ['a', 'y']), '{ "a": { "x": 1, "z": 3 }, "b": [{ "only": true }] }');
  assert.equal(remove(text, ['a', 'z']), '{ "a": { "x": 1, "y": 2 }, "b": [{ "only": true }] }');
  assert.equal(remove(text, ['b', 0, 'only']), '{ "a": { "x": 1, "y": 2, "z": 3 }, "b": [{}] }');
});

test('removing array elements and multi-line members keeps the layout', () => {
  assert.equal(remove('["a", "b", "c"]', [1]), '["a", "c"]');
  assert.equal(remove('["a", "b", "c"]', [0]), '["b", "c"]');
  const text = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n';
  assert.equal(remove(text, ['b']), '{\n  "a": 1,\n  "c": 3\n}\n');
  assert.equal(remove(text, ['a']), '{\n  "b": 2,\n  "c": 3\n}\n');
  assert.equal(remove(text, ['c']), '{\n  "a": 1,\n  "b": 2\n}\n');
});

test('removing what is not there changes nothing; sequential removals see each other', () => {
  assert.deepEqual(setValue(parseJson('{"a": 1}'), ['b'], undefined), []);
  const text = '{ "a": 1, "b": 2, "c": 3 }';
  assert.equal(
    applyFileEdits(
      text,
      sequentialEdits(parseJson(text), [
        { path: ['a'], value: undefined },
        { path: ['c'], value: undefined },
      ]),
    ),
    '{ "b": 2 }',
  );
});
