// Diagnostics as the editor shows them: rule code, severity, exact range, docs link, source.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  DOCS_BASE,
  activateExtension,
  assertDiagnostics,
  codeOf,
  has,
  lacks,
  only,
  openFixture,
  rangeOf,
  revertAndCloseAll,
  toTuple,
  waitForDiagnostics,
  withCodes,
} from '../helpers';

const SIZE = 'fargate-cpu-memory';
const NETWORK = 'fargate-network-mode';

suite('diagnostics', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test('a Fargate task definition with a wrong size and bridge gets both errors, each on the offending value, and nothing else', async () => {
    // The fixture is otherwise clean for every rule: this pins the complete list a user sees.
    const { document } = await openFixture('task-definition.json');
    const diagnostics = await waitForDiagnostics(document.uri, withCodes(SIZE, NETWORK));
    assertDiagnostics(diagnostics, [
      { code: NETWORK, severity: 'error', range: toTuple(rangeOf(document, '"bridge"')) },
      { code: SIZE, severity: 'error', range: toTuple(rangeOf(document, '"4096"')) },
    ]);
    // The ranges as line/character, so a change in how ranges are computed cannot hide behind rangeOf.
    assertDiagnostics(diagnostics, [
      { code: NETWORK, severity: 'error', range: [3, 17, 3, 25] },
      { code: SIZE, severity: 'error', range: [5, 12, 5, 18] },
    ]);
  });

  test('each diagnostic links to its rule page and names the valid values', async () => {
    const { document } = await openFixture('task-definition.json');
    const diagnostics = only(await waitForDiagnostics(document.uri, has(SIZE, NETWORK)), SIZE, NETWORK);
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.toString(), `${DOCS_BASE}${code.value}.md`);
    }
    const size = diagnostics.find((d) => codeOf(d) === SIZE)!;
    assert.match(size.message, /512, 1024, 2048/);
  });

  test('a missing networkMode is reported on the requiresCompatibilities key', async () => {
    const { document } = await openFixture('quick-fixes/missing-network-mode.json');
    const diagnostics = await waitForDiagnostics(document.uri, has(NETWORK));
    assertDiagnostics(only(diagnostics, NETWORK), [
      { code: NETWORK, severity: 'error', range: toTuple(rangeOf(document, '"requiresCompatibilities"')) },
    ]);
  });

  test('describe-task-definition output: describe-only fields are information (on the key), the Fargate rules still apply', async () => {
    const { document } = await openFixture('quick-fixes/describe-output.json');
    const codes = ['describe-only-field', SIZE, NETWORK];
    const diagnostics = await waitForDiagnostics(document.uri, has(...codes));
    assertDiagnostics(only(diagnostics, ...codes), [
      { code: 'describe-only-field', severity: 'information', range: toTuple(rangeOf(document, '"taskDefinitionArn"')) },
      { code: 'describe-only-field', severity: 'information', range: toTuple(rangeOf(document, '"revision"')) },
      { code: 'describe-only-field', severity: 'information', range: toTuple(rangeOf(document, '"status"')) },
      { code: NETWORK, severity: 'error', range: toTuple(rangeOf(document, '"bridge"')) },
      { code: SIZE, severity: 'error', range: toTuple(rangeOf(document, '"4096"')) },
    ]);
  });

  test('an edit that fixes the size removes that diagnostic while typing (no save)', async () => {
    const editor = await openFixture('task-definition.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, has(SIZE, NETWORK));
    await editor.edit((builder) => builder.replace(rangeOf(editor.document, '"4096"'), '"2048"'));
    const after = await waitForDiagnostics(uri, lacks(SIZE));
    assert.ok(has(NETWORK)(after), 'the network-mode error stays');
    assert.equal(editor.document.isDirty, true);
  });

  test('JSON that is not a task definition gets nothing from us', async () => {
    // Open the task definition too and wait for its diagnostics: then the server has answered, and the
    // other file's empty list is a real "nothing" rather than "not yet".
    const [other, task] = [await openFixture('not-ours/package.json'), await openFixture('task-definition.json')];
    await waitForDiagnostics(task.document.uri, has(SIZE, NETWORK));
    assert.deepEqual(
      vscode.languages.getDiagnostics(other.document.uri).filter((d) => d.source === 'fargate-lint'),
      [],
    );
  });
});
