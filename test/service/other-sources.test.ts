// The language service in-process, on what the source layer hands it: the syntax-error rule for every rule,
// messages and hovers with unknown markers described in the document's own terms, completions rendered by
// a non-JSON source, findings of a subject built from another file, and fixes whose edits a source cannot
// express. A stand-in "template" source wraps the JSON source and changes what a template source changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { unknownMarker } from '../../server/src/core/unknown';
import { CodeActionService } from '../../server/src/service/codeActions';
import { CompletionService } from '../../server/src/service/completion';
import { HoverService } from '../../server/src/service/hover';
import type { DocumentModel } from '../../server/src/service/models';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { Validation } from '../../server/src/service/validation';
import type { SourceDocument } from '../../server/src/sources';
import { jsonSource } from '../../server/src/sources/json';
import { positionOf } from '../helpers/positions';
import { fargateTask } from '../helpers/taskdefs';

const validate = (document: SourceDocument) =>
  new Validation().validate(
    TextDocument.create(document.uri, 'json', 1, document.text),
    { version: 1, document },
    { settings: DEFAULT_SETTINGS },
  );

/** A template source as the service sees one: another id, markers it can describe, its own rendering. */
function templateSource(text: string, overrides: Partial<SourceDocument> = {}): SourceDocument {
  const json = jsonSource.parse({ uri: 'file:///ws/template.yaml', text });
  return {
    source: 'cloudformation',
    uri: json.uri,
    fileName: json.fileName,
    text,
    model: json.model,
    syntaxProblems: json.syntaxProblems,
    locate: (path, target) => json.locate(path, target),
    edit: (edits) => json.edit(edits),
    cursor: (offset) => json.cursor(offset),
    render: (value) => (typeof value === 'string' ? `'${value}'` : undefined),
    // Ids hold no colons (core/unknown.ts); a real source keeps its own table from id to expression.
    describeUnknown: (id) => `\${${id.replace(/^Ref /, '').replace(/__/g, '::')}}`,
    ...overrides,
  };
}

test('nothing is judged where the text does not parse, whatever the rule', async () => {
  const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ${arns}}]}';
  assert.deepEqual(await validate(jsonSource.parse({ uri: 'file:///ws/p.json', text })), []);
  // The same finding on text that parses is reported.
  const parsed = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {}}]}';
  assert.deepEqual(
    (await validate(jsonSource.parse({ uri: 'file:///ws/p.json', text: parsed }))).map((d) => d.code),
    ['iam-policy-structure'],
  );
});

test('a message names an unknown value as the document writes it', async () => {
  const name = unknownMarker('Ref ContainerName');
  const logs = { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } };
  const text = JSON.stringify(fargateTask([{ name, image: 'nginx', logConfiguration: logs }]));
  const awslogs = (await validate(templateSource(text))).find((d) => d.code === 'awslogs-options');
  assert.match(String(awslogs?.message), /\(container "\$\{ContainerName\}"\)/);
});

test('what a source says an unknown value is, written in the document, reaches the message with its control characters escaped', async () => {
  const name = unknownMarker('Ref ContainerName');
  const logs = { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } };
  const text = JSON.stringify(fargateTask([{ name, image: 'nginx', logConfiguration: logs }]));
  // A parameter named with a terminal escape in it: the template's text, not ours.
  const hostile = templateSource(text, { describeUnknown: () => '${Name\u001b]0;PWNED\u0007}' });
  const awslogs = (await validate(hostile)).find((d) => d.code === 'awslogs-options');
  assert.match(String(awslogs?.message), /\(container "\$\{Name\\u001b\]0;PWNED\\u0007\}"\)/);
  assert.doesNotMatch(String(awslogs?.message), /[\u0000-\u001f]/);
});

test('hover text has its markers described too', async () => {
  const region = unknownMarker('Ref AWS::Region');
  const text = JSON.stringify(
    { ...fargateTask(), containerDefinitions: [{ name: 'a', image: `123456789012.dkr.ecr.${region}.amazonaws.com/web:1` }] },
    null,
    2,
  );
  const document = templateSource(text);
  const textDocument = TextDocument.create(document.uri, 'yaml', 1, text);
  const hover = await new HoverService().hover(
    textDocument,
    { version: 1, document },
    positionOf(text, '"123456789012', 3),
    DEFAULT_SETTINGS,
  );
  const markdown = (hover?.contents as { value: string } | undefined)?.value ?? '';
  assert.match(markdown, /Container image/);
  assert.ok(!markdown.includes('\uE000') && markdown.includes('${AWS::Region}'), markdown);
});

test('a non-JSON source renders completion values itself and leaves out what it cannot render', async () => {
  const text = JSON.stringify(fargateTask(undefined, { networkMode: 'bridge' }), null, 2);
  const document = templateSource(text);
  const textDocument = TextDocument.create(document.uri, 'yaml', 1, text);
  const list = await new CompletionService().complete(textDocument, { version: 1, document }, positionOf(text, '"bridge"', 2));
  const items = list?.items ?? [];
  assert.ok(items.length > 0);
  assert.deepEqual(
    items.map((i) => (i.textEdit as { newText: string }).newText),
    items.map((i) => `'${JSON.parse(i.label)}'`),
  );
  // Property entries carry their value as { key: value }; a source that cannot render one drops the entry.
  const policy = '{\n  "Statement": [\n    { "Effect": "Allow", "" }\n  ]\n}';
  const keys = await new CompletionService().complete(
    TextDocument.create('file:///ws/template.yaml', 'yaml', 1, policy),
    { version: 1, document: templateSource(policy) },
    positionOf(policy, '"" }', 1),
  );
  assert.deepEqual(keys?.items, []);
});

test('a finding located in another file is reported there, not here', async () => {
  const text = JSON.stringify(fargateTask(undefined, { networkMode: 'bridge' }));
  const elsewhere = templateSource(text, { locate: () => ({ uri: 'file:///ws/containers.json', offset: 0, length: 1 }) });
  assert.deepEqual(await validate(elsewhere), []);
  assert.ok((await validate(templateSource(text))).some((d) => d.code === 'fargate-network-mode'));
});

test('a fix whose edits the source cannot express is not offered', async () => {
  const text = JSON.stringify(fargateTask(undefined, { networkMode: 'bridge' }), null, 2);
  const diagnostics = await validate(templateSource(text));
  const model = (document: SourceDocument): DocumentModel => ({ version: 1, document });
  const textDocument = TextDocument.create('file:///ws/template.yaml', 'yaml', 1, text);
  const actions = async (document: SourceDocument) =>
    (await new CodeActionService().codeActions(textDocument, model(document), { diagnostics }, DEFAULT_SETTINGS, undefined)).map(
      (a) => a.title,
    );
  assert.deepEqual(await actions(templateSource(text)), ['Set networkMode to "awsvpc"']);
  assert.deepEqual(await actions(templateSource(text, { edit: () => undefined })), []);
});

test('task-definition-schema: an empty enumeration value is unset (as ecspresso writes it), any other value is still checked', async () => {
  const task = (extra: Record<string, unknown>, mapping: Record<string, unknown>) =>
    JSON.stringify(fargateTask([{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80, ...mapping }] }], extra), null, 2);
  const codes = async (text: string) =>
    (await validate(jsonSource.parse({ uri: 'file:///ws/ecs-task-def.json', text }))).filter((d) => d.code === 'task-definition-schema');
  assert.deepEqual(await codes(task({ pidMode: '', ipcMode: '' }, { appProtocol: '', protocol: '' })), []);
  const wrong = task({ pidMode: 'container' }, { protocol: 'http' });
  assert.deepEqual(
    (await codes(wrong)).map((d) => d.range.start.line),
    [wrong.split('\n').findIndex((l) => l.includes('"http"')), wrong.split('\n').findIndex((l) => l.includes('"container"'))].sort(),
  );
});
