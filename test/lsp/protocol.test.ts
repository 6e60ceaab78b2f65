// The protocol basics against the built server, shown on a task definition: diagnostics with their code,
// source and docs link, hover, completion, quick fixes, Fix all, settings, documents that are not ours or are
// broken, and a client that does not pull diagnostics.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { LspTestClient, positionOf } from '../helpers/lspClient';

const TASK = `{
  "family": "web",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "bridge",
  "cpu": "256",
  "memory": "4096",
  "containerDefinitions": [
    { "name": "app", "image": "nginx", "essential": true, "user": "101", "readonlyRootFilesystem": true }
  ]
}
`;

describe('task definition over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.shutdown());

  test('both Fargate rules fire, each on the offending value', async () => {
    const uri = 'file:///ws/task-definition.json';
    await client.open(uri, TASK);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => ({ code: d.code, severity: d.severity, source: d.source, range: d.range })),
      [
        {
          code: 'fargate-cpu-memory',
          severity: 1,
          source: 'fargate-lint',
          range: { start: { line: 5, character: 12 }, end: { line: 5, character: 18 } },
        },
        {
          code: 'fargate-network-mode',
          severity: 1,
          source: 'fargate-lint',
          range: { start: { line: 3, character: 17 }, end: { line: 3, character: 25 } },
        },
      ],
    );
    assert.equal(
      diagnostics[0].codeDescription?.href,
      'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/fargate-cpu-memory.md',
    );
    assert.deepEqual((diagnostics[0].data as { path: unknown }).path, ['memory']);
  });

  test('hover on memory shows the size table with the current row marked', async () => {
    const uri = 'file:///ws/hover/task-definition.json';
    await client.open(uri, TASK);
    const hover = await client.hover(uri, positionOf(TASK, '"memory"', 2));
    const markdown = (hover?.contents as { value: string }).value;
    assert.match(markdown, /\| cpu \| vCPU \| memory \(MiB\) \| memory \(GB\) \|/);
    assert.match(markdown, /\| \*\*256\*\* ◀ \| \*\*0\.25 vCPU\*\* \| \*\*512, 1024, 2048\*\* \|/);
    assert.match(markdown, /This task asks for \*\*0\.25 vCPU\*\* \(256 CPU units\) and \*\*4 GB\*\* \(4096 MiB\): not a Fargate size\./);
    assert.match(markdown, /Memory values for cpu 256: 512, 1024, 2048 MiB\./);
  });

  test('hover on networkMode explains awsvpc', async () => {
    const uri = 'file:///ws/hover2/task-definition.json';
    await client.open(uri, TASK);
    const hover = await client.hover(uri, positionOf(TASK, '"bridge"', 2));
    assert.match((hover?.contents as { value: string }).value, /\*\*Fargate requires it\*\*/);
  });

  test('completion on memory offers exactly the values valid for cpu 256', async () => {
    const uri = 'file:///ws/completion/task-definition.json';
    await client.open(uri, TASK);
    const items = await client.completion(uri, positionOf(TASK, '"4096"', 1));
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description]),
      [
        ['"512"', '0.5 GB'],
        ['"1024"', '1 GB'],
        ['"2048"', '2 GB'],
      ],
    );
    assert.deepEqual(items[0].textEdit, {
      range: { start: { line: 5, character: 12 }, end: { line: 5, character: 18 } },
      newText: '"512"',
    });
  });

  test('completion on networkMode puts awsvpc first', async () => {
    const uri = 'file:///ws/completion2/task-definition.json';
    await client.open(uri, TASK);
    const items = await client.completion(uri, positionOf(TASK, '"bridge"', 1));
    assert.deepEqual(
      items.map((i) => i.label),
      ['"awsvpc"', '"bridge"', '"host"', '"none"'],
    );
    assert.equal(items[0].preselect, true);
  });

  test('the network-mode quick fix makes the file valid for that rule', async () => {
    const uri = 'file:///ws/fix/task-definition.json';
    await client.open(uri, TASK);
    const diagnostics = await client.diagnostics(uri);
    const networkMode = diagnostics.find((d) => d.code === 'fargate-network-mode')!;
    const actions = await client.codeActions(uri, networkMode.range, [networkMode]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [['Set networkMode to "awsvpc"', 'quickfix', true]],
    );
    const text = await client.applyEdit(uri, actions[0].edit!);
    assert.equal(text, TASK.replace('"bridge"', '"awsvpc"'));
    assert.deepEqual(
      (await client.diagnostics(uri)).map((d) => d.code),
      ['fargate-cpu-memory'],
    );
  });

  test('the size quick fixes offer the nearest memory (preferred) and the smallest cpu, with prices, cheapest first', async () => {
    const uri = 'file:///ws/fix2/task-definition.json';
    await client.open(uri, TASK);
    const size = (await client.diagnostics(uri)).find((d) => d.code === 'fargate-cpu-memory')!;
    const actions = await client.codeActions(uri, size.range, [size]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Set memory to 2048 (2 GB), the nearest size for cpu 256 (≈ $13.88/month)', true],
        ['Set cpu to 512 (0.5 vCPU), the smallest that allows memory 4096 (≈ $27.75/month)', undefined],
      ],
    );
    const text = await client.applyEdit(uri, actions[1].edit!);
    assert.equal(text, TASK.replace('"cpu": "256"', '"cpu": "512"'));
  });

  test('a missing networkMode is reported on requiresCompatibilities and fixed by inserting it', async () => {
    const uri = 'file:///ws/fix3/task-definition.json';
    const text = TASK.replace('  "networkMode": "bridge",\n', '');
    await client.open(uri, text);
    const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === 'fargate-network-mode')!;
    assert.deepEqual(diagnostic.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 27 } });
    const [action] = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    const fixed = await client.applyEdit(uri, action.edit!);
    assert.ok(fixed.includes('  "networkMode": "awsvpc"'), fixed);
    assert.equal((await client.diagnostics(uri)).filter((d) => d.code === 'fargate-network-mode').length, 0);
  });

  test('source.fixAll.fargateLint applies the safe fixes only', async () => {
    const uri = 'file:///ws/fixall/task-definition.json';
    const text = `{"taskDefinition": ${TASK.replace('"family": "web",', '"family": "web", "revision": 4, "status": "ACTIVE",')}}`;
    await client.open(uri, text);
    const actions = await client.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll'],
    );
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.fargateLint'],
    );
    const fixed = JSON.parse(await client.applyEdit(uri, actions[0].edit!));
    assert.equal(fixed.taskDefinition.networkMode, 'awsvpc');
    assert.equal(fixed.taskDefinition.revision, undefined);
    assert.equal(fixed.taskDefinition.status, undefined);
    assert.equal(fixed.taskDefinition.memory, '4096', 'changing the task size is not a safe fix');
  });

  test('a rule set to off in the settings disappears; another severity is applied', async () => {
    const uri = 'file:///ws/settings/task-definition.json';
    await client.open(uri, TASK);
    await client.setSettings({ rules: { 'fargate-network-mode': 'off', 'fargate-cpu-memory': 'warning' } });
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['fargate-cpu-memory', 2]],
    );
    await client.setSettings({ enable: false });
    assert.deepEqual(await client.diagnostics(uri), []);
    await client.setSettings({});
  });

  test('JSON that is not ours gets no diagnostics, hover or completion from us', async () => {
    const uri = 'file:///ws/package.json';
    const text = '{ "name": "x", "cpu": "256", "memory": "4096" }';
    await client.open(uri, text);
    assert.deepEqual(await client.diagnostics(uri), []);
    assert.equal(await client.hover(uri, positionOf(text, '"memory"', 1)), null);
    assert.deepEqual(await client.completion(uri, positionOf(text, '"4096"', 1)), []);
  });

  test('a new empty task-definition.json gets the schema snippets from the first keystroke', async () => {
    const uri = 'untitled:/new/task-definition.json';
    await client.open(uri, '');
    const items = await client.completion(uri, { line: 0, character: 0 });
    assert.ok(
      items.some((i) => /Fargate/.test(i.label)),
      JSON.stringify(items.map((i) => i.label)),
    );
  });

  test('a broken document gets diagnostics, not a crash', async () => {
    const uri = 'file:///ws/broken/task-definition.json';
    await client.open(uri, '{"requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "4096", "containerDefinitions": [ {');
    const diagnostics = await client.diagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'fargate-cpu-memory'));
    const deep = `{"containerDefinitions": ${'['.repeat(20000)}${']'.repeat(20000)}}`;
    await client.open('file:///ws/deep/task-definition.json', deep);
    assert.ok(Array.isArray(await client.diagnostics('file:///ws/deep/task-definition.json')));
  });
});

describe('a client without pull diagnostics', () => {
  test('gets diagnostics pushed after open and after each change', async () => {
    const client = await LspTestClient.start({ pull: false });
    try {
      const uri = 'file:///ws/push/task-definition.json';
      const first = client.nextPushedDiagnostics(uri);
      await client.open(uri, TASK);
      assert.deepEqual(
        (await first).map((d) => d.code),
        ['fargate-cpu-memory', 'fargate-network-mode'],
      );
      const second = client.nextPushedDiagnostics(uri);
      await client.change(uri, TASK.replace('"bridge"', '"awsvpc"'));
      assert.deepEqual(
        (await second).map((d) => d.code),
        ['fargate-cpu-memory'],
      );
    } finally {
      await client.shutdown();
    }
  });
});

describe('cancellation over LSP ($/cancelRequest)', () => {
  let client: LspTestClient;
  const uri = 'file:///ws/task-definition.json';
  // A task definition whose validation keeps the server busy for a while (tens of milliseconds).
  const bigUri = 'file:///ws/big/task-definition.json';
  const environment = Array.from({ length: 40 }, (_, i) => ({ name: `VARIABLE_${i}`, value: `value-${i}` }));
  const BIG = JSON.stringify(
    {
      family: 'big',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '4096',
      memory: '8192',
      containerDefinitions: Array.from({ length: 10 }, (_, i) => ({ name: `app-${i}`, image: 'nginx', essential: i === 0, environment })),
    },
    null,
    2,
  );
  before(async () => {
    client = await LspTestClient.start();
    await client.open(uri, TASK);
    await client.open(bigUri, BIG);
  });
  after(() => client.shutdown());

  const textDocument = { uri };
  const at = positionOf(TASK, '"bridge"', 2);
  const requests: [string, unknown][] = [
    ['textDocument/diagnostic', { textDocument }],
    ['textDocument/hover', { textDocument, position: at }],
    ['textDocument/completion', { textDocument, position: at }],
    [
      'textDocument/codeAction',
      { textDocument, range: { start: at, end: at }, context: { diagnostics: [], only: ['quickfix', 'source.fixAll'] } },
    ],
  ];

  for (const [method, params] of requests) {
    test(`${method} cancelled right after it was sent is answered RequestCancelled; uncancelled, it is answered`, async () => {
      // The server is busy when the request and its cancellation arrive, so it reads both before it starts
      // the request (cancelled any later, a request may be answered in full: cancellation is a hint).
      const busy = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: bigUri } });
      const source = new CancellationTokenSource();
      const cancelled = client.connection.sendRequest(method, params, source.token);
      source.cancel();
      await assert.rejects(cancelled, (error: unknown) => {
        assert.ok(error instanceof ResponseError, String(error));
        assert.equal(error.code, LSPErrorCodes.RequestCancelled);
        return true;
      });
      await busy;
      const answered = await client.connection.sendRequest(method, params);
      assert.ok(answered, `${method} answered`);
    });
  }

  test('edits with a pull after each, each pull cancelled by the next edit (as VS Code does): the last pull has the last text', async () => {
    const pulls: Promise<unknown>[] = [];
    let previous: CancellationTokenSource | undefined;
    for (let i = 0; i < 20; i++) {
      previous?.cancel();
      await client.change(uri, TASK.replace('"4096"', i % 2 ? '"4096"' : '"512"'));
      previous = new CancellationTokenSource();
      pulls.push(client.connection.sendRequest('textDocument/diagnostic', { textDocument }, previous.token).catch((e: unknown) => e));
    }
    const results = await Promise.all(pulls);
    const last = results.pop() as { items: { code: string }[] };
    // The last edit (i = 19) keeps "4096", which 256 CPU units do not allow.
    assert.ok(last.items.some((d) => d.code === 'fargate-cpu-memory'));
    for (const earlier of results) {
      if (earlier instanceof ResponseError) assert.equal(earlier.code, LSPErrorCodes.RequestCancelled);
      else assert.ok(Array.isArray((earlier as { items: unknown[] }).items));
    }
  });
});
