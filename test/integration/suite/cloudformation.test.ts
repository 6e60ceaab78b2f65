// A CloudFormation template in YAML, in the editor: our diagnostics on the YAML nodes (a condition's
// branch named in the message), the size hover with the combinations, a quick fix that keeps the YAML, and
// nothing on a YAML file that is no template.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import {
  activateExtension,
  applyCodeAction,
  assertDiagnostics,
  codeOf,
  has,
  hoverMarkdown,
  lacks,
  only,
  openFixture,
  positionIn,
  quickFixesFor,
  rangeOf,
  revertAndCloseAll,
  toTuple,
  waitForDiagnostics,
} from '../helpers';

const SIZE = 'fargate-cpu-memory';
const NETWORK = 'fargate-network-mode';

suite('CloudFormation templates', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test('a YAML template gets our diagnostics on its nodes: the network mode, and the size of one Fn::If branch', async () => {
    const { document } = await openFixture('cloudformation/template.yaml');
    assert.equal(document.languageId, 'yaml');
    const diagnostics = only(await waitForDiagnostics(document.uri, has(SIZE, NETWORK)), SIZE, NETWORK);
    assertDiagnostics(diagnostics, [
      { code: NETWORK, severity: 'error', range: toTuple(rangeOf(document, 'bridge')) },
      { code: SIZE, severity: 'error', range: toTuple(rangeOf(document, '4096')) },
    ]);
    assert.match(diagnostics.find((d) => codeOf(d) === SIZE)!.message, /\(when condition IsProd is false\)$/);
  });

  test('hover on Cpu: the Fargate size table and the combinations of the condition', async () => {
    const { document } = await openFixture('cloudformation/template.yaml');
    const markdown = await hoverMarkdown(document.uri, positionIn(document, 'Cpu:', 1));
    assert.match(markdown, /\*\*Combinations\*\*: this task definition's values depend on condition IsProd\./);
    assert.match(markdown, /\| true \| 1024 \| 2048 \| ✓ valid \|/);
    assert.match(markdown, /\| false \| 256 \| 4096 \| ✗ not a size \|/);
    assert.match(markdown, /\| cpu \| vCPU \| memory \(MiB\) \| memory \(GB\) \|/);
  });

  test('the quick fix edits the YAML value in place', async () => {
    const editor = await openFixture('cloudformation/template.yaml');
    const [network] = only(await waitForDiagnostics(editor.document.uri, has(NETWORK)), NETWORK);
    const [fix] = await quickFixesFor(editor.document.uri, network);
    assert.equal(fix.title, 'Set networkMode to "awsvpc"');
    const before = editor.document.getText();
    await applyCodeAction(fix);
    await waitForDiagnostics(editor.document.uri, lacks(NETWORK));
    assert.equal(editor.document.getText(), before.replace('NetworkMode: bridge', 'NetworkMode: awsvpc'));
  });

  test('a YAML file that is no template gets nothing from us', async () => {
    const { document } = await openFixture('cloudformation/docker-compose.yml');
    assert.doesNotMatch(await hoverMarkdown(document.uri, positionIn(document, 'image', 1)), /Fargate|fargate-lint/);
    // The template next to it has its diagnostics by now; this file has none of ours.
    const template = await openFixture('cloudformation/template.yaml');
    await waitForDiagnostics(template.document.uri, has(NETWORK));
    assert.deepEqual(only(await waitForDiagnostics(document.uri, () => true), SIZE, NETWORK), []);
  });
});
