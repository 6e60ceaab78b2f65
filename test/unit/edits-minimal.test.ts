// The minimal edits used by fixes that must not re-lay-out neighbouring lines: remove one element, append
// one element or property, set one property.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendElement, applyFileEdits, removeValue, setProperty } from '../../server/src/core/edits';
import { parseJson } from '../../server/src/core/json';

const run = (text: string, edit: (d: ReturnType<typeof parseJson>) => ReturnType<typeof removeValue>) =>
  applyFileEdits(text, edit(parseJson(text)));

test('removeValue takes the element and one comma, first, middle or last', () => {
  const text = '{"a": [1, 2, 3], "b": [{ "x": 1 }]}';
  assert.equal(
    run(text, (d) => removeValue(d, ['a', 0])),
    '{"a": [2, 3], "b": [{ "x": 1 }]}',
  );
  assert.equal(
    run(text, (d) => removeValue(d, ['a', 1])),
    '{"a": [1, 3], "b": [{ "x": 1 }]}',
  );
  assert.equal(
    run(text, (d) => removeValue(d, ['a', 2])),
    '{"a": [1, 2], "b": [{ "x": 1 }]}',
  );
  assert.equal(
    run(text, (d) => removeValue(d, ['b', 0])),
    '{"a": [1, 2, 3], "b": []}',
  );
  assert.equal(
    run(text, (d) => removeValue(d, ['b'])),
    '{"a": [1, 2, 3]}',
  );
  assert.deepEqual(removeValue(parseJson(text), ['zzz']), []);
});

test('removeValue on one line of a multi-line array leaves the other lines alone', () => {
  const text = '[\n  { "n": 1 },\n  { "n": 2 }\n]';
  assert.equal(
    run(text, (d) => removeValue(d, [1])),
    '[\n  { "n": 1 }\n]',
  );
});

test('appendElement follows the indentation of the last sibling, or stays inline', () => {
  const multi = '{\n    "a": [\n        1\n    ]\n}';
  assert.equal(
    run(multi, (d) => appendElement(d, ['a'], { k: 'v' })),
    '{\n    "a": [\n        1,\n        {\n            "k": "v"\n        }\n    ]\n}',
  );
  assert.equal(
    run(multi, (d) => appendElement(d, [], [1], 'b')),
    '{\n    "a": [\n        1\n    ],\n    "b": [\n        1\n    ]\n}',
  );
  const inline = '{"a": [{ "k": 1 }]}';
  assert.equal(
    run(inline, (d) => appendElement(d, ['a'], { k: 2 })),
    '{"a": [{ "k": 1 }, { "k": 2 }]}',
  );
  assert.equal(
    run('{"a": []}', (d) => appendElement(d, ['a'], 5)),
    '{"a": [5]}',
  );
  assert.equal(
    run('{}', (d) => appendElement(d, [], true, 'x')),
    '{"x": true}',
  );
  assert.deepEqual(appendElement(parseJson('{"a": 1}'), ['a'], 2), [], 'not an array');
});

test('appendElement keeps tabs and CRLF', () => {
  const text = '{\r\n\t"a": 1\r\n}';
  assert.equal(
    run(text, (d) => appendElement(d, [], { b: 2 }, 'c')),
    '{\r\n\t"a": 1,\r\n\t"c": {\r\n\t\t"b": 2\r\n\t}\r\n}',
  );
});

test('setProperty replaces a value in place or appends the property', () => {
  const text = '{ "v": { "id": "fs-1", "mode": "DISABLED" } }';
  assert.equal(
    run(text, (d) => setProperty(d, ['v'], 'mode', 'ENABLED')),
    '{ "v": { "id": "fs-1", "mode": "ENABLED" } }',
  );
  assert.equal(
    run('{ "v": { "id": "fs-1" } }', (d) => setProperty(d, ['v'], 'mode', 'ENABLED')),
    '{ "v": { "id": "fs-1", "mode": "ENABLED" } }',
  );
});
