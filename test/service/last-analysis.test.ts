// The findings of the last validation, which Fix all's first round takes: only for the same parse, workspace
// version, settings and rules turned off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/core/rule';
import { LastAnalysis } from '../../server/src/service/lastAnalysis';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import type { SourceDocument } from '../../server/src/sources';

const findings = [{ ruleId: 'fargate-network-mode', path: ['networkMode'] }] as unknown as Finding[];

test('LastAnalysis: the findings of the same parse, workspace version, settings and rules turned off; none otherwise', () => {
  const document = {} as SourceDocument;
  const workspace = new WorkspaceIndex(['file:///ws']);
  const last = new LastAnalysis();
  assert.equal(last.findingsOf(document, workspace, DEFAULT_SETTINGS), undefined, 'nothing remembered yet');
  last.remember(document, workspace, DEFAULT_SETTINGS, {}, findings);
  assert.equal(last.findingsOf(document, workspace, DEFAULT_SETTINGS), findings);
  assert.equal(last.findingsOf({} as SourceDocument, workspace, DEFAULT_SETTINGS), undefined, 'another parse');
  assert.equal(last.findingsOf(document, new WorkspaceIndex(['file:///ws']), DEFAULT_SETTINGS), undefined, 'another workspace');
  assert.equal(last.findingsOf(document, workspace, { ...DEFAULT_SETTINGS }), undefined, 'other settings');
  // The validation ran with a rule off that the settings leave on (as a preset turning it off would): its findings lack that rule's.
  last.remember(document, workspace, DEFAULT_SETTINGS, { 'fargate-network-mode': 'off' }, []);
  assert.equal(last.findingsOf(document, workspace, DEFAULT_SETTINGS), undefined, 'other rules turned off');
  const off = { ...DEFAULT_SETTINGS, rules: { 'fargate-network-mode': 'off' as const } };
  last.remember(document, workspace, off, { 'fargate-network-mode': 'off', 'readonly-root-filesystem': 'warning' }, []);
  assert.deepEqual(last.findingsOf(document, workspace, off), [], 'the same rules off, other severities');
  workspace.set('file:///ws/policy.json', '{}', 'json');
  assert.equal(last.findingsOf(document, workspace, off), undefined, 'the workspace changed since');
});
