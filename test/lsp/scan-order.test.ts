// The workspace scan keeps a file whichever order it reaches the files in: a JSON file that means nothing on
// its own (values a module reads with jsondecode(file())), read by a child module through `${path.root}` (or
// by a module from a folder below it), is kept and read as that module's, whether the scan reaches it before
// or after the module. WorkspaceSync on an in-memory file system that visits the files in the order given.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { WorkspaceSync } from '../../server/src/lsp/workspaceSync';
import type { WorkspaceFileSystem } from '../../server/src/lsp/fileSystem';
import { nodeAssets } from '../../server/src/node/assets';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { prepareSources } from '../../server/src/sources';

const ROOT = 'file:///ws';

const module = (path: string) =>
  [
    'locals {',
    `  size = jsondecode(file("${path}"))`,
    '}',
    '',
    'resource "aws_ecs_task_definition" "app" {',
    '  family                   = "app"',
    '  requires_compatibilities = ["FARGATE"]',
    '  network_mode             = "awsvpc"',
    '  cpu                      = local.size.cpu',
    '  memory                   = local.size.memory',
    '  container_definitions    = jsonencode([{ name = "app", image = "nginx", essential = true }])',
    '}',
    '',
  ].join('\n');

interface Layout {
  name: string;
  json: string;
  module: string;
  text: string;
}

const LAYOUTS: Layout[] = [
  // A child module reads a file of the root module: the JSON is above it.
  { name: '${path.root}', json: `${ROOT}/sizes.json`, module: `${ROOT}/modules/task/main.tf`, text: module('${path.root}/sizes.json') },
  // A module reads a file of a folder below it.
  {
    name: '${path.module}/config',
    json: `${ROOT}/config/sizes.json`,
    module: `${ROOT}/main.tf`,
    text: module('${path.module}/config/sizes.json'),
  },
];

/** The layout's two files, visited by a scan in the order `order`. */
function fileSystem(files: Record<string, string>, order: string[]): WorkspaceFileSystem {
  return {
    scan: async (_root, visit) => {
      for (const uri of order) visit(uri, files[uri]);
    },
    read: async (uri) => files[uri],
    exists: async (uri) => uri in files,
    realUri: async (uri) => uri,
  };
}

before(() => prepareSources(nodeAssets));

for (const layout of LAYOUTS) {
  for (const [name, order] of [
    ['the module first', [layout.module, layout.json]],
    ['the JSON file first', [layout.json, layout.module]],
  ] as const) {
    test(`${layout.name}, ${name}: the JSON file is kept, read as the module's, and the module sees its values`, async () => {
      const files = { [layout.json]: '{ "cpu": 256, "memory": 4096 }\n', [layout.module]: layout.text };
      const index = new WorkspaceIndex([ROOT]);
      const sync = new WorkspaceSync(index, fileSystem(files, [...order]), () => undefined);
      await sync.scan([ROOT]);
      sync.cancel();
      assert.equal(index.skipped(layout.json), undefined);
      assert.equal(index.file(layout.json)?.model.kind, 'terraform');
      const task = index.file(layout.module)!.model.subjects.find((s) => s.kind === 'task-definition')!;
      const { cpu, memory } = task.value as { cpu: unknown; memory: unknown };
      assert.deepEqual([cpu, memory], [256, 4096]);
    });
  }
}

test('a JSON file no module reads is still left out, in either order', async () => {
  const json = `${ROOT}/other/sizes.json`;
  const files = { [json]: '{ "cpu": 256, "memory": 4096 }\n', [`${ROOT}/main.tf`]: module('${path.module}/config/sizes.json') };
  for (const order of [Object.keys(files), Object.keys(files).reverse()]) {
    const index = new WorkspaceIndex([ROOT]);
    const sync = new WorkspaceSync(index, fileSystem(files, order), () => undefined);
    await sync.scan([ROOT]);
    sync.cancel();
    assert.deepEqual(index.skipped(json), { reason: 'not an ECS or IAM document', read: true });
  }
});
