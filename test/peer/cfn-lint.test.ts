// cfn-lint's ECS task-definition unit-test cases (../shared/peer-tests), run through our CLI, as the ECS API
// JSON they were converted to and again as CloudFormation YAML templates (their properties named back with
// the CloudFormation source's own table). A case that cfn-lint reports must get at least one error from the
// rules mapped to its cfn-lint rule; a case it accepts must get none from them. Other rules may say other
// things (the README of the cases lists why; test/peer/README.md says how the two sides compare).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { FileReport } from '../../server/src/cli/report';
import { stringify } from 'yaml';
import { findRule } from '../../server/src/core/engine';
import { TASK_DEFINITION, toTemplate } from '../../server/src/sources/cloudformation/ecs';
import { CFN_LINT_ECS_RULES } from '../helpers/cfn-lint';
import { SHARED, skipWithoutShared } from '../helpers/shared.mjs';

const CASES = join(SHARED, 'peer-tests', 'cfn-lint-ecs-cases.json');
const skip = skipWithoutShared('peer-tests', 'cfn-lint-ecs-cases.json');

const MAPPING = CFN_LINT_ECS_RULES;

interface PeerCase {
  source: string;
  cfnRule: string;
  taskDefinition: unknown;
  expectError: boolean;
  what: string;
}

const cases: PeerCase[] = skip ? [] : JSON.parse(readFileSync(CASES, 'utf8'));

/** A case as a template: the task definition's properties in CloudFormation's names, in YAML. */
function asTemplate(taskDefinition: unknown): string {
  return stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: { TaskDefinition: { Type: 'AWS::ECS::TaskDefinition', Properties: toTemplate(taskDefinition, TASK_DEFINITION) } },
  });
}

for (const form of ['json', 'yaml'] as const)
  describe(`cfn-lint ECS cases as peer tests (${form === 'json' ? 'ECS API JSON' : 'CloudFormation YAML templates'})`, { skip }, () => {
    let dir: string;
    const reports = new Map<string, FileReport>();
    const fileOf = (i: number) => join(dir, `case-${String(i).padStart(2, '0')}.${form}`);

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'fargate-lint-peer-'));
      cases.forEach((c, i) =>
        writeFileSync(fileOf(i), form === 'json' ? JSON.stringify(c.taskDefinition, null, 2) : asTemplate(c.taskDefinition)),
      );
      let output = '';
      await run(
        ['--format', 'json', ...cases.map((_, i) => fileOf(i))],
        (text) => (output += text),
        () => undefined,
      );
      for (const report of JSON.parse(output) as FileReport[]) reports.set(report.file, report);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('the cases are where CI has them, and every cfn-lint rule in them is mapped', () => {
      assert.equal(cases.length, 36);
      assert.deepEqual(
        [...new Set(cases.map((c) => c.cfnRule))].filter((r) => !MAPPING[r]),
        [],
      );
    });

    cases.forEach((c, i) => {
      const rules = MAPPING[c.cfnRule] ?? [];
      const id = c.source.replace(/^cfn-lint test\/unit\/rules\/resources\/ecs\//, '');
      test(`${c.cfnRule} ${c.expectError ? 'reported' : 'accepted'}: ${id}`, () => {
        assert.deepEqual(
          rules.filter((ruleId) => !findRule(ruleId)),
          [],
          'every mapped rule exists',
        );
        const report = [...reports.values()].find((r) => r.file.endsWith(`case-${String(i).padStart(2, '0')}.${form}`));
        assert.ok(report, `no report for case ${i}`);
        assert.equal(report.kind, form === 'json' ? 'task-definition' : 'cloudformation-template');
        const errors = report.diagnostics.filter((d) => d.severity === 'error' && rules.includes(d.rule));
        const shown = JSON.stringify(errors.map((d) => `${d.rule}: ${d.message}`));
        if (c.expectError) assert.ok(errors.length > 0, `expected an error from ${rules.join(' / ')} (${c.what}); got none`);
        else assert.deepEqual(errors, [], `expected no error from ${rules.join(' / ')} (${c.what}); got ${shown}`);
      });
    });
  });
