// Model edits rendered as JSON text: a value is replaced in place, a new property or element follows the
// layout of its siblings, a removal takes one comma and nothing else, and edits see the ones before them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ModelEdit, append, insert, remove, rename, set } from '../../../server/src/core/model';
import { applyChanges } from '../../../server/src/service/edits';
import { documentOf } from '../../helpers/documents';

const run = (text: string, ...edits: ModelEdit[]) => {
  const changes = documentOf(text).edit(edits);
  assert.ok(changes, 'the edits can be rendered');
  return applyChanges(text, changes);
};

test('removing the first, a middle, the last and the only member of a one-line object', () => {
  const text = '{ "a": { "x": 1, "y": 2, "z": 3 }, "b": [{ "only": true }] }';
  assert.equal(run(text, remove(['a', 'x'])), '{ "a": { "y": 2, "z": 3 }, "b": [{ "only": true }] }');
  assert.equal(run(text, remove(['a', 'y'])), '{ "a": { "x": 1, "z": 3 }, "b": [{ "only": true }] }');
  assert.equal(run(text, remove(['a', 'z'])), '{ "a": { "x": 1, "y": 2 }, "b": [{ "only": true }] }');
  assert.equal(run(text, remove(['b', 0, 'only'])), '{ "a": { "x": 1, "y": 2, "z": 3 }, "b": [{}] }');
});

test('removing array elements and multi-line members keeps the layout', () => {
  assert.equal(run('["a", "b", "c"]', remove([1])), '["a", "c"]');
  assert.equal(run('["a", "b", "c"]', remove([0])), '["b", "c"]');
  const text = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n';
  assert.equal(run(text, remove(['b'])), '{\n  "a": 1,\n  "c": 3\n}\n');
  assert.equal(run(text, remove(['a'])), '{\n  "b": 2,\n  "c": 3\n}\n');
  assert.equal(run(text, remove(['c'])), '{\n  "a": 1,\n  "b": 2\n}\n');
  assert.equal(run('[\n  { "n": 1 },\n  { "n": 2 }\n]', remove([1])), '[\n  { "n": 1 }\n]');
});

test('removing what is not there changes nothing; sequential edits see each other', () => {
  assert.deepEqual(documentOf('{"a": 1}').edit([remove(['b'])]), []);
  assert.equal(run('{ "a": 1, "b": 2, "c": 3 }', remove(['a']), remove(['c'])), '{ "b": 2 }');
  assert.equal(run('{ "a": [1] }', append(['a'], 2), append(['a'], 3)), '{ "a": [1, 2, 3] }');
});

test('append follows the indentation of the last sibling, or stays inline', () => {
  const multi = '{\n    "a": [\n        1\n    ]\n}';
  assert.equal(run(multi, append(['a'], { k: 'v' })), '{\n    "a": [\n        1,\n        {\n            "k": "v"\n        }\n    ]\n}');
  assert.equal(run('{"a": [{ "k": 1 }]}', append(['a'], { k: 2 })), '{"a": [{ "k": 1 }, { "k": 2 }]}');
  assert.equal(run('{"a": []}', append(['a'], 5)), '{"a": [5]}');
  assert.equal(run('{"b": 1}', append(['a'], 5)), '{"b": 1, "a": [ 5 ]}', 'a missing array is created');
  assert.equal(documentOf('{"a": 1}').edit([append(['a'], 2)]), undefined, 'not an array: the edit cannot be made');
});

test('set replaces a value in place, or adds the property (and missing parents) after its siblings', () => {
  const multi = '{\n    "a": [\n        1\n    ]\n}';
  assert.equal(run(multi, set(['b'], [1])), '{\n    "a": [\n        1\n    ],\n    "b": [\n        1\n    ]\n}');
  assert.equal(run('{}', set(['x'], true)), '{"x": true}');
  assert.equal(
    run('{ "v": { "id": "fs-1", "mode": "DISABLED" } }', set(['v', 'mode'], 'ENABLED')),
    '{ "v": { "id": "fs-1", "mode": "ENABLED" } }',
  );
  assert.equal(run('{ "v": { "id": "fs-1" } }', set(['v', 'mode'], 'ENABLED')), '{ "v": { "id": "fs-1", "mode": "ENABLED" } }');
  assert.equal(run('{ "v": 1 }', set(['w', 'x', 'y'], 2)), '{ "v": 1, "w": { "x": { "y": 2 } } }');
  assert.equal(documentOf('{"a": 1}').edit([set(['a', 'b'], 2)]), undefined, 'a path through a scalar cannot be set');
});

test('tabs and CRLF are kept', () => {
  assert.equal(run('{\r\n\t"a": 1\r\n}', set(['c'], { b: 2 })), '{\r\n\t"a": 1,\r\n\t"c": {\r\n\t\t"b": 2\r\n\t}\r\n}');
});

test('insert puts a key at a position; rename keeps the value; a text edit is applied as given', () => {
  assert.equal(
    run('{\n  "Statement": []\n}', insert([], 'Version', '2012-10-17', 0)),
    '{\n  "Version": "2012-10-17",\n  "Statement": []\n}',
  );
  assert.equal(run('{ "a": { "b": 1 } }', rename(['a'], 'c')), '{ "c": { "b": 1 } }');
  assert.equal(run('{ "a": 1 }', { op: 'text', offset: 2, length: 3, newText: '"z"' }), '{ "z": 1 }');
});
