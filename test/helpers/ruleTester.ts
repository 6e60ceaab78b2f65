// A table-driven tester for rules, in the spirit of ESLint's RuleTester: each valid case must produce
// no finding of the rule, each invalid case exactly the listed findings (rule id, path, severity).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, Rule, Severity } from '../../server/src/core/rule';
import type { JsonPath } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { analyzeDocument, applyFix, documentOf, fixContextOf, text } from './documents';
import type { CostOptions } from '../../server/src/core/taskdef/pricing';

export interface ValidCase {
  name: string;
  json: unknown;
  fileName?: string;
  /** Other workspace files by path under the root file:///ws/ (the case's own file lies there too). */
  files?: Record<string, unknown>;
  /** The cost settings the rule and its fixes see (default: prices on, us-east-1). */
  cost?: CostOptions;
}

interface ExpectedFinding {
  path: JsonPath;
  severity?: Severity;
  /** A part of the message that must appear (for the wording that matters, such as listed values). */
  message?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /**
   * Title of a fix of the first finding and the JSON it must produce; `files` is the JSON of other workspace
   * files after the fix (edited or created).
   */
  fix?: { title: string | RegExp; output: unknown; files?: Record<string, unknown>; /** Whether Fix all may apply it. */ safe?: boolean };
  /** The titles of every fix of the first finding, in the order they are offered. */
  fixes?: string[];
}

const WORKSPACE_ROOT = 'file:///ws';

function workspaceOf(c: ValidCase): { uri?: string; workspace?: WorkspaceIndex } {
  if (!c.files) return {};
  const workspace = new WorkspaceIndex([WORKSPACE_ROOT]);
  const uri = `${WORKSPACE_ROOT}/${c.fileName ?? 'task-definition.json'}`;
  for (const [path, json] of Object.entries(c.files)) workspace.set(`${WORKSPACE_ROOT}/${path}`, text(json));
  workspace.set(uri, text(c.json));
  return { uri, workspace };
}

/** The findings of one rule on `json`; their data is that rule's data type, since only this rule ran. */
export function findingsOf<D>(rule: Rule<D>, json: unknown, fileName?: string, files?: Record<string, unknown>, cost?: CostOptions) {
  const { uri, workspace } = workspaceOf({ name: '', json, fileName, files });
  const document = documentOf(json, fileName, uri);
  const context = { uri, fileName, workspace };
  const findings = analyzeDocument(document, context, [rule], cost) as Finding<D>[];
  /** The fixes of a finding, as the editor would offer them. */
  const fixesOf = (finding: Finding<D>) => rule.fix?.(fixContextOf(document, finding, context, cost)) ?? [];
  return { document, uri, workspace, findings, fixesOf };
}

export function ruleTester<D>(rule: Rule<D>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  for (const c of cases.valid) {
    test(`${rule.meta.id} valid: ${c.name}`, () => {
      const { findings } = findingsOf(rule, c.json, c.fileName, c.files, c.cost);
      assert.deepEqual(
        findings.map((f) => ({ path: f.path, message: f.message })),
        [],
      );
    });
  }
  for (const c of cases.invalid) {
    test(`${rule.meta.id} invalid: ${c.name}`, () => {
      const { document, workspace, findings, fixesOf } = findingsOf(rule, c.json, c.fileName, c.files, c.cost);
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
      if (c.fix || c.fixes) {
        const fixes = fixesOf(findings[0]);
        if (c.fixes) {
          assert.deepEqual(
            fixes.map((f) => f.title),
            c.fixes,
          );
        }
        if (!c.fix) return;
        const fix = fixes.find((f) => (typeof c.fix!.title === 'string' ? f.title === c.fix!.title : c.fix!.title.test(f.title)));
        assert.ok(fix, `no fix titled ${c.fix.title}; got ${fixes.map((f) => f.title).join(' | ')}`);
        const texts = applyFix(fix, document, workspace);
        assert.ok(texts, `the fix "${fix.title}" cannot be rendered`);
        assert.deepEqual(JSON.parse(texts.get(document.uri) ?? document.text), c.fix.output);
        if (c.fix.safe !== undefined) assert.equal(!!fix.safe, c.fix.safe, `${fix.title}: safe`);
        if (c.fix.files) {
          const others = Object.fromEntries(
            [...texts]
              .filter(([uri]) => uri !== document.uri)
              .map(([uri, after]) => [uri.slice(WORKSPACE_ROOT.length + 1), JSON.parse(after)]),
          );
          assert.deepEqual(others, c.fix.files);
        }
      }
    });
  }
}
