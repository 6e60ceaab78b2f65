// The HCL parser loads on demand (the server): a Terraform file parsed before it has loaded gets a stand-in
// (`provisional`) that the workspace index and the model cache never keep as the file's parse, and the first
// Terraform file to reach an index starts the load. This file's process starts with the parser not loaded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeAssets } from '../../../server/src/node/assets';
import { ModelCache } from '../../../server/src/service/models';
import { WorkspaceIndex } from '../../../server/src/service/workspace';
import { loadSourcesOnDemand, prepareFor, sourcesLoading } from '../../../server/src/sources';

const MAIN = 'file:///ws/main.tf';
const TEXT = [
  'resource "aws_ecs_task_definition" "app" {',
  '  family                   = "app"',
  '  requires_compatibilities = ["FARGATE"]',
  '  cpu                      = 256',
  '  memory                   = 512',
  '  container_definitions    = jsonencode([{ name = "app", image = "nginx", essential = true }])',
  '}',
  '',
].join('\n');

test('stand-ins made before the load are not kept; the first .tf file in the index starts the load', async () => {
  const asked: string[] = [];
  let loads = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  loadSourcesOnDemand({
    platform: {
      async asset(name) {
        asked.push(name);
        await gate;
        return nodeAssets.asset(name);
      },
    },
    loaded: () => loads++,
    failed: (error) => assert.fail(String(error)),
  });
  const index = new WorkspaceIndex(['file:///ws'], true);
  index.set('file:///ws/task.json', '{ "family": "app", "containerDefinitions": [] }');
  assert.equal(prepareFor('file:///ws/task.json', 'json'), undefined);
  assert.equal(sourcesLoading(), undefined);
  assert.deepEqual(asked, []);

  index.set(MAIN, TEXT, 'terraform');
  assert.ok(sourcesLoading());
  const models = new ModelCache(20, index);
  const document = TextDocument.create(MAIN, 'terraform', 1, TEXT);
  const early = [...index.files()].find((d) => d.uri === MAIN)!;
  assert.equal(early.provisional, true);
  assert.equal(models.get(document).document.provisional, true);
  const versionBefore = index.version;

  release();
  await prepareFor(MAIN, 'terraform');
  assert.equal(loads, 1);
  assert.equal(prepareFor(MAIN, 'terraform'), undefined);
  index.sourcesLoaded();
  assert.notEqual(index.version, versionBefore);
  // Neither the index nor the model cache answers with the stand-in now.
  for (const parsed of [index.file(MAIN)!, models.get(document).document]) {
    assert.equal(parsed.provisional, undefined);
    assert.equal(parsed.model.kind, 'terraform');
    assert.deepEqual(
      parsed.model.subjects.map((s) => s.kind),
      ['task-definition'],
    );
  }
  assert.deepEqual(asked.sort(), ['tree-sitter-terraform.wasm', 'web-tree-sitter.wasm']);
});
