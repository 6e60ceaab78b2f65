// Hover on the task size and the network mode, through the editor's hover providers.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import { activateExtension, hoverMarkdown, openFixture, positionIn, revertAndCloseAll } from '../helpers';

suite('hover', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test('on memory: the Fargate size table with the row for cpu 256 marked, and what the pair means', async () => {
    const { document } = await openFixture('task-definition.json');
    const markdown = await hoverMarkdown(document.uri, positionIn(document, '"memory"', 2));
    assert.match(markdown, /\| cpu \| vCPU \| memory \(MiB\) \| memory \(GB\) \|/);
    assert.match(markdown, /\| \*\*256\*\* ◀ \| \*\*0\.25 vCPU\*\* \| \*\*512, 1024, 2048\*\* \|/);
    assert.match(markdown, /This task asks for \*\*0\.25 vCPU\*\* \(256 CPU units\) and \*\*4 GB\*\* \(4096 MiB\): not a Fargate size\./);
    assert.match(markdown, /Memory values for cpu 256: 512, 1024, 2048 MiB\./);
  });

  test('on the memory value too', async () => {
    const { document } = await openFixture('task-definition.json');
    assert.match(await hoverMarkdown(document.uri, positionIn(document, '"4096"', 2)), /Memory values for cpu 256: 512, 1024, 2048 MiB\./);
  });

  test('on networkMode: why Fargate needs awsvpc', async () => {
    const { document } = await openFixture('task-definition.json');
    const markdown = await hoverMarkdown(document.uri, positionIn(document, '"bridge"', 2));
    assert.match(markdown, /\*\*Fargate requires it\*\*/);
    assert.match(markdown, /elastic network interface/);
  });

  test('on an IAM action: its service and what it does, from the IAM data read by the server', async () => {
    const { document } = await openFixture('execution-role/iam/execution-policy.json');
    const markdown = await hoverMarkdown(document.uri, positionIn(document, '"ecr:GetAuthorizationToken"', 6));
    assert.match(markdown, /Amazon Elastic Container Registry/);
    assert.match(markdown, /GetAuthorizationToken/);
  });

  test('nothing from us on a JSON file that is not a task definition', async () => {
    const { document } = await openFixture('not-ours/package.json');
    const markdown = await hoverMarkdown(document.uri, positionIn(document, '"memory"', 2));
    assert.doesNotMatch(markdown, /Fargate/);
  });
});
