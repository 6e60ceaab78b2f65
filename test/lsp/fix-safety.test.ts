// What a quick fix may write (README "Security", issue 9 item 1), against the built server over stdio, in
// temporary workspaces each test builds: links to files outside, links to nothing, unrelated files and files
// the index left out under the name a new file would take, a policy changed on disk after it was indexed,
// folders (the workspace folder among them) reached through links. The test client applies edits the way
// most editors do, through links, so only the server keeps them inside. Each test compares every file under
// the temporary folder, the ones outside the workspace included, before and after the fix.
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

const CREATE_POLICY = 'Create an execution-role policy';
const ADD_TO_POLICY = /^Add .* to the policy of role exec \(exec-policy\.json\)$/;

/** A task definition whose execution role `exec` needs ECR pulls and CloudWatch Logs. */
const TASK = `${JSON.stringify(
  {
    family: 'web',
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2',
        essential: true,
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'app' },
        },
      },
    ],
  },
  null,
  2,
)}\n`;

/** A policy that grants the logs but not the image pull. */
const LOGS_POLICY = `${JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Logs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*',
      },
    ],
  },
  null,
  2,
)}\n`;

const CONFIG = `${JSON.stringify({ roles: { exec: { policies: ['iam/exec-policy.json'] } } }, null, 2)}\n`;
const VICTIM = 'not a policy: nothing may be written here\n';

/** Paths under the temporary folder: a file's text, or a symbolic link's target. */
type Tree = Record<string, string | { link: string }>;

interface Workspace {
  root: string;
  client: LspTestClient;
  /** A file: URI of a path under the temporary folder. */
  uri(path: string): string;
}

/**
 * Builds `tree` in a temporary folder, starts the server with its `ws` (a folder, or a link to one) as the
 * workspace folder, waits until it has indexed it, runs `body`, and cleans up.
 */
async function inWorkspace(tree: Tree, body: (ws: Workspace) => Promise<void>, options: { documentChanges?: boolean } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'fargate-lint-fix-safety-'));
  for (const [path, entry] of Object.entries(tree)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof entry === 'string') writeFileSync(full, entry);
    else symlinkSync(entry.link, full);
  }
  const uri = (path: string) => pathToFileURL(join(root, path)).href;
  const client = await LspTestClient.start({
    workspaceFolders: [{ uri: uri('ws'), name: 'ws' }],
    documentChanges: options.documentChanges,
  });
  try {
    await client.nextRefresh(20_000);
    await body({ root, client, uri });
  } finally {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every file, link and folder under `root`, links not followed: a file's text, a link's target. */
function snapshot(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = join(folder, name);
      const stat = lstatSync(full);
      const path = relative(root, full);
      if (stat.isSymbolicLink()) entries.set(path, `link to ${readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        entries.set(path, 'folder');
        walk(full);
      } else entries.set(path, readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return entries;
}

/** What changed between two snapshots: paths added, and paths whose content or target changed or that are gone. */
function difference(before: Map<string, string>, after: Map<string, string>) {
  return {
    added: [...after.keys()].filter((p) => !before.has(p)).sort(),
    changed: [...before.keys()].filter((p) => after.get(p) !== before.get(p)).sort(),
  };
}

/** Opens a task definition and returns the diagnostics of `code` with the code actions each offers. */
async function fixesOf(
  ws: Workspace,
  path: string,
  code: string,
  text = TASK,
): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }[]> {
  const uri = ws.uri(path);
  if (!ws.client.isOpen(uri)) await ws.client.open(uri, text);
  const diagnostics = (await ws.client.diagnostics(uri)).filter((d) => d.code === code);
  return Promise.all(
    diagnostics.map(async (diagnostic) => ({ diagnostic, actions: await ws.client.codeActions(uri, diagnostic.range, [diagnostic]) })),
  );
}

/** The one "Create an execution-role policy" fix of the task definition at `path`. */
async function createFixOf(ws: Workspace, path = 'ws/task-definition.json'): Promise<CodeAction> {
  const [hint, ...others] = await fixesOf(ws, path, 'execution-role-not-in-workspace');
  assert.equal(others.length, 0);
  const action = hint?.actions.find((a) => a.title === CREATE_POLICY);
  assert.ok(action?.edit, `no "${CREATE_POLICY}" fix; offered: ${hint?.actions.map((a) => a.title).join(' | ') || 'none'}`);
  return action;
}

const creates = (action: CodeAction) =>
  (action.edit?.documentChanges ?? []).filter((c): c is CreateFile => 'kind' in c && c.kind === 'create');

/** Takes the create fix and checks that it wrote exactly the new policy `policy` and a new fargate-lint.json in `folder`. */
async function takeCreateFix(ws: Workspace, policy: string, folder = 'ws', taskPath = 'ws/task-definition.json'): Promise<void> {
  const action = await createFixOf(ws, taskPath);
  const before = snapshot(ws.root);
  await ws.client.applyWorkspaceEdit(action.edit!);
  assert.deepEqual(difference(before, snapshot(ws.root)), { added: [`${folder}/${policy}`, `${folder}/fargate-lint.json`], changed: [] });
  // The client is to refuse the edit if a file appeared under one of these names since the fix was offered.
  assert.deepEqual(
    creates(action).map((c) => c.options),
    [
      { overwrite: false, ignoreIfExists: false },
      { overwrite: false, ignoreIfExists: false },
    ],
  );
  assert.deepEqual(JSON.parse(readFileSync(join(ws.root, folder, 'fargate-lint.json'), 'utf8')), {
    roles: { exec: { policies: [policy] } },
  });
  const written = JSON.parse(readFileSync(join(ws.root, folder, policy), 'utf8'));
  assert.deepEqual(
    written.Statement.map((s: { Action: unknown }) => s.Action),
    [
      'ecr:GetAuthorizationToken',
      ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
    ],
  );
}

test('(a) exec-policy.json is a link to a file outside: the new policy gets another name, the file outside is untouched', () =>
  inWorkspace(
    { 'ws/task-definition.json': TASK, 'ws/exec-policy.json': { link: '../outside/victim.txt' }, 'outside/victim.txt': VICTIM },
    (ws) => takeCreateFix(ws, 'exec-policy-2.json'),
  ));

test('(a) exec-policy.json is a link to nothing (writing it would create a file outside): another name', () =>
  inWorkspace({ 'ws/task-definition.json': TASK, 'ws/exec-policy.json': { link: '../outside/new.json' }, 'outside/.keep': '' }, (ws) =>
    takeCreateFix(ws, 'exec-policy-2.json'),
  ));

test('(a) fargate-lint.json is a link to a file outside: no fix, since the configuration has no other name', () =>
  inWorkspace(
    { 'ws/task-definition.json': TASK, 'ws/fargate-lint.json': { link: '../outside/victim.txt' }, 'outside/victim.txt': VICTIM },
    async (ws) => {
      const [hint] = await fixesOf(ws, 'ws/task-definition.json', 'execution-role-not-in-workspace');
      assert.deepEqual(
        hint.actions.map((a) => a.title),
        [],
      );
    },
  ));

test('(b) unrelated files hold the names the new policy would take: it takes the next free one', () =>
  inWorkspace(
    {
      'ws/task-definition.json': TASK,
      'ws/exec-policy.json': '{ "name": "not a policy" }\n',
      'ws/exec-policy-2.json': 'not even JSON\n',
    },
    (ws) => takeCreateFix(ws, 'exec-policy-3.json'),
  ));

test('(c) a policy too large to index holds the name: another name', () =>
  inWorkspace({ 'ws/task-definition.json': TASK, 'ws/exec-policy.json': `${LOGS_POLICY}${' '.repeat(5 * 1024 * 1024)}\n` }, (ws) =>
    takeCreateFix(ws, 'exec-policy-2.json'),
  ));

test('(c) a policy behind 5,000 other files (where the index used to stop) holds the name: another name', () => {
  const tree: Tree = { 'ws/task-definition.json': TASK, 'ws/exec-policy.json': LOGS_POLICY };
  for (let i = 0; i < 5000; i++) tree[`ws/a-${String(i).padStart(4, '0')}.json`] = '{}\n';
  return inWorkspace(tree, (ws) => takeCreateFix(ws, 'exec-policy-2.json'));
});

test('(d) a policy changed on disk after it was indexed: no stale edit; the server reads it again, then the fix edits what is there', () =>
  inWorkspace({ 'ws/task-definition.json': TASK, 'ws/fargate-lint.json': CONFIG, 'ws/iam/exec-policy.json': LOGS_POLICY }, async (ws) => {
    const policyPath = join(ws.root, 'ws/iam/exec-policy.json');
    const [first] = await fixesOf(ws, 'ws/task-definition.json', 'execution-role-permission');
    assert.ok(first.actions.some((a) => ADD_TO_POLICY.test(a.title)));
    // Changed behind the server's back (no file event), still without the image pull.
    const changed = JSON.parse(LOGS_POLICY);
    changed.Statement.unshift({ Sid: 'Reports', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });
    writeFileSync(policyPath, `${JSON.stringify(changed, null, 4)}\n`);
    const refreshed = ws.client.nextRefresh();
    refreshed.catch(() => undefined);
    const [stale] = await fixesOf(ws, 'ws/task-definition.json', 'execution-role-permission');
    assert.deepEqual(
      stale.actions.filter((a) => ADD_TO_POLICY.test(a.title)),
      [],
    );
    await refreshed;
    const [fresh] = await fixesOf(ws, 'ws/task-definition.json', 'execution-role-permission');
    const action = fresh.actions.find((a) => ADD_TO_POLICY.test(a.title));
    assert.ok(action?.edit);
    await ws.client.applyWorkspaceEdit(action.edit);
    const fixed = JSON.parse(readFileSync(policyPath, 'utf8'));
    assert.deepEqual(
      fixed.Statement.map((s: { Sid: string }) => s.Sid),
      ['Reports', 'Logs', 'ExecutionRoleEcrImage', 'ExecutionRoleEcrImage2'],
    );
  }));

test('(e) the workspace folder is itself reached through a link: the fix still writes inside it, never through a link out', () =>
  inWorkspace(
    {
      'real/task-definition.json': TASK,
      'real/exec-policy.json': { link: '../outside/victim.txt' },
      'outside/victim.txt': VICTIM,
      ws: { link: 'real' },
    },
    (ws) => takeCreateFix(ws, 'exec-policy-2.json', 'real'),
  ));

test('(e) through a linked workspace folder, a policy inside it is still edited', () =>
  inWorkspace(
    { 'real/task-definition.json': TASK, 'real/fargate-lint.json': CONFIG, 'real/iam/exec-policy.json': LOGS_POLICY, ws: { link: 'real' } },
    async (ws) => {
      const [permission] = await fixesOf(ws, 'ws/task-definition.json', 'execution-role-permission');
      const action = permission.actions.find((a) => ADD_TO_POLICY.test(a.title));
      assert.ok(action?.edit);
      const before = snapshot(ws.root);
      await ws.client.applyWorkspaceEdit(action.edit);
      assert.deepEqual(difference(before, snapshot(ws.root)), { added: [], changed: ['real/iam/exec-policy.json'] });
    },
  ));

test('a policy in a folder that links out of the workspace, open in the editor: no fix edits it', () =>
  inWorkspace(
    {
      'ws/task-definition.json': TASK,
      'ws/fargate-lint.json': CONFIG,
      'ws/iam': { link: '../outside/iam' },
      'outside/iam/exec-policy.json': LOGS_POLICY,
    },
    async (ws) => {
      // The scan does not enter links; opening the file brings it in.
      await ws.client.open(ws.uri('ws/iam/exec-policy.json'), LOGS_POLICY);
      const [permission] = await fixesOf(ws, 'ws/task-definition.json', 'execution-role-permission');
      assert.ok(permission, 'the open policy is read: its missing permissions are reported');
      assert.deepEqual(
        permission.actions.map((a) => a.title),
        [],
      );
    },
  ));

test('a new policy next to a task definition in a folder that links out of the workspace: no fix', () =>
  inWorkspace({ 'ws/app': { link: '../outside/app' }, 'outside/app/task-definition.json': TASK }, async (ws) => {
    const [hint] = await fixesOf(ws, 'ws/app/task-definition.json', 'execution-role-not-in-workspace');
    assert.deepEqual(
      hint.actions.map((a) => a.title),
      [],
    );
  }));

test('an open policy is edited at the version the editor has', () =>
  inWorkspace({ 'ws/task-definition.json': TASK, 'ws/fargate-lint.json': CONFIG, 'ws/iam/exec-policy.json': LOGS_POLICY }, async (ws) => {
    const policyUri = ws.uri('ws/iam/exec-policy.json');
    await ws.client.open(policyUri, LOGS_POLICY);
    await ws.client.change(policyUri, LOGS_POLICY.replace('"Sid": "Logs"', '"Sid": "CloudWatchLogs"'));
    const [permission] = await fixesOf(ws, 'ws/task-definition.json', 'execution-role-permission');
    const action = permission.actions.find((a) => ADD_TO_POLICY.test(a.title));
    const edits = (action?.edit?.documentChanges ?? []) as TextDocumentEdit[];
    assert.deepEqual(
      edits.map((e) => e.textDocument),
      [{ uri: policyUri, version: 2 }],
    );
    await ws.client.applyWorkspaceEdit(action!.edit!);
    assert.deepEqual(
      JSON.parse(ws.client.text(policyUri)).Statement.map((s: { Sid: string }) => s.Sid),
      ['CloudWatchLogs', 'ExecutionRoleEcrImage', 'ExecutionRoleEcrImage2'],
    );
  }));

test('a client without versioned document changes gets only the fixes of the document itself', () =>
  inWorkspace(
    {
      'ws/task-definition.json': TASK,
      'ws/fargate-lint.json': CONFIG,
      'ws/iam/exec-policy.json': LOGS_POLICY,
      'ws/other/task-definition.json': TASK,
    },
    async (ws) => {
      const [permission] = await fixesOf(ws, 'ws/task-definition.json', 'execution-role-permission');
      assert.deepEqual(
        permission.actions.map((a) => a.title),
        [],
      );
      const bridge = TASK.replace('"awsvpc"', '"bridge"');
      const [network] = await fixesOf(ws, 'ws/other/task-definition.json', 'fargate-network-mode', bridge);
      assert.deepEqual(
        network.actions.map((a) => [a.title, Object.keys(a.edit?.changes ?? {})]),
        [['Set networkMode to "awsvpc"', [ws.uri('ws/other/task-definition.json')]]],
      );
    },
    { documentChanges: false },
  ));
