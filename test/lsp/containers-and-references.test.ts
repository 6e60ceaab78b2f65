// Protocol tests for the general task-definition rules: each quick fix applied through the built server
// (text after the edit, diagnostic gone, exact ranges), and completion of the in-file references.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { generalTaskDefinitionRules } from '../../server/src/core/rules/task-definition';
import { LspTestClient, positionOf } from '../helpers/lspClient';

const TASK = `{
  "family": "web",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::123456789012:role/web-exec",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1",
      "essential": false,
      "user": "1000",
      "readonlyRootFilesystem": true,
      "environment": [
        { "name": "NODE_ENV", "value": "production" },
        { "name": "DB_PASSWORD", "value": "hunter2-prod" }
      ],
      "mountPoints": [{ "sourceVolume": "shared", "containerPath": "/data" }],
      "dependsOn": [{ "containerName": "init", "condition": "SUCCESS" }]
    },
    {
      "name": "init",
      "image": "busybox",
      "essential": false,
      "user": "1000",
      "readonlyRootFilesystem": true,
      "volumesFrom": [{ "sourceContainer": "app" }]
    }
  ],
  "volumes": [
    { "name": "shared", "efsVolumeConfiguration": { "fileSystemId": "fs-12345678" } },
    { "name": "scratch" }
  ]
}
`;

/** The findings of the rules under test (other rules, such as cross-file checks, may add their own). */
const OURS = new Set(generalTaskDefinitionRules.map((r) => r.meta.id));
const ours = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => OURS.has(String(d.code)));
const codes = (diagnostics: Diagnostic[]) => ours(diagnostics).map((d) => d.code);

describe('general task-definition rules over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.shutdown());

  test('the file gets exactly the three findings, each on its key or value', async () => {
    const uri = 'file:///ws/rules/task-definition.json';
    await client.open(uri, TASK);
    const diagnostics = ours(await client.diagnostics(uri));
    assert.deepEqual(
      diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range })),
      [
        { code: 'essential-container', severity: 1, range: { start: { line: 7, character: 2 }, end: { line: 7, character: 24 } } },
        { code: 'secret-in-environment', severity: 2, range: { start: { line: 16, character: 42 }, end: { line: 16, character: 56 } } },
        { code: 'efs-transit-encryption', severity: 2, range: { start: { line: 31, character: 24 }, end: { line: 31, character: 48 } } },
      ],
    );
    assert.equal(
      diagnostics[1].codeDescription?.href,
      'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/secret-in-environment.md',
    );
  });

  test('essential-container: the fix makes the first container essential and the diagnostic goes away', async () => {
    const uri = 'file:///ws/rules-essential/task-definition.json';
    await client.open(uri, TASK);
    const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === 'essential-container')!;
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [['Make "app" essential', 'quickfix', true]],
    );
    const text = await client.applyEdit(uri, actions[0].edit!);
    assert.equal(
      text,
      TASK.replace(
        '"essential": false,\n      "user": "1000",\n      "readonlyRootFilesystem": true,\n      "environment"',
        '"essential": true,\n      "user": "1000",\n      "readonlyRootFilesystem": true,\n      "environment"',
      ),
    );
    assert.deepEqual(codes(await client.diagnostics(uri)), ['secret-in-environment', 'efs-transit-encryption']);
  });

  test("secret-in-environment: the fix moves the variable to secrets with an SSM placeholder for the file's account and Region", async () => {
    const uri = 'file:///ws/rules-secret/task-definition.json';
    await client.open(uri, TASK);
    const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === 'secret-in-environment')!;
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    const valueFrom = 'arn:aws:ssm:eu-west-1:123456789012:parameter/web/DB_PASSWORD';
    assert.deepEqual(
      actions.map((a) => a.title),
      [`Move DB_PASSWORD to secrets (valueFrom ${valueFrom}; create that parameter and let the execution role read it)`],
    );
    const text = await client.applyEdit(uri, actions[0].edit!);
    const expected = TASK.replace(
      `      "environment": [
        { "name": "NODE_ENV", "value": "production" },
        { "name": "DB_PASSWORD", "value": "hunter2-prod" }
      ],
      "mountPoints": [{ "sourceVolume": "shared", "containerPath": "/data" }],
      "dependsOn": [{ "containerName": "init", "condition": "SUCCESS" }]
`,
      `      "environment": [
        { "name": "NODE_ENV", "value": "production" }
      ],
      "mountPoints": [{ "sourceVolume": "shared", "containerPath": "/data" }],
      "dependsOn": [{ "containerName": "init", "condition": "SUCCESS" }],
      "secrets": [
        {
          "name": "DB_PASSWORD",
          "valueFrom": "${valueFrom}"
        }
      ]
`,
    );
    assert.equal(text, expected);
    JSON.parse(text);
    assert.deepEqual(codes(await client.diagnostics(uri)), ['essential-container', 'efs-transit-encryption']);
  });

  test('efs-transit-encryption: the fix inserts transitEncryption ENABLED', async () => {
    const uri = 'file:///ws/rules-efs/task-definition.json';
    await client.open(uri, TASK);
    const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === 'efs-transit-encryption')!;
    const [action] = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    assert.equal(action.title, 'Set transitEncryption to "ENABLED"');
    const text = await client.applyEdit(uri, action.edit!);
    assert.equal(
      text,
      TASK.replace('{ "fileSystemId": "fs-12345678" }', '{ "fileSystemId": "fs-12345678", "transitEncryption": "ENABLED" }'),
    );
    assert.deepEqual(codes(await client.diagnostics(uri)), ['essential-container', 'secret-in-environment']);
  });

  test('Fix all leaves these fixes alone (none of them is safe to apply unasked)', async () => {
    const uri = 'file:///ws/rules-fixall/task-definition.json';
    await client.open(uri, TASK);
    const actions = await client.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll'],
    );
    const edits = actions.flatMap((a) => Object.values(a.edit?.changes ?? {}).flat());
    assert.deepEqual(edits, []);
  });

  test('completion on dependsOn.containerName offers the other containers', async () => {
    const uri = 'file:///ws/rules-completion1/task-definition.json';
    await client.open(uri, TASK);
    const items = await client.completion(uri, positionOf(TASK, '"init", "condition"', 1));
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description]),
      [['"init"', 'busybox']],
    );
    const start = positionOf(TASK, '"init", "condition"');
    assert.deepEqual(items[0].textEdit, { range: { start, end: { line: start.line, character: start.character + 6 } }, newText: '"init"' });
  });

  test('completion on dependsOn.condition explains each value and marks what the target cannot take', async () => {
    const uri = 'file:///ws/rules-completion2/task-definition.json';
    await client.open(uri, TASK);
    const items = await client.completion(uri, positionOf(TASK, '"SUCCESS"', 1));
    assert.deepEqual(
      items.map((i) => i.label),
      ['"START"', '"COMPLETE"', '"SUCCESS"', '"HEALTHY"'],
    );
    assert.equal(items[3].labelDetails?.description, 'not allowed: init has no healthCheck');
    assert.equal(items[2].labelDetails?.description, 'The dependency has run and exited with code 0');
    assert.match((items[2].documentation as { value: string }).value, /Not allowed on an essential container/);
  });

  test('completion on mountPoints.sourceVolume offers the task volumes, volumesFrom.sourceContainer the other containers', async () => {
    const uri = 'file:///ws/rules-completion3/task-definition.json';
    await client.open(uri, TASK);
    const volumes = await client.completion(uri, positionOf(TASK, '"shared", "containerPath"', 1));
    assert.deepEqual(
      volumes.map((i) => [i.label, i.labelDetails?.description]),
      [
        ['"shared"', 'EFS'],
        ['"scratch"', 'task storage'],
      ],
    );
    const containers = await client.completion(uri, positionOf(TASK, '"sourceContainer": "app"', 20));
    assert.deepEqual(
      containers.map((i) => i.label),
      ['"app"'],
    );
  });
});
