// Runs bench/cold-start.mjs against the built server so CI logs show the figures: time to the first
// diagnostics on a policy and the server's memory before and after hovering over six services. It asserts
// what the run did (diagnostics came, each hover answered), never how fast: timing belongs to the machine.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('cold start of the server on a policy (figures printed, not asserted)', async () => {
  const { coldStart } = await import('../../bench/cold-start.mjs');
  const r = await coldStart();
  console.log(
    `cold start: first diagnostics ${r.firstDiagnosticsMs.toFixed(0)} ms after spawn (${r.openToDiagnosticsMs.toFixed(0)} ms after didOpen); ` +
      `server RSS ${r.rssAfterDiagnosticsMiB.toFixed(1)} MiB after diagnostics, ${r.rssAfterHoversMiB.toFixed(1)} MiB after hovers on 6 services; ` +
      `a bare node process grows from ${r.reference.before.toFixed(1)} to ${r.reference.after.toFixed(1)} MiB by parsing all ${r.reference.files} iam-data files`,
  );
  assert.equal(r.diagnostics, 2, 'the bench policy has two findings (Effect "allow", logs:PutLogEvent)');
  assert.deepEqual(
    r.hovers.filter((h) => !h.ok).map((h) => h.action),
    [],
  );
});
