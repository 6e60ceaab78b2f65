// Quick fixes and "fix all" through the editor's code action providers, applied with workspace.applyEdit:
// the new text is exact and the diagnostic goes away.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyCodeAction,
  changeAndWaitForDiagnostics,
  codeActions,
  codeOf,
  has,
  lacks,
  openFixture,
  quickFixesFor,
  revertAndCloseAll,
  waitForDiagnostics,
} from '../helpers';

async function diagnosticOf(document: vscode.TextDocument, code: string): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.some((d) => codeOf(d) === code));
  return diagnostics.find((d) => codeOf(d) === code)!;
}

suite('quick fixes', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test('network mode: "Set networkMode to awsvpc" replaces the value and the error goes away', async () => {
    const { document } = await openFixture('quick-fixes/network-mode.json');
    const before = document.getText();
    const diagnostic = await diagnosticOf(document, 'fargate-network-mode');
    const fixes = await quickFixesFor(document.uri, diagnostic);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.isPreferred]),
      [['Set networkMode to "awsvpc"', true]],
    );
    await changeAndWaitForDiagnostics(document.uri, () => applyCodeAction(fixes[0]), lacks('fargate-network-mode'));
    assert.equal(document.getText(), before.replace('"networkMode": "host"', '"networkMode": "awsvpc"'));
  });

  test('missing network mode: the fix inserts "networkMode": "awsvpc" in the file\'s own formatting', async () => {
    const { document } = await openFixture('quick-fixes/missing-network-mode.json');
    const diagnostic = await diagnosticOf(document, 'fargate-network-mode');
    const [fix] = await quickFixesFor(document.uri, diagnostic);
    assert.equal(fix.title, 'Set networkMode to "awsvpc"');
    await changeAndWaitForDiagnostics(document.uri, () => applyCodeAction(fix), lacks('fargate-network-mode'));
    const text = document.getText();
    assert.match(text, /\n {2}"networkMode": "awsvpc",?\n/);
    assert.deepEqual(JSON.parse(text).networkMode, 'awsvpc');
  });

  test('task size: nearest memory (preferred) and smallest cpu are offered with their prices, cheapest first; each makes the pair valid', async () => {
    const { document } = await openFixture('quick-fixes/task-size.json');
    const before = document.getText();
    const diagnostic = await diagnosticOf(document, 'fargate-cpu-memory');
    const fixes = await quickFixesFor(document.uri, diagnostic);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.isPreferred ?? false]),
      [
        ['Set memory to 2048 (2 GB), the nearest size for cpu 256 (≈ $13.88/month)', true],
        ['Set cpu to 512 (0.5 vCPU), the smallest that allows memory 4096 (≈ $27.75/month)', false],
      ],
    );
    await changeAndWaitForDiagnostics(document.uri, () => applyCodeAction(fixes[1]), lacks('fargate-cpu-memory'));
    assert.equal(document.getText(), before.replace('"cpu": "256"', '"cpu": "512"'));
  });

  test('the preferred size fix', async () => {
    const { document } = await openFixture('quick-fixes/task-size.json');
    const before = document.getText();
    const fixes = await quickFixesFor(document.uri, await diagnosticOf(document, 'fargate-cpu-memory'));
    await changeAndWaitForDiagnostics(document.uri, () => applyCodeAction(fixes.find((f) => f.isPreferred)!), lacks('fargate-cpu-memory'));
    assert.equal(document.getText(), before.replace('"memory": "4096"', '"memory": "2048"'));
  });

  test('source.fixAll.fargateLint applies the safe fixes only (network mode, describe-only fields), not the size', async () => {
    const { document } = await openFixture('quick-fixes/describe-output.json');
    await waitForDiagnostics(document.uri, has('describe-only-field', 'fargate-cpu-memory', 'fargate-network-mode'));
    const actions = await codeActions(document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll');
    const fixAll = actions.filter((a) => a.kind?.value === 'source.fixAll.fargateLint');
    assert.equal(fixAll.length, 1, `actions: ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value]))}`);
    const after = await changeAndWaitForDiagnostics(
      document.uri,
      () => applyCodeAction(fixAll[0]),
      lacks('fargate-network-mode', 'describe-only-field'),
    );
    assert.ok(has('fargate-cpu-memory')(after), 'the size error stays: its fix is not safe');
    const task = JSON.parse(document.getText()).taskDefinition;
    assert.equal(task.networkMode, 'awsvpc');
    assert.deepEqual([task.taskDefinitionArn, task.revision, task.status], [undefined, undefined, undefined]);
    assert.equal(task.memory, '4096', 'changing the task size is not a safe fix');
  });

  test('fix all on save: editor.codeActionsOnSave with source.fixAll.fargateLint', async () => {
    const editor = await openFixture('quick-fixes/network-mode.json');
    const { document } = editor;
    await diagnosticOf(document, 'fargate-network-mode');
    const original = await vscode.workspace.fs.readFile(document.uri);
    const config = vscode.workspace.getConfiguration('editor', document);
    await config.update('codeActionsOnSave', { 'source.fixAll.fargateLint': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      // Make the document dirty so that saving runs the save participants.
      await editor.edit((b) => b.insert(new vscode.Position(0, 1), ' '));
      await changeAndWaitForDiagnostics(document.uri, () => document.save(), lacks('fargate-network-mode'));
      const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
      assert.equal(JSON.parse(saved).networkMode, 'awsvpc');
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.writeFile(document.uri, original);
    }
  });
});
