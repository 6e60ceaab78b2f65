// The HCL syntax tree (sources/terraform/hcl/): ranges that slice back to their text, string escapes, heredocs,
// templates, what a broken file still holds, and incremental parsing giving the same tree as a fresh parse.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { nodeAssets } from '../../../server/src/node/assets';
import { loadHclParser, parseHcl } from '../../../server/src/sources/terraform/hcl/parser';
import { quoteHcl, unescapeQuoted } from '../../../server/src/sources/terraform/hcl/strings';
import type { Expr, HclFile } from '../../../server/src/sources/terraform/hcl/syntax';
import { SHARED, skipWithoutShared } from '../../helpers/shared.mjs';

before(() =>
  loadHclParser(async () => ({
    runtime: await nodeAssets.asset('web-tree-sitter.wasm'),
    grammar: await nodeAssets.asset('tree-sitter-terraform.wasm'),
  })),
);

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);
const parse = (text: string): HclFile => parseHcl(text)!;

test('blocks, labels, attributes and braces, each with a range that slices back to its text', () => {
  const text = 'resource "aws_iam_role" "exec" {\n  name = "exec" # the role\n  tags = { team = "web" }\n}\n';
  const { body, errors } = parse(text);
  assert.deepEqual(errors, []);
  const [block] = body.blocks;
  assert.equal(block.type, 'resource');
  assert.deepEqual(
    block.labels.map((l) => [l.value, slice(text, l.range)]),
    [
      ['aws_iam_role', '"aws_iam_role"'],
      ['exec', '"exec"'],
    ],
  );
  assert.equal(slice(text, block.open!), '{');
  assert.equal(slice(text, block.close!), '}');
  assert.deepEqual(
    block.body.attributes.map((a) => [a.name, slice(text, a.nameRange), slice(text, a.expr.range)]),
    [
      ['name', 'name', '"exec"'],
      ['tags', 'tags', '{ team = "web" }'],
    ],
  );
});

test('strings: escapes read, `$${` is a literal `${`; quoteHcl writes them back', () => {
  const text = 'a = "tab\\there \\"q\\" \\u00e9 $${not} 100%%{x}"\n';
  const expr = parse(text).body.attributes[0].expr;
  assert.equal(expr.kind, 'string');
  assert.equal((expr as { value: string }).value, 'tab\there "q" é ${not} 100%{x}');
  assert.equal(
    unescapeQuoted(slice(text, (expr as { content: { start: number; end: number } }).content)),
    'tab\there "q" é ${not} 100%{x}',
  );
  assert.equal(quoteHcl('a "b" ${c}\n'), '"a \\"b\\" $${c}\\n"');
});

test('templates: literal parts from the text (spaces kept), interpolations and directives with their ranges', () => {
  const text = 'a = "  x-${var.env}-y  %{ if var.on }on%{ endif }"\n';
  const expr = parse(text).body.attributes[0].expr as Extract<Expr, { kind: 'template' }>;
  assert.equal(expr.kind, 'template');
  assert.deepEqual(
    expr.parts.map((p) => [p.kind, slice(text, p.range)]),
    [
      ['literal', '  x-'],
      ['interpolation', '${var.env}'],
      ['literal', '-y  '],
      ['directive', '%{ if var.on }on%{ endif }'],
    ],
  );
});

test('heredocs: the body from the line after the marker to the closing line; <<- marks indentation to strip', () => {
  const text = 'p = <<-EOF\n    {"a": ${var.x}}\n  EOF\nq = 1\n';
  const { body } = parse(text);
  const heredoc = body.attributes[0].expr as Extract<Expr, { kind: 'heredoc' }>;
  assert.equal(heredoc.kind, 'heredoc');
  assert.equal(heredoc.indented, true);
  assert.equal(slice(text, heredoc.body), '    {"a": ${var.x}}\n');
  assert.deepEqual(
    heredoc.parts.map((p) => p.kind),
    ['literal', 'interpolation', 'literal'],
  );
  assert.equal(body.attributes[1].name, 'q');
});

test('traversals: root and steps, indexes and splats', () => {
  const text = 'a = aws_iam_role.exec[0].arn\nb = data.x.y["k"].z\nc = aws_x.y[*].id\n';
  const [a, b, c] = parse(text).body.attributes.map((x) => x.expr);
  assert.deepEqual(a.kind === 'traversal' && [a.root, a.steps.map((s) => s.kind)], ['aws_iam_role', ['attr', 'index', 'attr']]);
  assert.deepEqual(b.kind === 'traversal' && b.steps.map((s) => (s.kind === 'attr' ? s.name : s.kind)), ['x', 'y', 'index', 'z']);
  assert.deepEqual(c.kind === 'traversal' && c.steps.map((s) => s.kind), ['attr', 'splat', 'attr']);
});

test('a broken file: the error, and every attribute and block that ends before it', () => {
  const text = 'resource "t" "a" {\n  x = 1\n}\nresource "t" "b" {\n  y = "open\n  z = 2\n';
  const file = parse(text);
  assert.ok(file.errors.length > 0);
  assert.deepEqual(
    file.body.blocks[0].body.attributes.map((a) => a.name),
    ['x'],
  );
  assert.ok(file.errors.some((e) => /quoted string must end on its line|syntax error/.test(e.message)));
});

/** Every .tf file of the corpus, edited at a few places: the incremental parse equals a fresh one. */
test(
  'incremental parsing gives the tree a fresh parse gives, on the corpus with edits',
  { skip: skipWithoutShared('corpus', 'terraform') },
  () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.tf')) files.push(full);
      }
    };
    walk(join(SHARED, 'corpus', 'terraform'));
    let edits = 0;
    for (const file of files) {
      let text = readFileSync(file, 'utf8');
      parseHcl(text, file);
      for (let k = 0; k < 4; k++) {
        const at = Math.floor((text.length * (k + 1)) / 5);
        text = k === 2 ? text.slice(0, at) + text.slice(at + 3) : text.slice(0, at) + ['x', '"', '', '\n  a = 1\n'][k] + text.slice(at);
        assert.equal(JSON.stringify(parseHcl(text, file)), JSON.stringify(parseHcl(text)), `${file} after edit ${k}`);
        edits++;
      }
    }
    assert.ok(edits > 800, `${edits} edits`);
  },
);
