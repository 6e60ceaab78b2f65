// The server (`node dist/server.js --stdio`) against what a broken or hostile client or workspace sends
// (issue 9): malformed frames, requests after shutdown, file events outside the workspace folders, a file
// that breaks the parser in the middle of the index.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';
import { TRUST, config, policy, task } from '../unit/rules/execution-role/fixtures';

const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

const hover = (id: number) =>
  frame({
    jsonrpc: '2.0',
    id,
    method: 'textDocument/hover',
    params: { textDocument: { uri: 'file:///x.json' }, position: { line: 0, character: 0 } },
  });

/** Malformed frames a client can send; each alone used to leave the server running but deaf. */
const MALFORMED: Record<string, Buffer> = {
  'a header without its body (the next frame becomes the body)': Buffer.from('Content-Length: 10\r\n\r\n'),
  'no Content-Length': Buffer.from('Content-Type: application/vscode-jsonrpc\r\n\r\n{}'),
  'a Content-Length that is not a number': Buffer.from('Content-Length: abc\r\n\r\n{}'),
  'a negative Content-Length': Buffer.from('Content-Length: -5\r\n\r\n{}'),
  'a body that is not JSON': Buffer.from('Content-Length: 5\r\n\r\nhello'),
  'a frame cut short': Buffer.from('Content-Length: 50\r\n\r\n{"jsonrpc":"2.0"'),
  'a huge Content-Length (it waited for 1 GB)': Buffer.from('Content-Length: 999999999\r\n\r\n'),
  'lines ended by LF alone': Buffer.from('Content-Length: 2\n\n{}'),
  'a header line without a colon': Buffer.from('GET / HTTP/1.1\r\n\r\n'),
};

/** Starts the server, initializes it, sends `frames`, then two hovers apart; what became of them. */
async function afterFrames(frames: Buffer[]): Promise<{ answered: boolean; exited: boolean }> {
  const child: ChildProcess = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  let exited = false;
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.on('exit', () => (exited = true));
  child.stdin!.on('error', () => undefined);
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    child.stdin!.write(
      frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
    );
    // Deadlines, not timings: on a loaded machine the server's start can take seconds.
    for (let i = 0; i < 400 && !out.includes('"id":1'); i++) await wait(50);
    assert.ok(out.includes('"id":1'), 'initialized');
    for (const f of frames) child.stdin!.write(f);
    // A frame right after a malformed one may be consumed by it (its bytes were announced as a body); a
    // second one, later, must be answered.
    child.stdin!.write(hover(2));
    await wait(200);
    child.stdin!.write(hover(3));
    for (let i = 0; i < 400 && !/"id":[23]\b/.test(out) && !exited; i++) await wait(50);
    return { answered: /"id":[23]\b/.test(out), exited };
  } finally {
    child.kill();
  }
}

describe('malformed frames on --stdio', () => {
  for (const [name, bytes] of Object.entries(MALFORMED)) {
    test(`after ${name}, the server answers again (or has exited)`, async () => {
      const { answered, exited } = await afterFrames([bytes]);
      assert.ok(answered || exited, 'the server neither answered nor exited');
    });
  }

  test('four malformed frames back to back (header alone, no length, cut short, huge length): it answers again', async () => {
    const names = Object.keys(MALFORMED);
    const { answered, exited } = await afterFrames([names[0], names[1], names[5], names[6]].map((n) => MALFORMED[n]));
    assert.ok(answered || exited, 'the server neither answered nor exited');
  });
});

describe('lifecycle', () => {
  test('requests after shutdown are answered with InvalidRequest', async () => {
    const client = await LspTestClient.start();
    try {
      await client.connection.sendRequest('shutdown');
      for (const request of [
        () => client.hover('file:///x.json', { line: 0, character: 0 }),
        () => client.completion('file:///x.json', { line: 0, character: 0 }),
        () => client.diagnostics('file:///x.json'),
        () => client.codeActions('file:///x.json', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []),
      ]) {
        await assert.rejects(request(), (error: unknown) => error instanceof ResponseError && error.code === -32600);
      }
    } finally {
      await client.connection.sendNotification('exit');
      client.connection.dispose();
    }
  });
});

describe('the workspace index', () => {
  function workspace(): { root: string; outside: string } {
    const base = mkdtempSync(join(tmpdir(), 'fargate-lint-robust-'));
    const root = join(base, 'ws');
    const outside = join(base, 'outside');
    mkdirSync(join(root, 'iam'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(root, 'a-deep.json'), `${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    writeFileSync(join(root, 'task-definition.json'), JSON.stringify(task({ role: 'other' }), null, 2));
    writeFileSync(join(root, 'fargate-lint.json'), JSON.stringify(config(['iam/policy.json'])));
    writeFileSync(join(root, 'iam', 'trust.json'), JSON.stringify(TRUST));
    writeFileSync(
      join(root, 'iam', 'policy.json'),
      JSON.stringify(policy({ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' })),
    );
    // A role file for the role "other", outside the workspace folder, and its copy inside.
    const roleFile = { RoleName: 'other', AssumeRolePolicyDocument: TRUST, Policies: [], ManagedPolicyArns: [] };
    writeFileSync(join(outside, 'role.json'), JSON.stringify(roleFile));
    writeFileSync(join(root, 'iam', 'role.json'), JSON.stringify(roleFile));
    return { root, outside };
  }

  test('a file that is too deep to parse does not stop the index: the files after it are found', async () => {
    const { root } = workspace();
    const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }] });
    try {
      await client.nextRefresh();
      const uri = pathToFileURL(join(root, 'task-definition.json')).href;
      await client.open(uri, JSON.stringify(task(), null, 2));
      const codes = (await client.diagnostics(uri)).map((d) => String(d.code)).filter((c) => c.startsWith('execution-role'));
      assert.deepEqual(codes, []);
      const deepUri = pathToFileURL(join(root, 'a-deep.json')).href;
      await client.open(deepUri, `${'['.repeat(50_000)}${']'.repeat(50_000)}`);
      assert.deepEqual(
        (await client.diagnostics(deepUri)).map((d) => d.code),
        ['file-skipped'],
      );
    } finally {
      await client.shutdown();
    }
  });

  test('fargate-lint.json naming files the index left out: each says why (not ours, a link, not found, outside)', async () => {
    const { root } = workspace();
    writeFileSync(join(root, 'iam', 'notes.json'), '{"notes": "not a policy"}');
    symlinkSync(join(root, 'iam', 'policy.json'), join(root, 'iam', 'link.json'));
    const text = JSON.stringify({
      roles: {
        execRole: { trustPolicy: 'iam/trust.json', policies: ['iam/notes.json', 'iam/link.json', 'iam/typo.json', '../../etc/passwd'] },
      },
    });
    const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }] });
    try {
      await client.nextRefresh();
      const uri = pathToFileURL(join(root, 'fargate-lint.json')).href;
      await client.open(uri, text);
      const found = (await client.diagnostics(uri)).filter((d) => d.code === 'project-config-file').map((d) => d.message);
      assert.deepEqual(found, [
        'The policy file "iam/notes.json" of role execRole is not a permission policy (it is not an ECS or IAM document), so the role\'s permissions are not checked.',
        'The policy file "iam/link.json" of role execRole is not read (it is a symbolic link, which is not followed), so the role\'s permissions are not checked.',
        'The policy file "iam/typo.json" of role execRole is not found in the workspace, so the role\'s permissions are not checked.',
        'The policy file "../../etc/passwd" of role execRole is outside the workspace folders and is never read, so the role\'s permissions are not checked.',
      ]);
    } finally {
      await client.shutdown();
    }
  });

  test('file events outside the workspace folders are ignored (never read); inside, they are', async () => {
    const { root, outside } = workspace();
    const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }] });
    try {
      await client.nextRefresh();
      const uri = pathToFileURL(join(root, 'task-definition.json')).href;
      await client.open(uri, JSON.stringify(task({ role: 'other' }), null, 2));
      const roleCodes = async () =>
        (await client.diagnostics(uri)).map((d) => String(d.code)).filter((c) => c.startsWith('execution-role'));
      // The copy inside the workspace is indexed at start-up: drop it first, so only events can bring a role in
      // (events are gathered for a moment before they are applied: the refresh says they were).
      const dropped = client.nextRefresh();
      await client.filesChanged([{ uri: pathToFileURL(join(root, 'iam', 'role.json')).href, type: 3 }]);
      await dropped;
      assert.deepEqual(await roleCodes(), ['execution-role-not-in-workspace']);
      const outsideUri = pathToFileURL(join(outside, 'role.json')).href;
      const sneaky = `${pathToFileURL(root).href}/../outside/role.json`;
      await client.filesChanged([
        { uri: outsideUri, type: 1 },
        { uri: sneaky, type: 1 },
      ]);
      // Reading from disk takes a moment: give a read that should not happen the time to happen.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(await roleCodes(), ['execution-role-not-in-workspace']);
      const refreshed = client.nextRefresh();
      await client.filesChanged([{ uri: pathToFileURL(join(root, 'iam', 'role.json')).href, type: 1 }]);
      await refreshed;
      assert.notDeepEqual(await roleCodes(), ['execution-role-not-in-workspace']);
    } finally {
      await client.shutdown();
    }
  });
});
