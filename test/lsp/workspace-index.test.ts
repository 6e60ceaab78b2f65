// Protocol tests of the workspace index at any size: the server reads every file of a workspace folder
// (no cap: a role past the 5,000th file is found), reports the scan as progress, scans folders added to the
// workspace and drops removed ones, follows folders created and deleted on disk, and registers a watcher
// for the files the sources read. Each case writes its workspace into a temporary folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, rangeOf } from '../helpers/lspClient';

const ROLE = 'indexExecRole';
const ROLE_ARN = `arn:aws:iam::123456789012:role/${ROLE}`;

const TASK_DEFINITION = `${JSON.stringify(
  {
    family: 'web',
    executionRoleArn: ROLE_ARN,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2',
        essential: true,
        secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/db' }],
      },
    ],
  },
  null,
  2,
)}\n`;

/** The role the task definition names, granting all it needs (the image pull and the secret). */
const ROLE_FILE = JSON.stringify(
  {
    RoleName: ROLE,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    Policies: [
      {
        PolicyName: 'secrets',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/*' }],
        },
      },
    ],
  },
  null,
  2,
);

const folders: string[] = [];
function workspaceFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'fargate-lint-index-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) write(root, path, text);
  return root;
}
function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
const uriOf = (...parts: string[]) => pathToFileURL(join(...parts)).href;
const folder = (root: string) => ({ uri: uriOf(root), name: root });

/** The execution-role findings of the task definition. */
async function roleFindings(client: LspTestClient, uri: string): Promise<[unknown, unknown][]> {
  const diagnostics: Diagnostic[] = await client.diagnostics(uri);
  return diagnostics.filter((d) => /^execution-role/.test(String(d.code))).map((d) => [d.code, d.range]);
}
const notInWorkspace = [['execution-role-not-in-workspace', rangeOf(TASK_DEFINITION, JSON.stringify(ROLE_ARN))]];

describe('the workspace index at any size', () => {
  const clients: LspTestClient[] = [];
  async function start(...options: Parameters<typeof LspTestClient.start>) {
    const client = await LspTestClient.start(...options);
    clients.push(client);
    return client;
  }
  after(async () => {
    await Promise.all(clients.map((c) => c.shutdown()));
    for (const root of folders) rmSync(root, { recursive: true, force: true });
  });

  test('a role file past the 5,000th file of the workspace is found, and the scan shows progress', async () => {
    // Breadth-first and sorted: the task definition, then 5,100 other JSON files in aa/, then zz/iam/.
    const files: Record<string, string> = { 'task-definition.json': TASK_DEFINITION, 'zz/iam/execution-role.json': ROLE_FILE };
    for (let i = 0; i < 5100; i++) files[`aa/data-${String(i).padStart(4, '0')}.json`] = `{"id": ${i}, "label": "item ${i}"}\n`;
    const root = workspaceFolder(files);
    const client = await start({ workspaceFolders: [folder(root)], progress: true });
    const scanned = client.nextRefresh(120_000);
    const uri = uriOf(root, 'task-definition.json');
    await client.open(uri, TASK_DEFINITION);
    await scanned;
    assert.deepEqual(await roleFindings(client, uri), [], 'the role in zz/iam/ grants what the task needs');
    const kinds = client.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.match(client.progress[0].value.title ?? '', /indexing/);
  });

  test('a workspace folder added later is scanned (its role now serves the task definition), and a removed one is dropped', async () => {
    const app = workspaceFolder({ 'task-definition.json': TASK_DEFINITION });
    const infra = workspaceFolder({ 'iam/execution-role.json': ROLE_FILE });
    const client = await start({ workspaceFolders: [folder(app)] });
    const uri = uriOf(app, 'task-definition.json');
    await client.nextRefresh(60_000);
    await client.open(uri, TASK_DEFINITION);
    assert.deepEqual(await roleFindings(client, uri), notInWorkspace);

    let refreshed = client.nextRefresh(60_000);
    await client.changeWorkspaceFolders([folder(infra)]);
    await refreshed;
    assert.deepEqual(await roleFindings(client, uri), []);

    refreshed = client.nextRefresh(60_000);
    await client.changeWorkspaceFolders([], [folder(infra)]);
    await refreshed;
    assert.deepEqual(await roleFindings(client, uri), notInWorkspace);
  });

  test('a folder created on disk is scanned, and a deleted one leaves the index', async () => {
    const root = workspaceFolder({ 'task-definition.json': TASK_DEFINITION });
    const client = await start({ workspaceFolders: [folder(root)] });
    const uri = uriOf(root, 'task-definition.json');
    await client.nextRefresh(60_000);
    await client.open(uri, TASK_DEFINITION);
    assert.deepEqual(await roleFindings(client, uri), notInWorkspace);

    // As when a folder is moved into the workspace: one event for the folder, none for the files inside.
    write(root, 'infra/iam/execution-role.json', ROLE_FILE);
    let refreshed = client.nextRefresh(60_000);
    await client.filesChanged([{ uri: uriOf(root, 'infra'), type: 1 }]);
    await refreshed;
    assert.deepEqual(await roleFindings(client, uri), []);

    rmSync(join(root, 'infra'), { recursive: true });
    refreshed = client.nextRefresh(60_000);
    await client.filesChanged([{ uri: uriOf(root, 'infra'), type: 3 }]);
    await refreshed;
    assert.deepEqual(await roleFindings(client, uri), notInWorkspace);
  });

  test('the server asks a client that lets it to watch the files the sources read', async () => {
    const client = await start({ watchFiles: true });
    await client.diagnostics('untitled:/none.json');
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, {
      watchers: [
        '**/*.json',
        '**/*.jsonc',
        '**/*.yaml',
        '**/*.yml',
        '**/*.template',
        '**/*.tf',
        '**/*.tfvars',
        '**/*.tftpl',
        '**/*.tpl',
      ].map((globPattern) => ({ globPattern })),
    });
  });
});
