// Settings changed through the configuration API take effect on open documents without reopening them.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  activateExtension,
  assertDiagnostics,
  changeAndWaitForDiagnostics,
  noDiagnostics,
  openFixture,
  rangeOf,
  resetSettings,
  revertAndCloseAll,
  setSetting,
  toTuple,
  waitForDiagnostics,
  withCodes,
} from '../helpers';

const FILE = 'settings/task-definition.json';
const BOTH = withCodes('fargate-cpu-memory', 'fargate-network-mode');

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
      () => setSetting('rules', { 'fargate-network-mode': 'off', 'fargate-cpu-memory': 'warning' }),
      (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Warning,
    );
    assertDiagnostics(diagnostics, [{ code: 'fargate-cpu-memory', severity: 'warning', range: toTuple(rangeOf(document, '"4096"')) }]);
    const restored = await changeAndWaitForDiagnostics(uri, resetSettings, (ds) => BOTH(ds) && ds.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.equal(restored.length, 2);
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
    await changeAndWaitForDiagnostics(first.uri, () => setSetting('rules', { 'fargate-cpu-memory': 'off' }), withCodes('fargate-network-mode'));
    await waitForDiagnostics(second.uri, withCodes('fargate-network-mode'));
  });
});
