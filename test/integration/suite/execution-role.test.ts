// Across files: what the execution role's policy allows decides the task definition's diagnostics.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import {
  activateExtension,
  applyCodeAction,
  assertDiagnostics,
  changeAndWaitForDiagnostics,
  codeOf,
  editAndWaitForDiagnosticsOf,
  has,
  lacks,
  only,
  openFixtures,
  quickFixesFor,
  rangeOf,
  revertAndCloseAll,
  toTuple,
} from '../helpers';

const RULE = 'execution-role-permission';
const TASK = 'execution-role/task-definition.json';
const POLICY = 'execution-role/iam/execution-policy.json';
const PERMISSION = '"ecr:GetAuthorizationToken",';

suite('execution role (cross-file)', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test('removing a permission from the policy file shows on the task definition; putting it back clears it', async () => {
    const [task, policy] = await openFixtures(TASK, POLICY);
    const diagnostics = await editAndWaitForDiagnosticsOf(
      policy.document,
      { search: PERMISSION, replacement: '' },
      task.document.uri,
      has(RULE),
    );
    assertDiagnostics(only(diagnostics, RULE), [
      { code: RULE, severity: 'error', range: toTuple(rangeOf(task.document, '"123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2"')) },
    ]);
    assert.match(diagnostics.find((d) => codeOf(d) === RULE)!.message, /webExecutionRole lacks ecr:GetAuthorizationToken/);
    // Both ways: the policy edit is what made the difference.
    await editAndWaitForDiagnosticsOf(
      policy.document,
      { search: '"Action": [', replacement: `"Action": [\n        ${PERMISSION}` },
      task.document.uri,
      lacks(RULE),
    );
  });

  test('the quick fix on the task definition adds the missing permission to the policy file', async () => {
    const [task, policy] = await openFixtures(TASK, POLICY);
    const diagnostics = await editAndWaitForDiagnosticsOf(
      policy.document,
      { search: PERMISSION, replacement: '' },
      task.document.uri,
      has(RULE),
    );
    const fixes = await quickFixesFor(
      task.document.uri,
      diagnostics.find((d) => codeOf(d) === RULE)!,
    );
    const add = fixes.find((f) => f.title.startsWith('Add '));
    assert.ok(add, `quick fixes offered: ${JSON.stringify(fixes.map((f) => f.title))}`);
    await changeAndWaitForDiagnostics(task.document.uri, () => applyCodeAction(add), lacks(RULE));
    assert.match(policy.document.getText(), /ecr:GetAuthorizationToken/);
    assert.equal(task.document.isDirty, false, 'the fix edits the policy, not the task definition');
  });
});
