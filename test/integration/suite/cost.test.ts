// What a task size costs, in the editor: the code lens above cpu, the hover, and fargate-right-size.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  activateExtension,
  changeAndWaitForDiagnostics,
  codeOf,
  has,
  hoverMarkdown,
  openFixture,
  positionIn,
  rangeOf,
  resetSettings,
  revertAndCloseAll,
  setSetting,
  waitForDiagnostics,
} from '../helpers';

const FILE = 'cost/task-definition.json';
const RIGHT_SIZE = 'fargate-right-size';

/** The code lenses of every provider for the document, as [line, title]. */
async function lenses(uri: vscode.Uri): Promise<[number, string | undefined][]> {
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return found.map((lens) => [lens.range.start.line, lens.command?.title]);
}

const rightSizeMessage = (diagnostics: vscode.Diagnostic[]) => {
  const message = diagnostics.find((d) => codeOf(d) === RIGHT_SIZE)?.message;
  return typeof message === 'string' ? message : '';
};

suite('cost', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    await resetSettings();
    await revertAndCloseAll();
  });

  test('a code lens above the task cpu says what the size costs a month', async () => {
    const { document } = await openFixture(FILE);
    await waitForDiagnostics(document.uri, has(RIGHT_SIZE));
    assert.deepEqual(await lenses(document.uri), [[rangeOf(document, '"cpu"').start.line, '≈ $36.04/month (us-east-1, on-demand)']]);
  });

  test('the hover on memory prices the size below the table', async () => {
    const { document } = await openFixture(FILE);
    const markdown = await hoverMarkdown(document.uri, positionIn(document, '"memory"', 2));
    assert.match(markdown, /\*\*Cost: 0\.04937 USD per hour, 36\.04 USD per month\*\* on demand, LINUX\/X86_64 in \*\*us-east-1\*\*/);
    assert.match(markdown, /ARM64 \(Graviton\): 28\.84 USD per month/);
  });

  test('fargate-right-size names the smaller size and its saving', async () => {
    const { document } = await openFixture(FILE);
    const diagnostics = await waitForDiagnostics(document.uri, has(RIGHT_SIZE));
    const hint = diagnostics.find((d) => codeOf(d) === RIGHT_SIZE)!;
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    assert.match(rightSizeMessage(diagnostics), /they fit in 0\.25 vCPU \/ 0\.5 GB, .* 27\.03 USD per month less/);
  });

  test('fargateLint.cost.region prices in another Region; fargateLint.cost.enabled: false takes the lens away', async () => {
    const { document } = await openFixture(FILE);
    const uri = document.uri;
    await waitForDiagnostics(uri, has(RIGHT_SIZE));
    // The hint's message quotes the price, so its change shows that the server has the new settings.
    await changeAndWaitForDiagnostics(
      uri,
      () => setSetting('cost.region', 'sa-east-1'),
      (ds) => rightSizeMessage(ds).includes('(sa-east-1, on-demand)'),
    );
    assert.deepEqual(await lenses(uri), [[rangeOf(document, '"cpu"').start.line, '≈ $61.90/month (sa-east-1, on-demand)']]);
    await changeAndWaitForDiagnostics(
      uri,
      () => setSetting('cost.enabled', false),
      (ds) => has(RIGHT_SIZE)(ds) && !rightSizeMessage(ds).includes('USD'),
    );
    assert.deepEqual(await lenses(uri), []);
  });
});
