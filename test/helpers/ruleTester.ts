// A table-driven tester for rules, in the spirit of ESLint's RuleTester: each valid case must produce
// no finding of the rule, each invalid case exactly the listed findings (rule id, path, severity).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { applyFileEdits } from '../../server/src/core/edits';
import { type JsonPath, parseJson } from '../../server/src/core/json';
import type { Rule, Severity } from '../../server/src/core/rule';

export interface ValidCase {
  name: string;
  json: unknown;
  fileName?: string;
}

export interface ExpectedFinding {
  path: JsonPath;
  severity?: Severity;
  /** A part of the message that must appear (for the wording that matters, such as listed values). */
  message?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /** Title of a fix of the first finding and the JSON it must produce. */
  fix?: { title: string | RegExp; output: unknown };
}

export function text(json: unknown): string {
  return typeof json === 'string' ? json : JSON.stringify(json, null, 2);
}

export function findingsOf(rule: Rule, json: unknown, fileName?: string) {
  const document = parseJson(text(json));
  return { document, findings: analyze(document, { fileName, rules: [rule] }).findings };
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  for (const c of cases.valid) {
    test(`${rule.meta.id} valid: ${c.name}`, () => {
      const { findings } = findingsOf(rule, c.json, c.fileName);
      assert.deepEqual(findings.map((f) => ({ path: f.path, message: f.message })), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${rule.meta.id} invalid: ${c.name}`, () => {
      const { document, findings } = findingsOf(rule, c.json, c.fileName);
      assert.deepEqual(
        findings.map((f) => ({ ruleId: f.ruleId, path: f.path })),
        c.findings.map((e) => ({ ruleId: rule.meta.id, path: e.path })),
        `findings: ${JSON.stringify(findings.map((f) => f.message))}`,
      );
      c.findings.forEach((expected, i) => {
        assert.equal(findings[i].severity, expected.severity ?? rule.meta.defaultSeverity, findings[i].message);
        if (typeof expected.message === 'string') assert.ok(findings[i].message.includes(expected.message), findings[i].message);
        if (expected.message instanceof RegExp) assert.match(findings[i].message, expected.message);
      });
      if (c.fix) {
        const first = findings[0];
        const fixes = rule.fix?.({ document, fileName: c.fileName, path: first.path, subjectPath: first.subjectPath, data: first.data }) ?? [];
        const fix = fixes.find((f) => (typeof c.fix!.title === 'string' ? f.title === c.fix!.title : c.fix!.title.test(f.title)));
        assert.ok(fix, `no fix titled ${c.fix.title}; got ${fixes.map((f) => f.title).join(' | ')}`);
        assert.deepEqual(JSON.parse(applyFileEdits(document.text, fix.edits)), c.fix.output);
      }
    });
  }
}
