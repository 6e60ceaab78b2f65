// FargateLintLanguageService in-process, on TextDocuments, as the server and the CLI call it: what a document
// gets (diagnostics, hover, completion, code actions, Fix all, code lenses, prices), how often it is parsed,
// and what happens without a workspace or with a document it does not analyse. What only the server does
// (the protocol, the workspace scan, pushing and refreshing diagnostics) is in test/lsp.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { positionOf } from '../helpers/positions';
import { editsFor } from '../helpers/quickFixes';
import { ServiceTestClient } from '../helpers/serviceClient';

const ECR_IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1';
const TASK = `${JSON.stringify(
  {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'bridge',
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    containerDefinitions: [
      { name: 'app', image: ECR_IMAGE, portMappings: [{ containerPort: 80, hostPort: 8080 }], user: '1000', readonlyRootFilesystem: true },
    ],
    ephemeralStorage: { sizeInGiB: 20 },
  },
  null,
  2,
)}\n`;
const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "*" }]
}
`;

test('a task definition: its diagnostics, then Fix all applies every safe fix, each on the text the last one left', async () => {
  const service = new FargateLintLanguageService();
  const document = TextDocument.create('file:///ws/task-definition.json', 'json', 1, TASK);
  assert.deepEqual(
    (await service.validate(document, DEFAULT_SETTINGS)).map((d) => d.code),
    ['fargate-network-mode', 'awsvpc-host-port', 'fargate-ephemeral-storage', 'execution-role-not-in-workspace'],
  );
  const fixed = TextDocument.applyEdits(document, service.fixAll(document, DEFAULT_SETTINGS));
  assert.equal(
    fixed,
    TASK.replace('"bridge"', '"awsvpc"')
      .replace('"hostPort": 8080', '"hostPort": 80')
      .replace(',\n  "ephemeralStorage": {\n    "sizeInGiB": 20\n  }', ''),
  );
  const after = TextDocument.create(document.uri, 'json', 2, fixed);
  assert.deepEqual(
    (await service.validate(after, DEFAULT_SETTINGS)).map((d) => d.code),
    ['execution-role-not-in-workspace'],
    'the hint has a fix, but writing a policy file is not for Fix all',
  );
});

test('Fix all right after a validation (whose findings its first round takes) edits what Fix all alone does: any preset, a changed workspace', async () => {
  const uri = 'file:///ws/task-definition.json';
  const strict = { ...DEFAULT_SETTINGS, preset: 'strict' as const };
  const fixAll = async (validateFirst: boolean, settings = DEFAULT_SETTINGS, change?: (workspace: WorkspaceIndex) => void) => {
    const workspace = new WorkspaceIndex(['file:///ws']);
    workspace.set(uri, TASK, 'json');
    const service = new FargateLintLanguageService({ workspace });
    const document = TextDocument.create(uri, 'json', 1, TASK);
    if (validateFirst) await service.validate(document, settings);
    change?.(workspace);
    return TextDocument.applyEdits(document, service.fixAll(document, settings));
  };
  const alone = await fixAll(false);
  assert.ok(alone.includes('"awsvpc"'));
  assert.equal(await fixAll(true), alone);
  assert.equal(await fixAll(true, strict), alone);
  assert.equal(await fixAll(false, strict), alone);
  assert.equal(await fixAll(true, DEFAULT_SETTINGS, (workspace) => workspace.set('file:///ws/policy.json', POLICY, 'json')), alone);
});

test('one parse per document version, whatever is asked, shared with the index; a new version, or forget() of a text the index no longer holds, parses again', async () => {
  const client = await ServiceTestClient.start();
  const uri = 'file:///ws/policy.json';
  await client.open(uri, POLICY);
  const parsed = () => client.service.document(client.document(uri));
  const first = parsed();
  await client.diagnostics(uri);
  await client.hover(uri, positionOf(POLICY, 'ecr:Batch', 1));
  await client.completion(uri, positionOf(POLICY, '"Allow"', 1));
  await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []);
  assert.equal(parsed(), first);
  await client.change(uri, POLICY.replace('BatchGetImage', 'GetAuthorizationToken'));
  assert.notEqual(parsed(), first);
  const second = parsed();
  assert.equal(client.workspace.file(uri), second, 'the index took the parse of the service');
  client.service.forget(uri);
  assert.equal(parsed(), second, 'the index still holds this text: its parse is used, not repeated');
  client.workspace.delete(uri);
  client.service.forget(uri);
  assert.notEqual(parsed(), second);
  assert.deepEqual(parsed().model, second.model);
  await client.shutdown();
  // Without an index holding the text, forget() parses again.
  const service = new FargateLintLanguageService();
  const textDocument = TextDocument.create(uri, 'json', 1, POLICY);
  const alone = service.document(textDocument);
  assert.equal(service.document(textDocument), alone);
  service.forget(uri);
  assert.notEqual(service.document(textDocument), alone);
  assert.deepEqual(service.document(textDocument).model, alone.model);
});

test('hover, completion and a quick fix on a policy, read from the IAM data in node_modules', async () => {
  const client = await ServiceTestClient.start();
  await client.open('file:///ws/iam/valid.json', POLICY);
  const hover = await client.hover('file:///ws/iam/valid.json', positionOf(POLICY, 'ecr:Batch', 5));
  assert.match((hover?.contents as { value: string }).value, /ecr:BatchGetImage/);
  const uri = 'file:///ws/iam/policy.json';
  const text = POLICY.replace('ecr:BatchGetImage', 'ecr:BatchGetImages');
  await client.open(uri, text);
  const effects = await client.completion(uri, positionOf(text, '"Allow"', 1));
  assert.deepEqual(
    effects.map((i) => i.label),
    ['"Allow"', '"Deny"'],
  );
  assert.equal(await client.applyFix(uri, 'iam-invalid-action', 'Change to "ecr:BatchGetImage"'), POLICY);
  assert.deepEqual(await client.diagnostics(uri), []);
  await client.shutdown();
});

test('prices for the CLI: one per task definition, none when prices are off', () => {
  const service = new FargateLintLanguageService();
  const document = TextDocument.create('file:///ws/task-definition.json', 'json', 1, TASK);
  assert.deepEqual(
    service.costs(document, DEFAULT_SETTINGS).map((c) => [c.name, c.pricing.cost?.monthly, c.pricing.cost?.context.region]),
    [['web', 9.01, 'us-east-1']],
  );
  assert.deepEqual(service.costs(document, { ...DEFAULT_SETTINGS, cost: { enabled: false, codeLens: true } }), []);
});

const NO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

test('a document too large or not text is not analysed: only file-skipped is reported; nothing is hovered, completed or priced', async () => {
  const service = new FargateLintLanguageService();
  const large = TASK.replace('"family": "web"', `"family": "web", "padding": "${'x'.repeat(8 * 1024 * 1024)}"`);
  const binary = `\u0000${TASK}`;
  for (const [name, text] of [
    ['large', large],
    ['binary', binary],
  ]) {
    const document = TextDocument.create(`file:///ws/${name}/task-definition.json`, 'json', 1, text);
    assert.equal(service.classify(document).kind, 'unknown', name);
    // It says so (file-skipped) rather than look clean.
    assert.deepEqual(
      (await service.validate(document, DEFAULT_SETTINGS)).map((d) => [d.code, d.message, d.range]),
      [['file-skipped', `Skipped: the file is ${name === 'large' ? 'larger than 4 MB' : 'not a text file'}.`, NO_RANGE]],
      name,
    );
    assert.equal(await service.hover(document, positionOf(text, '"memory"', 2), DEFAULT_SETTINGS), null, name);
    assert.equal((await service.complete(document, positionOf(text, '"512"', 1)))?.items.length ?? 0, 0, name);
    assert.deepEqual(service.codeLenses(document, DEFAULT_SETTINGS), [], name);
    assert.deepEqual(service.costs(document, DEFAULT_SETTINGS), [], name);
  }
});

test('with the workspace, the execution role is looked up across files; a fix edits the policy file next to the task', async () => {
  const client = await ServiceTestClient.start();
  const policyUri = 'file:///ws/iam/exec-policy.json';
  await client.open('file:///ws/fargate-lint.json', JSON.stringify({ roles: { exec: { policies: ['iam/exec-policy.json'] } } }));
  await client.open(policyUri, POLICY);
  const uri = 'file:///ws/task-definition.json';
  await client.open(uri, TASK);
  const missing = (await client.diagnostics(uri)).filter((d) => d.code === 'execution-role-permission');
  assert.deepEqual(
    missing.map((d) => d.message),
    [
      'execution role exec lacks ecr:GetAuthorizationToken on *; ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer on arn:aws:ecr:eu-west-1:123456789012:repository/web (needed to pull the image of container app from ECR repository web)',
    ],
  );
  const [action] = await client.codeActions(uri, missing[0].range, missing);
  assert.match(
    action.title,
    /^Add ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer to the policy of role exec/,
  );
  const changes = action.edit?.documentChanges ?? [];
  assert.deepEqual(
    changes.map((c) => ('textDocument' in c ? c.textDocument : c)),
    [{ uri: policyUri, version: 1 }],
    'the fix edits the open policy file at its version, not the task definition',
  );
  const policy = JSON.parse(TextDocument.applyEdits(TextDocument.create(policyUri, 'json', 1, POLICY), editsFor(action.edit!, policyUri)));
  assert.deepEqual(
    policy.Statement.map((s: { Action: unknown }) => s.Action),
    ['ecr:BatchGetImage', 'ecr:GetAuthorizationToken', ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer']],
  );
  await client.shutdown();
});

test("the schema's checks read the same parse as the rules, of the version asked for: a type error fixed, then written again", async () => {
  const client = await ServiceTestClient.start();
  const uri = 'file:///ws/task-definition.json';
  const wrong = TASK.replace('"cpu": "256"', '"cpu": ["256"]');
  const schemaCodes = async () => (await client.diagnostics(uri)).filter((d) => d.code === 'task-definition-schema').length;
  await client.open(uri, wrong);
  const parsed = client.service.document(client.document(uri)) as { schemaDocument?: unknown };
  assert.ok(parsed.schemaDocument, 'a text without syntax errors keeps the schema document of its one parse');
  assert.equal(await schemaCodes(), 1);
  await client.change(uri, TASK);
  assert.equal(await schemaCodes(), 0);
  await client.change(uri, wrong);
  assert.equal(await schemaCodes(), 1);
  await client.shutdown();
});

test('execution-role requirements, evaluations and results kept between versions are those of the current texts: a grant added and taken away (with the task definition edited, and not), an image moved out of ECR and back', async () => {
  const client = await ServiceTestClient.start();
  const task = 'file:///ws/task-definition.json';
  const policy = 'file:///ws/iam/execution-role.json';
  const role = (actions: string[]) =>
    JSON.stringify({
      RoleName: 'exec',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        { PolicyName: 'pull', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } },
      ],
    });
  const pull = ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
  const missing = async () =>
    (await client.diagnostics(task))
      .filter((d) => d.code === 'execution-role-permission')
      .map((d) => String(d.message).match(/ecr:\w+/g) ?? []);
  await client.open(policy, role(pull.slice(0, 1)));
  await client.open(task, TASK);
  const before = await missing();
  assert.ok(before.length > 0, 'only GetAuthorizationToken granted: the pull permissions are missing');
  await client.change(policy, role(pull));
  await client.change(task, TASK.replace('"family": "web"', '"family": "web2"'));
  assert.deepEqual(await missing(), []);
  await client.change(policy, role(pull.slice(0, 1)));
  await client.change(task, TASK);
  assert.deepEqual(await missing(), before);
  // The role file alone changes: the task definition's version is the same, its results are not.
  await client.change(policy, role(pull));
  assert.deepEqual(await missing(), []);
  await client.change(policy, role(pull.slice(0, 1)));
  assert.deepEqual(await missing(), before);
  // The requirements are kept by the content of the fields they come from: an image out of ECR needs no pull.
  await client.change(task, TASK.replace(ECR_IMAGE, 'nginx:1.27'));
  assert.deepEqual(await missing(), []);
  await client.change(task, TASK);
  assert.deepEqual(await missing(), before);
  await client.shutdown();
});

test("the trust policy's evaluation kept between versions is that of the role file's current text: a principal mistyped, then put right", async () => {
  const client = await ServiceTestClient.start();
  const task = 'file:///ws/task-definition.json';
  const roleFile = 'file:///ws/iam/execution-role.json';
  const role = (service: string) =>
    JSON.stringify({
      RoleName: 'exec',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      },
      Policies: [],
    });
  const trust = async () => (await client.diagnostics(task)).filter((d) => d.code === 'execution-role-trust').map((d) => String(d.message));
  await client.open(roleFile, role('ecs-tasks.amazonaws.com'));
  await client.open(task, TASK);
  assert.deepEqual(await trust(), []);
  await client.change(roleFile, role('ecs.amazonaws.com'));
  await client.change(task, TASK.replace('"family": "web"', '"family": "web2"'));
  assert.match((await trust())[0] ?? '', /it trusts ecs\.amazonaws\.com instead/);
  await client.change(roleFile, role('ecs-tasks.amazonaws.com'));
  assert.deepEqual(await trust(), []);
  await client.shutdown();
});

test('compactDocuments: a document out of the 8 last used keeps its model (in the index), and its trees are made again of its own text when asked for', async () => {
  const workspace = new WorkspaceIndex(['file:///ws']);
  const service = new FargateLintLanguageService({ workspace, compactDocuments: true });
  const open = (uri: string, text: string) => {
    workspace.set(uri, text, 'json');
    return TextDocument.create(uri, 'json', 1, text);
  };
  const first = open('file:///ws/task-definition.json', TASK);
  const diagnostics = await service.validate(first, DEFAULT_SETTINGS);
  const document = service.document(first);
  const hover = await service.hover(first, positionOf(TASK, '"bridge"', 2), DEFAULT_SETTINGS);
  assert.ok((document as unknown as { tree?: unknown }).tree);
  // Other documents, not in the index (a file added to the folder may be read by the first one's source, which then parses it again).
  for (let i = 0; i < 8; i++) await service.validate(TextDocument.create(`file:///other/p${i}.json`, 'json', 1, POLICY), DEFAULT_SETTINGS);
  assert.equal((document as unknown as { tree?: unknown }).tree, undefined, 'evicted: its trees were let go');
  assert.equal(service.document(first), document, "the index's parse, not a new one");
  assert.deepEqual(await service.hover(first, positionOf(TASK, '"bridge"', 2), DEFAULT_SETTINGS), hover);
  assert.deepEqual(await service.validate(first, DEFAULT_SETTINGS), diagnostics);
  assert.ok(TextDocument.applyEdits(first, service.fixAll(first, DEFAULT_SETTINGS)).includes('"awsvpc"'));
});

test('a compacting index: a file first parsed while every file is looked through lets its trees go, and still locates what is in it', () => {
  const workspace = new WorkspaceIndex(['file:///ws'], true);
  workspace.set('file:///ws/policy.json', POLICY, 'json');
  const [document] = [...workspace.files()];
  assert.equal((document as unknown as { tree?: unknown }).tree, undefined);
  const location = document.locate(['Statement', 0, 'Action'], 'value');
  assert.equal(POLICY.slice(location!.offset, location!.offset + location!.length), '"ecr:BatchGetImage"');
  const named = new WorkspaceIndex(['file:///ws'], true);
  named.set('file:///ws/policy.json', POLICY, 'json');
  assert.ok((named.file('file:///ws/policy.json') as unknown as { tree?: unknown }).tree, 'asked for by name: kept');
});
