// Variants: several subjects with one path, one per resolution of a choice (a CloudFormation condition, a
// parameter with AllowedValues). Hand-built models, as a source would emit them: the engine reports a
// finding when some choice fails whatever the others are, and names that choice in the message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, subjectOf } from '../../server/src/core/engine';
import type { Model, Subject, Variant } from '../../server/src/core/model';
import type { Rule } from '../../server/src/core/rule';
import { fargateCpuMemory } from '../../server/src/core/rules/task-definition/fargate-cpu-memory';
import { MAX_VARIANTS } from '../../server/src/core/variants';
import { findingToDiagnostic } from '../../server/src/service/convert';
import { documentOf } from '../helpers/documents';
import { fargateTask } from '../helpers/taskdefs';

const LABELS = { IsProd: 'condition IsProd', BigMemory: 'condition BigMemory', CpuParam: 'parameter CpuParam' };

function variant(choices: Record<string, string>): Variant {
  return { choices, labels: LABELS };
}

/** One task-definition subject per variant, all at the path of the resource's Properties. */
function model(variants: [Record<string, string>, { cpu: string; memory: string }][]): Model {
  const path = ['Resources', 'TaskDef', 'Properties'];
  const subjects: Subject[] = variants.map(([choices, size]) => ({
    kind: 'task-definition',
    path,
    value: fargateTask(undefined, size),
    resource: 'TaskDef',
    variant: variant(choices),
  }));
  return { kind: 'cloudformation-template', label: 'test', value: {}, subjects, duplicateKeys: [] };
}

const messages = (m: Model) => analyze(m, { rules: [fargateCpuMemory] }).findings.map((f) => f.message.replace(/^.*?(\(when|$)/, '$1'));

test('one condition taken the same way everywhere: both branches valid, nothing to report', () => {
  const m = model([
    [{ IsProd: 'true' }, { cpu: '1024', memory: '2048' }],
    [{ IsProd: 'false' }, { cpu: '256', memory: '512' }],
  ]);
  assert.deepEqual(messages(m), []);
});

test('one branch fails: reported once, with the branch named', () => {
  const m = model([
    [{ IsProd: 'true' }, { cpu: '1024', memory: '2048' }],
    [{ IsProd: 'false' }, { cpu: '256', memory: '4096' }],
  ]);
  assert.deepEqual(messages(m), ['(when condition IsProd is false)']);
  const [finding] = analyze(m, { rules: [fargateCpuMemory] }).findings;
  assert.deepEqual(finding.variant?.choices, { IsProd: 'false' }, 'the finding is the failing variant’s, for its fix');
  assert.equal(finding.resource, 'TaskDef');
});

test('the slice names what the template wrote, with control characters escaped like the rest of the message', () => {
  const path = ['Resources', 'TaskDef', 'Properties'];
  const labels = { Env: 'condition Is\u001b[2JProd' };
  const subjects: Subject[] = [
    ['true', { cpu: '1024', memory: '2048' }],
    ['\u0007false', { cpu: '256', memory: '4096' }],
  ].map(([option, size]) => ({
    kind: 'task-definition',
    path,
    value: fargateTask(undefined, size as { cpu: string; memory: string }),
    variant: { choices: { Env: option as string }, labels },
  }));
  const m: Model = { kind: 'cloudformation-template', label: 'test', value: {}, subjects, duplicateKeys: [] };
  assert.deepEqual(messages(m), ['(when condition Is\\u001b[2JProd is \\u0007false)']);
});

test('every variant fails: one finding, no slice in the message', () => {
  const m = model([
    [{ IsProd: 'true' }, { cpu: '256', memory: '4096' }],
    [{ IsProd: 'false' }, { cpu: '256', memory: '8192' }],
  ]);
  assert.deepEqual(messages(m), ['']);
});

test('two independent conditions: a pair is reported only where it fails for every value of the other', () => {
  // cpu follows IsProd, memory follows BigMemory; only 256 with 8192 is invalid.
  const onlyOne = model([
    [
      { IsProd: 'true', BigMemory: 'true' },
      { cpu: '1024', memory: '8192' },
    ],
    [
      { IsProd: 'true', BigMemory: 'false' },
      { cpu: '1024', memory: '2048' },
    ],
    [
      { IsProd: 'false', BigMemory: 'true' },
      { cpu: '256', memory: '8192' },
    ],
    [
      { IsProd: 'false', BigMemory: 'false' },
      { cpu: '256', memory: '512' },
    ],
  ]);
  assert.deepEqual(messages(onlyOne), []);
  // With memory 4096 for BigMemory false, cpu 256 fails whatever BigMemory is.
  const wholeBranch = model([
    [
      { IsProd: 'true', BigMemory: 'true' },
      { cpu: '1024', memory: '8192' },
    ],
    [
      { IsProd: 'true', BigMemory: 'false' },
      { cpu: '1024', memory: '4096' },
    ],
    [
      { IsProd: 'false', BigMemory: 'true' },
      { cpu: '256', memory: '8192' },
    ],
    [
      { IsProd: 'false', BigMemory: 'false' },
      { cpu: '256', memory: '4096' },
    ],
  ]);
  assert.deepEqual(messages(wholeBranch), ['(when condition IsProd is false)']);
});

test('a parameter with allowed values, and two slices that both fail', () => {
  const m = model([
    [
      { CpuParam: '256', IsProd: 'true' },
      { cpu: '256', memory: '8192' },
    ],
    [
      { CpuParam: '256', IsProd: 'false' },
      { cpu: '256', memory: '4096' },
    ],
    [
      { CpuParam: '1024', IsProd: 'true' },
      { cpu: '1024', memory: '8192' },
    ],
    [
      { CpuParam: '1024', IsProd: 'false' },
      { cpu: '1024', memory: '512' },
    ],
  ]);
  assert.deepEqual(messages(m), ['(when parameter CpuParam is 256, or when condition IsProd is false)']);
});

test(`at most ${MAX_VARIANTS} variants of one path are run`, () => {
  let runs = 0;
  const counting: Rule = {
    meta: { id: 'test-count', title: 'counts', defaultSeverity: 'warning', appliesTo: ['task-definition'] },
    check: () => void runs++,
  };
  const many = model(Array.from({ length: 70 }, (_, i) => [{ CpuParam: String(i) }, { cpu: '256', memory: '512' }]));
  analyze(many, { rules: [counting] });
  assert.equal(runs, MAX_VARIANTS);
});

test('the diagnostic carries the variant, and the code action finds that subject again', () => {
  const m = model([
    [{ IsProd: 'true' }, { cpu: '1024', memory: '2048' }],
    [{ IsProd: 'false' }, { cpu: '256', memory: '4096' }],
  ]);
  const [finding] = analyze(m, { rules: [fargateCpuMemory] }).findings;
  // A JSON document stands in for the template's text; only its locations are used here.
  const source = { ...documentOf('{}'), model: m, locate: () => ({ offset: 0, length: 2 }) };
  const diagnostic = findingToDiagnostic(finding, TextDocument.create(source.uri, 'json', 1, '{}'), source, () => undefined)!;
  const data = diagnostic.data as { subjectPath: (string | number)[]; variant: Record<string, string>; resource: string };
  assert.deepEqual(data.variant, { IsProd: 'false' });
  assert.equal(data.resource, 'TaskDef');
  assert.equal(subjectOf(m, data.subjectPath, data.variant), m.subjects[1]);
});
