// A table-driven tester for rules, in the spirit of ESLint's RuleTester: each valid case must produce
// no finding of the rule, each invalid case exactly the listed findings (rule id, path, severity).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { applyFileEdits } from '../../server/src/core/edits';
import { type JsonPath, parseJson } from '../../server/src/core/json';
import type { FileEdit, Finding, Rule, Severity } from '../../server/src/core/rule';
import type { CostOptions } from '../../server/src/core/taskdef/pricing';
import { WorkspaceIndex } from '../../server/src/core/workspace';

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

/** The text of each other file after the edits (created files included), by path under the root. */
function otherFilesAfter(workspace: WorkspaceIndex | undefined, edits: FileEdit[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const edit of edits) {
    const uri = 'createFile' in edit ? edit.createFile : edit.file;
    if (!uri) continue;
    const before = 'createFile' in edit ? edit.content : (workspace?.file(uri)?.document.text ?? '');
    const after =
      'createFile' in edit
        ? before
        : applyFileEdits(
            before,
            edits.filter((e) => 'file' in e && e.file === uri).map((e) => ({ ...e, file: undefined })),
          );
    result[uri.slice(WORKSPACE_ROOT.length + 1)] = JSON.parse(after);
  }
  return result;
}

function text(json: unknown): string {
  return typeof json === 'string' ? json : JSON.stringify(json, null, 2);
}

/** The findings of one rule on `json`; their data is that rule's data type, since only this rule ran. */
export function findingsOf<D>(rule: Rule<D>, json: unknown, fileName?: string, files?: Record<string, unknown>, cost?: CostOptions) {
  const document = parseJson(text(json));
  const { uri, workspace } = workspaceOf({ name: '', json, fileName, files });
  const findings = analyze(document, { fileName, uri, workspace, rules: [rule], cost }).findings as Finding<D>[];
  return { document, uri, workspace, findings };
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
      const { document, uri, workspace, findings } = findingsOf(rule, c.json, c.fileName, c.files, c.cost);
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
        const first = findings[0];
        const fixes =
          rule.fix?.({
            document,
            fileName: c.fileName,
            uri,
            workspace,
            path: first.path,
            subjectPath: first.subjectPath,
            data: first.data,
            cost: c.cost,
          }) ?? [];
        if (c.fixes) {
          assert.deepEqual(
            fixes.map((f) => f.title),
            c.fixes,
          );
        }
        if (!c.fix) return;
        const fix = fixes.find((f) => (typeof c.fix!.title === 'string' ? f.title === c.fix!.title : c.fix!.title.test(f.title)));
        assert.ok(fix, `no fix titled ${c.fix.title}; got ${fixes.map((f) => f.title).join(' | ')}`);
        assert.deepEqual(JSON.parse(applyFileEdits(document.text, fix.edits)), c.fix.output);
        if (c.fix.safe !== undefined) assert.equal(!!fix.safe, c.fix.safe, `${fix.title}: safe`);
        if (c.fix.files) assert.deepEqual(otherFilesAfter(workspace, fix.edits), c.fix.files);
      }
    });
  }
}
