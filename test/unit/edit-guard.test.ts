// The fix guard (service/editGuard.ts) in-process, on a disk it is told about: ranges outside the text they
// were computed on, files changed since they were read, new files where something is, targets whose real
// path leaves the workspace, and what a client that cannot apply versioned changes gets. The protocol tests
// (test/lsp/fix-safety.test.ts) show the same on a real disk through the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditGuard, type EditPlatform, type FileProbe, type GuardResult } from '../../server/src/service/editGuard';
import type { RenderedEdits } from '../../server/src/service/edits';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import type { TextChange } from '../../server/src/sources/source';

const HERE = 'file:///ws/task-definition.json';
const POLICY = 'file:///ws/iam/policy.json';
const POLICY_TEXT = '{ "Version": "2012-10-17", "Statement": [] }\n';

/** A disk of `files` (URI → text), with links: URIs that lead elsewhere (and what is under them). */
function disk(files: Record<string, string>, links: Record<string, string> = {}): FileProbe {
  const real = (uri: string) => {
    for (const [from, to] of Object.entries(links)) if (uri === from || uri.startsWith(`${from}/`)) return to + uri.slice(from.length);
    return uri;
  };
  return {
    read: async (uri) => files[real(uri)],
    exists: async (uri) => (uri.startsWith('file:') ? uri in links || real(uri) in files : undefined),
    realUri: async (uri) => (uri.startsWith('file:') ? real(uri) : undefined),
  };
}

function setup(options: { files?: FileProbe; open?: Record<string, { version: number; text: string }>; documentChanges?: boolean } = {}) {
  const stale: string[] = [];
  const platform: EditPlatform = {
    client: { documentChanges: options.documentChanges ?? true, createFiles: true },
    openDocument: (uri) => {
      const open = options.open?.[uri];
      return open && { version: open.version, getText: () => open.text };
    },
    files: options.files ?? disk({ [POLICY]: POLICY_TEXT }),
    stale: (uri) => stale.push(uri),
  };
  const workspace = new WorkspaceIndex(['file:///ws']);
  const here = TextDocument.create(HERE, 'json', 3, '{ "family": "web" }\n');
  workspace.set(HERE, here.getText());
  workspace.set(POLICY, POLICY_TEXT);
  const guard = new EditGuard(platform);
  const rendered = (changes: Record<string, TextChange[]>, creates: RenderedEdits['creates'] = []): RenderedEdits => ({
    changes: new Map(Object.entries(changes).map(([uri, c]) => [uri, { document: workspace.file(uri)!, changes: c }])),
    creates,
  });
  return { check: (r: RenderedEdits) => guard.check(r, here, workspace), rendered, stale };
}

const refusal = (result: GuardResult) => ('refused' in result ? result.refused : '');

const insert = (offset: number, newText: string): TextChange => ({ offset, length: 0, newText });

test('the document itself: a versioned edit; plain changes for a client without versioned edits', async () => {
  const { check, rendered } = setup();
  assert.deepEqual(await check(rendered({ [HERE]: [insert(1, ' "cpu": "256",')] })), {
    edit: {
      documentChanges: [
        {
          textDocument: { uri: HERE, version: 3 },
          edits: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, newText: ' "cpu": "256",' }],
        },
      ],
    },
  });
  const plain = setup({ documentChanges: false });
  assert.deepEqual(await plain.check(plain.rendered({ [HERE]: [insert(1, 'x')] })), {
    edit: { changes: { [HERE]: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, newText: 'x' }] } },
  });
  assert.match(refusal(await plain.check(plain.rendered({ [POLICY]: [insert(1, 'x')] }))), /cannot apply versioned edits/);
});

test('a change outside the text it was computed on, or overlapping another, is refused', async () => {
  const { check, rendered } = setup();
  const length = POLICY_TEXT.length;
  assert.ok('edit' in (await check(rendered({ [POLICY]: [insert(length, 'x')] }))));
  for (const changes of [
    [insert(length + 1, 'x')],
    [{ offset: length - 1, length: 2, newText: '' }],
    [{ offset: -1, length: 1, newText: '' }],
    [
      { offset: 2, length: 5, newText: 'a' },
      { offset: 4, length: 1, newText: 'b' },
    ],
  ]) {
    assert.match(refusal(await check(rendered({ [POLICY]: changes }))), /outside the text/, JSON.stringify(changes));
  }
});

test('a file read from disk is edited only while the disk holds the text the index read; otherwise it is read again', async () => {
  const same = setup();
  assert.deepEqual(await same.check(same.rendered({ [POLICY]: [insert(0, ' ')] })), {
    edit: {
      documentChanges: [
        {
          textDocument: { uri: POLICY, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ' ' }],
        },
      ],
    },
  });
  const changed = setup({ files: disk({ [POLICY]: `${POLICY_TEXT} ` }) });
  assert.match(refusal(await changed.check(changed.rendered({ [POLICY]: [insert(0, ' ')] }))), /changed on disk/);
  assert.deepEqual(changed.stale, [POLICY]);
});

test('an open document is edited at its version, and only while it has the text the index parsed', async () => {
  const open = setup({ open: { [POLICY]: { version: 7, text: POLICY_TEXT } } });
  const result = await open.check(open.rendered({ [POLICY]: [insert(0, ' ')] }));
  assert.deepEqual('edit' in result && result.edit.documentChanges?.map((c) => 'textDocument' in c && c.textDocument), [
    { uri: POLICY, version: 7 },
  ]);
  const moved = setup({ open: { [POLICY]: { version: 8, text: '{}' } } });
  assert.match(refusal(await moved.check(moved.rendered({ [POLICY]: [insert(0, ' ')] }))), /changed since it was read/);
});

test('a new file: created where nothing is, never over what is there; a name taken goes back to the fix', async () => {
  const fresh = 'file:///ws/iam/new-policy.json';
  const { check, rendered } = setup({
    files: disk({ [POLICY]: POLICY_TEXT, 'file:///ws/unindexed.json': 'x' }, { 'file:///ws/link.json': 'file:///elsewhere/x' }),
  });
  assert.deepEqual(await check(rendered({}, [{ uri: fresh, content: '{}\n' }])), {
    edit: {
      documentChanges: [
        { kind: 'create', uri: fresh, options: { overwrite: false, ignoreIfExists: false } },
        {
          textDocument: { uri: fresh, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '{}\n' }],
        },
      ],
    },
  });
  // In the index, on disk only, a link (wherever it leads).
  for (const uri of [POLICY, 'file:///ws/unindexed.json', 'file:///ws/link.json']) {
    assert.deepEqual(await check(rendered({}, [{ uri, content: '{}' }])), { taken: [uri] });
  }
  assert.match(refusal(await check(rendered({}, [{ uri: 'untitled:x.json', content: '{}' }]))), /cannot be checked/);
  assert.match(
    refusal(await check(rendered({ [POLICY]: [insert(0, ' ')] }, [{ uri: 'file:///ws/iam/./policy.json', content: '{}' }]))),
    /names one file twice/,
  );
});

test('nothing outside the workspace folders, nor through a link that leaves them; a linked folder itself is fine', async () => {
  const files = disk({ [POLICY]: POLICY_TEXT, 'file:///outside/p.json': POLICY_TEXT }, { 'file:///ws/out': 'file:///outside' });
  const { check } = setup({ files });
  const index = new WorkspaceIndex(['file:///ws']);
  index.set('file:///ws/out/p.json', POLICY_TEXT);
  index.set('file:///outside/p.json', POLICY_TEXT);
  const guard = new EditGuard({ client: { documentChanges: true, createFiles: true }, openDocument: () => undefined, files });
  const here = TextDocument.create(HERE, 'json', 1, '{}');
  for (const uri of ['file:///outside/p.json', 'file:///ws/out/p.json']) {
    const r: RenderedEdits = { changes: new Map([[uri, { document: index.file(uri)!, changes: [insert(0, ' ')] }]]), creates: [] };
    assert.match(refusal(await guard.check(r, here, index)), /not inside a workspace folder/, uri);
  }
  assert.match(refusal(await check({ changes: new Map(), creates: [{ uri: 'file:///ws/out/new.json', content: '{}' }] })), /not inside/);
  // The workspace folder is a link: what is under it is inside.
  const linked = new EditGuard({
    client: { documentChanges: true, createFiles: true },
    openDocument: () => undefined,
    files: disk({}, { 'file:///ws': 'file:///real/ws' }),
  });
  assert.ok('edit' in (await linked.check({ changes: new Map(), creates: [{ uri: 'file:///ws/new.json', content: '{}' }] }, here, index)));
});

test('without a disk to ask, nothing but the document itself', async () => {
  const guard = new EditGuard();
  const index = new WorkspaceIndex(['file:///ws']);
  index.set(POLICY, POLICY_TEXT);
  const here = TextDocument.create(HERE, 'json', 1, '{}');
  const create: RenderedEdits = { changes: new Map(), creates: [{ uri: 'file:///ws/new.json', content: '{}' }] };
  assert.ok('refused' in (await guard.check(create, here, index)));
  const other: RenderedEdits = { changes: new Map([[POLICY, { document: index.file(POLICY)!, changes: [insert(0, ' ')] }]]), creates: [] };
  assert.ok('refused' in (await guard.check(other, here, index)));
});
