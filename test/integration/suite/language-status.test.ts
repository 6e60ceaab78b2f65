// The language status item says what a JSON document was recognised as.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, nextKindStatus, openFixture, revertAndCloseAll } from '../helpers';

suite('language status', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  const cases: [string, string, RegExp][] = [
    ['task-definition.json', 'ECS task definition', /checked by fargate-lint/],
    ['quick-fixes/describe-output.json', 'ECS task definition (describe-task-definition output)', /checked by fargate-lint/],
    ['not-ours/package.json', 'Not an ECS or IAM document', /nothing to check/],
  ];
  for (const [file, text, detail] of cases) {
    test(`${file}: "${text}"`, async () => {
      const api = await activateExtension();
      const status = nextKindStatus(api, fixtureUri(file));
      await openFixture(file);
      const shown = await status;
      assert.equal(shown.text, text);
      assert.match(shown.detail ?? '', detail);
    });
  }

  test('an untitled document named like a task definition is one from the first keystroke', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.from({ scheme: 'untitled', path: '/task-definition.json' });
    const status = nextKindStatus(api, uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document);
    assert.equal((await status).text, 'ECS task definition');
  });
});
