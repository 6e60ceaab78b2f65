// Diagnostics as the editor shows them: rule code, severity, exact range, docs link, source.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { DOCS_BASE, activateExtension, assertDiagnostics, openFixture, rangeOf, revertAndCloseAll, toTuple, waitForDiagnostics, withCodes } from '../helpers';

suite('diagnostics', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test('a Fargate task definition with a wrong size and bridge gets both errors, each on the offending value', async () => {
    const { document } = await openFixture('task-definition.json');
    const diagnostics = await waitForDiagnostics(document.uri, withCodes('fargate-cpu-memory', 'fargate-network-mode'));
    assertDiagnostics(diagnostics, [
      { code: 'fargate-network-mode', severity: 'error', range: toTuple(rangeOf(document, '"bridge"')) },
      { code: 'fargate-cpu-memory', severity: 'error', range: toTuple(rangeOf(document, '"4096"')) },
    ]);
    // The ranges as line/character, so a change in how ranges are computed cannot hide behind rangeOf.
    assertDiagnostics(diagnostics, [
      { code: 'fargate-network-mode', severity: 'error', range: [3, 17, 3, 25] },
      { code: 'fargate-cpu-memory', severity: 'error', range: [5, 12, 5, 18] },
    ]);
  });

  test('each diagnostic links to its rule page and names the valid values', async () => {
    const { document } = await openFixture('task-definition.json');
    const diagnostics = await waitForDiagnostics(document.uri, withCodes('fargate-cpu-memory', 'fargate-network-mode'));
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.toString(), `${DOCS_BASE}${code.value}.md`);
    }
    const size = diagnostics.find((d) => (d.code as { value: string }).value === 'fargate-cpu-memory')!;
    assert.match(size.message, /512, 1024, 2048/);
  });

  test('a missing networkMode is reported on the requiresCompatibilities key', async () => {
    const { document } = await openFixture('quick-fixes/missing-network-mode.json');
    const diagnostics = await waitForDiagnostics(document.uri, withCodes('fargate-network-mode'));
    assertDiagnostics(diagnostics, [{ code: 'fargate-network-mode', severity: 'error', range: toTuple(rangeOf(document, '"requiresCompatibilities"')) }]);
  });

  test('describe-task-definition output: describe-only fields are information (on the key), the Fargate rules still apply', async () => {
    const { document } = await openFixture('quick-fixes/describe-output.json');
    const diagnostics = await waitForDiagnostics(document.uri, withCodes('describe-only-field', 'fargate-cpu-memory', 'fargate-network-mode'));
    assertDiagnostics(diagnostics, [
      { code: 'describe-only-field', severity: 'information', range: toTuple(rangeOf(document, '"taskDefinitionArn"')) },
      { code: 'describe-only-field', severity: 'information', range: toTuple(rangeOf(document, '"revision"')) },
      { code: 'describe-only-field', severity: 'information', range: toTuple(rangeOf(document, '"status"')) },
      { code: 'fargate-network-mode', severity: 'error', range: toTuple(rangeOf(document, '"bridge"')) },
      { code: 'fargate-cpu-memory', severity: 'error', range: toTuple(rangeOf(document, '"4096"')) },
    ]);
  });

  test('an edit that fixes the size removes that diagnostic while typing (no save)', async () => {
    const editor = await openFixture('task-definition.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, withCodes('fargate-cpu-memory', 'fargate-network-mode'));
    await editor.edit((builder) => builder.replace(rangeOf(editor.document, '"4096"'), '"2048"'));
    await waitForDiagnostics(uri, withCodes('fargate-network-mode'));
    assert.equal(editor.document.isDirty, true);
  });

  test('JSON that is not a task definition gets nothing from us', async () => {
    // Open the task definition too and wait for its diagnostics: then the server has answered, and the
    // other file's empty list is a real "nothing" rather than "not yet".
    const [other, task] = [await openFixture('not-ours/package.json'), await openFixture('task-definition.json')];
    await waitForDiagnostics(task.document.uri, withCodes('fargate-cpu-memory', 'fargate-network-mode'));
    assert.deepEqual(vscode.languages.getDiagnostics(other.document.uri).filter((d) => d.source === 'fargate-lint'), []);
  });
});
