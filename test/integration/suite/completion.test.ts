// Completion on the task size, through the editor's completion providers (the built-in JSON extension
// answers too; ourCompletionItems keeps ours).
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  activateExtension,
  completionItems,
  labelOf,
  openFixture,
  ourCompletionItems,
  positionIn,
  rangeOf,
  revertAndCloseAll,
  replaceText,
} from '../helpers';

suite('completion', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test('on memory with cpu 256: exactly 512, 1024 and 2048, in order, with their size in GB', async () => {
    const { document } = await openFixture('task-definition.json');
    const items = ourCompletionItems(await completionItems(document.uri, positionIn(document, '"4096"', 1)));
    assert.deepEqual(
      items.map((item) => [labelOf(item), (item.label as vscode.CompletionItemLabel).description]),
      [
        ['"512"', '0.5 GB'],
        ['"1024"', '1 GB'],
        ['"2048"', '2 GB'],
      ],
    );
    // Accepting an item replaces the whole value.
    const range = items[0].range as vscode.Range;
    assert.ok(
      range instanceof vscode.Range ? range.isEqual(rangeOf(document, '"4096"')) : false,
      `unexpected range ${JSON.stringify(items[0].range)}`,
    );
    assert.equal((items[0].insertText as string | undefined) ?? labelOf(items[0]), '"512"');
  });

  test('follows the cpu: with cpu 1024 the memory values are 2 to 8 GB', async () => {
    const { document } = await openFixture('task-definition.json');
    await replaceText(document, '"cpu": "256"', '"cpu": "1024"');
    const items = ourCompletionItems(await completionItems(document.uri, positionIn(document, '"4096"', 1)));
    assert.deepEqual(items.map(labelOf), ['"2048"', '"3072"', '"4096"', '"5120"', '"6144"', '"7168"', '"8192"']);
  });

  test('on networkMode in a Fargate task definition: awsvpc first', async () => {
    const { document } = await openFixture('task-definition.json');
    const items = ourCompletionItems(await completionItems(document.uri, positionIn(document, '"bridge"', 1)));
    assert.deepEqual(items.map(labelOf), ['"awsvpc"', '"bridge"', '"host"', '"none"']);
  });
});
