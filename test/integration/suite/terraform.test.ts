// Terraform in the editor, without HashiCorp's Terraform extension: the extension's own `terraform` language
// makes .tf files reach the server, and its diagnostics land on the HCL; a JSON file the module reads with
// file() gets the findings written in it, with the resource's task-level values.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  activateExtension,
  assertDiagnostics,
  has,
  only,
  openFixture,
  rangeOf,
  revertAndCloseAll,
  toTuple,
  waitForDiagnostics,
} from '../helpers';

suite('terraform', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test("a .tf file opens as terraform with HashiCorp's extension absent, and gets our diagnostics on the HCL", async () => {
    assert.equal(vscode.extensions.getExtension('hashicorp.terraform'), undefined, "this run has HashiCorp's extension installed");
    const { document } = await openFixture('terraform/main.tf');
    assert.equal(document.languageId, 'terraform');
    const diagnostics = await waitForDiagnostics(document.uri, has('fargate-cpu-memory', 'fargate-network-mode'));
    assertDiagnostics(only(diagnostics, 'fargate-cpu-memory', 'fargate-network-mode'), [
      { code: 'fargate-network-mode', severity: 'error', range: toTuple(rangeOf(document, '"bridge"')) },
      { code: 'fargate-cpu-memory', severity: 'error', range: toTuple(rangeOf(document, '4096')) },
    ]);
  });

  test('the JSON file the module reads with file() gets the findings written in it', async () => {
    await openFixture('terraform/main.tf');
    const { document } = await openFixture('terraform/containers.json');
    const diagnostics = await waitForDiagnostics(document.uri, has('fargate-unsupported-parameter'));
    assertDiagnostics(only(diagnostics, 'fargate-unsupported-parameter'), [
      { code: 'fargate-unsupported-parameter', severity: 'error', range: toTuple(rangeOf(document, '"privileged"')) },
    ]);
  });
});
