// The JSON source's one parse: vscode-json-languageservice's tree serves the model and the schema, for text
// jsonc-parser would accept (comments, trailing commas and keys written twice included); text with syntax
// errors is read by jsonc-parser, as before, and has no shared schema document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJson } from '../../../server/src/sources/json/parse';

test('text without syntax errors: one tree, the schema document is its own, the value as JSON.parse gives it', () => {
  const text = '{\n  // a comment\n  "family": "a",\n  "cpu": "256",\n  "family": "b",\n  "tags": [1, 2.5, true, null, "x",],\n}\n';
  const parsed = parseJson(text);
  assert.ok(parsed.schemaDocument);
  assert.equal(parsed.root, parsed.schemaDocument.root);
  assert.deepEqual(JSON.parse(JSON.stringify(parsed.value)), { family: 'b', cpu: '256', tags: [1, 2.5, true, null, 'x'] });
  assert.deepEqual(parsed.syntaxProblems, []);
  assert.deepEqual(
    parsed.duplicateKeys.map((d) => [d.key, d.earlierLine]),
    [['family', 3]],
  );
});

test('text with a syntax error: jsonc-parser reads it, no schema document is shared', () => {
  const parsed = parseJson('{ "family": "a" "cpu": "256" }');
  assert.equal(parsed.schemaDocument, undefined);
  assert.deepEqual(JSON.parse(JSON.stringify(parsed.value)), { family: 'a', cpu: '256' });
  assert.deepEqual(
    parsed.syntaxProblems.map((p) => [p.ruleId, p.message, p.offset]),
    [['json-syntax', 'JSON syntax error: comma expected', 16]],
  );
});

test('keys written twice are found whether or not the parser reports them ("//" it does not)', () => {
  assert.deepEqual(parseJson('{ "a": 1, "b": 2 }').duplicateKeys, []);
  assert.deepEqual(
    parseJson('{\n"//": "x",\n"//": "y",\n"a": {"b": 1,\n"b": 2}}').duplicateKeys.map((d) => [d.path, d.earlierLine]),
    [
      [['//'], 2],
      [['a', 'b'], 4],
    ],
  );
});
