// Reading a YAML template part by part (sources/cloudformation/yaml-parts.ts): whenever it reads a text by
// parts, the tree is the one a whole read gives (nodes, offsets, ends, duplicate keys, problems), whether the
// parts are read afresh or taken from an earlier version; texts it cannot read that way are read whole; and a
// document edited in the server gets the same model, findings and ranges as a fresh read of its new text.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/engine';
import { parseDocument } from '../../../server/src/sources';
import { type SyntaxTree, parseYaml } from '../../../server/src/sources/cloudformation/syntax';
import { type YamlParts, parseYamlByParts } from '../../../server/src/sources/cloudformation/yaml-parts';
import { SHARED, skipWithoutShared } from '../../helpers/shared.mjs';

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

/** The tree as plain data: duplicate entries by where their map and keys are. */
function plainTree(tree: SyntaxTree): string {
  const duplicates = tree.duplicates.map((d) => [d.map.start, d.map.end, d.earlier.keyNode.start, d.kept.keyNode.start]);
  return JSON.stringify({ root: tree.root, problems: tree.problems, duplicates });
}

/**
 * The whole read of `text`, as plain data. checkEdits reads each edited text by parts twice and the original
 * again after each edit: the whole read of a text is made once (it depends on the text alone).
 */
const wholeReads = new Map<string, string>();
function wholeTree(text: string): string {
  let tree = wholeReads.get(text);
  if (tree === undefined) {
    if (wholeReads.size >= 4) wholeReads.clear();
    wholeReads.set(text, (tree = plainTree(parseYaml(text))));
  }
  return tree;
}

/** Reads `text` by parts (from `previous` when given) and checks it against the whole read; the parts, or undefined. */
function same(text: string, previous?: YamlParts, label = ''): YamlParts | undefined {
  const byParts = parseYamlByParts(text, previous);
  if (!byParts) return undefined;
  assert.equal(plainTree(byParts.tree), wholeTree(text), `${label}\n${text}`);
  return byParts.parts;
}

const TEMPLATE = lines(
  "AWSTemplateFormatVersion: '2010-09-09'",
  '# parameters',
  'Parameters:',
  '  Env:',
  '    Type: String',
  '    AllowedValues: [dev, prod]',
  'Conditions:',
  '  IsProd: !Equals [!Ref Env, prod]',
  'Resources:',
  '  # the secret',
  '  Secret:',
  '    Type: AWS::SecretsManager::Secret',
  '    Properties:',
  '      Name: app/db # inline',
  '',
  '  TaskDef:',
  '    Type: AWS::ECS::TaskDefinition',
  '    Properties:',
  '      RequiresCompatibilities: [FARGATE]',
  '      NetworkMode: awsvpc',
  '      Cpu: !If [IsProd, 1024, 256]',
  '      Memory: !If [IsProd, 2048, 512]',
  '      ContainerDefinitions:',
  '        - Name: app',
  '          Image: nginx',
  '          Essential: true',
  '          Command:',
  '          - run',
  '          Secrets:',
  '            - Name: DB',
  '              ValueFrom: !Ref Secret',
  '  Script:',
  '    Type: AWS::SSM::Document',
  '    Properties:',
  '      Content: |+',
  '        echo hi',
  '',
  'Outputs:',
  '  Arn:',
  '    Value: !Ref TaskDef',
);

describe('a template read by parts is the template read whole', () => {
  test('a template people write takes the parts path, afresh and from its earlier version', () => {
    const parts = same(TEMPLATE);
    assert.ok(parts, 'read by parts');
    assert.ok(same(TEMPLATE.replace('app/db', 'app/database'), parts), 'an edit inside a resource');
    assert.ok(same(`# header\n\n${TEMPLATE}`, parts), 'every line moved down');
    assert.ok(same(TEMPLATE.replaceAll('\n', '\r\n')), 'CRLF');
    assert.ok(same(`---\n${TEMPLATE}`), 'a first --- line');
  });

  test('duplicate keys, at the top, among resources and inside one, in the order a whole read gives them', () => {
    const text = lines(
      'Resources:',
      '  A:',
      '    Type: AWS::SNS::Topic',
      '    Type: AWS::SQS::Queue',
      '  A:',
      '    Type: AWS::SNS::Topic',
      'Resources:',
      '  B:',
      '    Type: AWS::SNS::Topic',
    );
    const parts = same(text);
    assert.ok(parts);
    assert.ok(same(`\n\n${text}`, parts), 'moved: a part with duplicates is read again');
    assert.equal(parseYamlByParts(text, undefined)?.tree.duplicates.length, 3);
  });

  // Each of these is either read whole or read by parts with the same tree; the `yaml` package counts comments
  // into the ends of the nodes they follow, and these are the places where it does.
  const EDGES: [string, string][] = [
    [
      'a comment after a resource, deeper than its key',
      '  Script:\n    Type: X\n    Properties:\n      P: 1\n      # P2: 2\n  B:\n    Type: Y\n',
    ],
    ['a comment at the key column between resources', '  A:\n    Type: X\n  # about B\n  B:\n    Type: Y\n'],
    ['a comment at column 0 between resources', '  A:\n    Type: X\n# about B\n  B:\n    Type: Y\n'],
    ['comments at the end of the document', '  A:\n    Type: X\n  # end\n\n# really\n'],
    ['a comment after the last line', '  A:\n    Properties:\n      P: 1 # note\n'],
    ['an anchor and an alias across resources', '  A:\n    Properties: &shared\n      P: 1\n  B:\n    Properties: *shared\n'],
    ['a block scalar that keeps its blank lines', '  A:\n    Properties:\n      S: |+\n        x\n\n\n  B:\n    Type: Y\n'],
    ['an explicit key', '  A:\n    Type: X\n  ? B\n  : Type: Y\n'],
    ['a flow map over lines', '  A:\n    Properties: {P: 1,\n  Q: 2}\n'],
    ['a quoted scalar over lines', '  A:\n    Properties:\n      P: "one\n  two"\n'],
    ['a tab in an indentation', '  A:\n\tType: X\n'],
    ['a sequence under Resources', '  - A\n  - B\n'],
    ['a resource less indented than the first', '    A:\n      Type: X\n  B:\n    Type: Y\n'],
    ['a second document', '  A:\n    Type: X\n---\nOther: 1\n'],
  ];
  for (const [name, resources] of EDGES) {
    test(name, () => {
      const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`;
      same(text, undefined, name);
      same(text, same(TEMPLATE), name);
    });
  }

  test('a scalar line at the top level, a flow root, a directive: read whole', () => {
    for (const text of ['A: 1\nplain\n', '{A: 1}\n', '%YAML 1.2\n---\nA: 1\n', '\uFEFFA: 1\n', 'A: 1\rB: 2\n', '# only a comment\n']) {
      assert.equal(parseYamlByParts(text, undefined), undefined, JSON.stringify(text));
    }
  });
});

/** A seeded generator: the same edits every run. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

const INSERTED = ['', '# c', '  # c', '    # c', '      # c', '   ', '\t', '  X: 1', 'X: 1', '- a', '  - a', '---', 'Q: &a 1', '  Z: *a'];
const INSERTED_MORE = [
  '  R: "abc',
  'def"',
  '      S: |+',
  '        line',
  '  ? k',
  ': v',
  'Resources:',
  'Outputs: {}',
  '  P: [1,',
  '2]',
  '    K: v # c',
];

/** Line edits of `text` (insert, delete, copy a line, a character typed), each checked afresh and from `text`'s parts. */
function checkEdits(name: string, text: string, count: number, seed: number): void {
  const next = random(seed);
  const original = same(text, undefined, name);
  const inserted = [...INSERTED, ...INSERTED_MORE];
  for (let n = 0; n < count; n++) {
    const rows = text.split('\n');
    const at = next(rows.length);
    const op = next(4);
    if (op === 0) rows.splice(at, 0, inserted[next(inserted.length)]);
    else if (op === 1) rows.splice(at, 1);
    else if (op === 2) rows.splice(at, 0, rows[next(rows.length)]);
    else {
      const column = next(rows[at].length + 1);
      rows[at] = `${rows[at].slice(0, column)}${' :#-x"\''[next(7)]}${rows[at].slice(column)}`;
    }
    const edited = rows.join('\n');
    same(edited, undefined, `${name} edit ${n}`);
    const parts = same(edited, original, `${name} edit ${n}, from the original`);
    same(text, parts, `${name} edit ${n}, back`);
  }
}

describe('edits of templates, read by parts and whole', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures');
  const files = [
    'cloudformation/intrinsics.yaml',
    'services/template/correct.yaml',
    'services/template/intrinsics.yaml',
    'services/template/service.yaml',
    'execution-role/template-role/iam/roles.yaml',
  ];
  for (const file of files) test(file, () => checkEdits(file, readFileSync(join(fixtures, file), 'utf8'), 60, file.length));
  test('the template above', () => checkEdits('template', TEMPLATE, 200, 7));

  const skip = skipWithoutShared('corpus', 'cloudformation');
  test('the corpus templates', { skip }, () => {
    const dir = join(SHARED, 'corpus', 'cloudformation');
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)))
      checkEdits(file, readFileSync(join(dir, file), 'utf8'), 4, file.length);
  });
});

describe('a template edited in the server reads as a fresh copy of its text', () => {
  const URI = 'file:///ws/edited.yaml';
  let fresh = 0;
  /** Findings with their ranges, of `text` read after `before` under one URI, and of `text` alone. */
  function compare(before: string, text: string): void {
    parseDocument({ uri: URI, text: before });
    const edited = parseDocument({ uri: URI, text });
    const alone = parseDocument({ uri: `file:///ws/fresh-${++fresh}/edited.yaml`, text });
    const report = (document: typeof edited) =>
      analyze(document.model, { document: { uri: URI, fileName: document.fileName } }).findings.map((f) => ({
        rule: f.ruleId,
        message: f.message,
        path: f.path,
        variant: f.variant,
        at: document.locate(f.path, f.target),
      }));
    assert.deepEqual(JSON.parse(JSON.stringify(edited.model.subjects)), JSON.parse(JSON.stringify(alone.model.subjects)));
    assert.deepEqual(report(edited), report(alone));
  }

  test('an edit inside a resource', () => {
    const text = TEMPLATE.replace('Cpu: !If [IsProd, 1024, 256]', 'Cpu: !If [IsProd, 1024, 4096]');
    compare(TEMPLATE, text);
  });

  test('lines moved: findings move with them', () => {
    const broken = TEMPLATE.replace('Cpu: !If [IsProd, 1024, 256]', 'Cpu: 333');
    compare(broken, `# a\n# b\n${broken}`);
    compare(broken, broken.replace("AWSTemplateFormatVersion: '2010-09-09'", "AWSTemplateFormatVersion: '2010-09-09' # longer"));
  });

  test('Parameters and Conditions change every variant of an unchanged resource', () => {
    compare(TEMPLATE, TEMPLATE.replace('AllowedValues: [dev, prod]', 'AllowedValues: [dev]'));
    compare(TEMPLATE, TEMPLATE.replace('IsProd: !Equals [!Ref Env, prod]', 'IsProd: !Equals [!Ref Env, dev]'));
  });

  test('a resource another one names (!Ref, !Sub) changes under it', () => {
    compare(TEMPLATE, TEMPLATE.replace('Name: app/db # inline', 'Name: !Sub ${AWS::StackName}/db'));
    compare(TEMPLATE, TEMPLATE.replace('Type: AWS::SecretsManager::Secret', 'Type: AWS::SSM::Parameter'));
  });

  test('an anchor used across resources: read whole, the same', () => {
    const anchored = TEMPLATE.replace('    Properties:\n      Name: app/db', '    Properties: &props\n      Name: app/db').replace(
      '    Type: AWS::SSM::Document\n    Properties:',
      '    Type: AWS::SSM::Document\n    Metadata: *props\n    Properties:',
    );
    assert.equal(parseYamlByParts(anchored, undefined), undefined);
    compare(TEMPLATE, anchored);
    compare(anchored, TEMPLATE);
  });
});
