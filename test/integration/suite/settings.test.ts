// Settings changed through the configuration API take effect on open documents without reopening them.
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  activateExtension,
  assertDiagnostics,
  changeAndWaitForDiagnostics,
  has,
  lacks,
  noDiagnostics,
  only,
  openFixture,
  rangeOf,
  resetSettings,
  revertAndCloseAll,
  setSetting,
  toTuple,
  waitForDiagnostics,
} from '../helpers';

const FILE = 'settings/task-definition.json';
const SIZE = 'fargate-cpu-memory';
const NETWORK = 'fargate-network-mode';
const BOTH = has(SIZE, NETWORK);

suite('settings', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    await resetSettings();
    await revertAndCloseAll();
  });

  test('fargateLint.rules: "off" removes a rule, another severity is applied; reset brings the default back', async () => {
    const { document } = await openFixture(FILE);
    const uri = document.uri;
    await waitForDiagnostics(uri, BOTH);
    const diagnostics = await changeAndWaitForDiagnostics(
      uri,
      () => setSetting('rules', { [NETWORK]: 'off', [SIZE]: 'warning' }),
      (ds) => lacks(NETWORK)(ds) && only(ds, SIZE).every((d) => d.severity === vscode.DiagnosticSeverity.Warning) && has(SIZE)(ds),
    );
    assertDiagnostics(only(diagnostics, SIZE, NETWORK), [{ code: SIZE, severity: 'warning', range: toTuple(rangeOf(document, '"4096"')) }]);
    const restored = await changeAndWaitForDiagnostics(
      uri,
      resetSettings,
      (ds) => BOTH(ds) && only(ds, SIZE).every((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
    assertDiagnostics(only(restored, SIZE, NETWORK), [
      { code: NETWORK, severity: 'error', range: toTuple(rangeOf(document, '"bridge"')) },
      { code: SIZE, severity: 'error', range: toTuple(rangeOf(document, '"4096"')) },
    ]);
  });

  test('fargateLint.enable: false clears our diagnostics, true brings them back', async () => {
    const { document } = await openFixture(FILE);
    const uri = document.uri;
    await waitForDiagnostics(uri, BOTH);
    await changeAndWaitForDiagnostics(uri, () => setSetting('enable', false), noDiagnostics);
    await changeAndWaitForDiagnostics(uri, () => setSetting('enable', true), BOTH);
  });

  test('a settings change reaches every open document, not only the active one', async () => {
    const { document: first } = await openFixture(FILE);
    const { document: second } = await openFixture('task-definition.json');
    await waitForDiagnostics(first.uri, BOTH);
    await waitForDiagnostics(second.uri, BOTH);
    const offAndOn = (ds: vscode.Diagnostic[]) => lacks(SIZE)(ds) && has(NETWORK)(ds);
    await changeAndWaitForDiagnostics(first.uri, () => setSetting('rules', { [SIZE]: 'off' }), offAndOn);
    await waitForDiagnostics(second.uri, offAndOn);
  });
});
