// A table-driven tester for rules, as strict as ESLint's RuleTester:
//  - a valid case produces no finding of the rule; an invalid case produces exactly the listed findings
//    (rule id, path, target, severity, in order), and lists at least one;
//  - a case whose input repeats another case's fails (so does a repeated name);
//  - each finding says which fixes it is offered: `fix` when it has exactly one (applied: the text after it,
//    whether Fix all may apply it), `fixes` when it has several (all of them, in order: a title, or a fix
//    applied like `fix`), `fix: null` (or neither) when it has none;
//  - every fix offered, stated or not, renders to text its source reads back without a syntax problem;
//  - the rule leaves the model as it found it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, Fix, Rule, Severity } from '../../server/src/core/rule';
import type { JsonPath, Target } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { parseDocument } from '../../server/src/sources';
import { analyzeDocument, applyFix, documentOf, fixContextOf, plain, text } from './documents';
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

/** One fix of a finding, found by title, and what applying it produces. */
interface ExpectedFix {
  title: string | RegExp;
  /** The case's JSON after the fix. */
  output: unknown;
  /** The JSON of the other workspace files after the fix (edited or created), by path under file:///ws/. */
  files?: Record<string, unknown>;
  /** Whether Fix all may apply it (default: false). */
  safe?: boolean;
}

interface ExpectedFinding {
  path: JsonPath;
  /** The part of the node the finding is on (default: 'value'). */
  target?: Target;
  /** Default: the rule's default severity. */
  severity?: Severity;
  /** A part of the message that must appear (for the wording that matters, such as listed values). */
  message?: string | RegExp;
  /** The only fix of this finding and what it produces; `null`: no fix is offered (as when neither is given). */
  fix?: ExpectedFix | null;
  /** Every fix of this finding, in the order they are offered: its title, or what it produces. */
  fixes?: (string | ExpectedFix)[];
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
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

/** What makes two cases the same input: the text, its file name, the other files and the cost settings. */
function inputKey(c: ValidCase): string {
  return JSON.stringify([text(c.json), c.fileName ?? null, c.files ?? null, c.cost ?? null]);
}

function repeated(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

function titleMatches(expected: string | RegExp, title: string): boolean {
  return typeof expected === 'string' ? title === expected : expected.test(title);
}

/** Every text a fix produces parses again: the edited documents through their source, created JSON files as JSON. */
function assertRendersCleanly(fix: Fix, texts: Map<string, string> | undefined, label: string): void {
  assert.ok(texts, `${label}: the fix "${fix.title}" cannot be rendered`);
  for (const [uri, after] of texts) {
    const problems = parseDocument({ uri, text: after }).syntaxProblems;
    assert.deepEqual(
      problems.map((p) => p.message),
      [],
      `${label}: the fix "${fix.title}" leaves ${uri} unreadable:\n${after}`,
    );
  }
}

export interface RuleTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Runs a rule's table: one test for the table itself, one per case. */
export function ruleTester<D>(rule: Rule<D>, cases: RuleTable): void {
  const id = rule.meta.id;
  test(`${id}: the table has valid and invalid cases, none repeated`, () => checkTable(cases));
  for (const c of cases.valid) test(`${id} valid: ${c.name}`, () => checkValid(rule, c));
  for (const c of cases.invalid) test(`${id} invalid: ${c.name}`, () => checkInvalid(rule, c));
}

/** At least one case of each kind; no name and no input used twice. */
export function checkTable(cases: RuleTable): void {
  const all = [...cases.valid, ...cases.invalid];
  assert.ok(cases.valid.length > 0, 'no valid case');
  assert.ok(cases.invalid.length > 0, 'no invalid case');
  assert.deepEqual(repeated(all.map((c) => c.name)), [], 'case names used twice');
  const keys = all.map(inputKey);
  assert.deepEqual(
    all.filter((_, i) => keys.indexOf(keys[i]) !== i).map((c) => c.name),
    [],
    'cases whose input repeats an earlier case',
  );
}

export function checkValid<D>(rule: Rule<D>, c: ValidCase): void {
  const { document, findings } = findingsOf(rule, c.json, c.fileName, c.files, c.cost);
  assert.deepEqual(
    findings.map((f) => ({ path: f.path, message: f.message })),
    [],
  );
  assertUnchanged(document.model.value, c.json, rule.meta.id);
}

export function checkInvalid<D>(rule: Rule<D>, c: InvalidCase): void {
  const id = rule.meta.id;
  assert.ok(c.findings.length > 0, 'an invalid case lists at least one finding (a case without one is a valid case)');
  const { document, workspace, findings, fixesOf } = findingsOf(rule, c.json, c.fileName, c.files, c.cost);
  assert.deepEqual(
    findings.map((f) => ({ ruleId: f.ruleId, path: f.path, target: f.target })),
    c.findings.map((e) => ({ ruleId: id, path: e.path, target: e.target ?? 'value' })),
    `findings: ${JSON.stringify(findings.map((f) => f.message))}`,
  );
  c.findings.forEach((expected, i) => {
    const finding = findings[i];
    const label = `finding ${i} (${JSON.stringify(finding.path)})`;
    assert.equal(finding.severity, expected.severity ?? rule.meta.defaultSeverity, `${label}: ${finding.message}`);
    if (typeof expected.message === 'string') assert.ok(finding.message.includes(expected.message), finding.message);
    if (expected.message instanceof RegExp) assert.match(finding.message, expected.message);

    const fixes = fixesOf(finding);
    const titles = fixes.map((f) => f.title);
    const rendered = new Map(fixes.map((fix) => [fix, applyFix(fix, document, workspace)]));
    for (const [fix, texts] of rendered) assertRendersCleanly(fix, texts, label);

    if (expected.fix !== undefined && expected.fixes !== undefined) assert.fail(`${label}: give \`fix\` or \`fixes\`, not both`);
    if (expected.fixes) {
      assert.deepEqual(
        titles,
        expected.fixes.map((f, k) => (typeof f === 'string' ? f : titleMatches(f.title, titles[k] ?? '') ? titles[k] : String(f.title))),
        `${label}: the fixes offered`,
      );
      expected.fixes.forEach((f, k) => {
        if (typeof f !== 'string') assertFix(fixes[k], rendered.get(fixes[k])!, f, document.uri, document.text, label);
      });
    } else if (expected.fix) {
      assert.ok(fixes.length > 0, `${label} is offered no fix, not ${expected.fix.title}`);
      assert.equal(fixes.length, 1, `${label} is offered ${titles.length} fixes (${titles.join(' | ')}): list them in \`fixes\``);
      assert.ok(titleMatches(expected.fix.title, titles[0]), `${label}: the fix is titled "${titles[0]}", not ${expected.fix.title}`);
      assertFix(fixes[0], rendered.get(fixes[0])!, expected.fix, document.uri, document.text, label);
    } else if (expected.fix === null) {
      assert.deepEqual(titles, [], `${label} has \`fix: null\`, but it is offered fixes`);
    } else {
      assert.deepEqual(titles, [], `${label} is offered fixes: state them with \`fix\` or \`fixes\``);
    }
  });
  assertUnchanged(document.model.value, c.json, id);
}

/** A fix applied: the case's JSON after it, the other files after it, and whether Fix all may apply it. */
function assertFix(fix: Fix, texts: Map<string, string>, expected: ExpectedFix, uri: string, before: string, label: string): void {
  assert.deepEqual(JSON.parse(texts.get(uri) ?? before), expected.output, `${label}: the text after "${fix.title}"`);
  assert.equal(!!fix.safe, expected.safe ?? false, `${label}: whether Fix all applies "${fix.title}"`);
  if (expected.files) {
    const others = Object.fromEntries(
      [...texts].filter(([other]) => other !== uri).map(([other, after]) => [other.slice(WORKSPACE_ROOT.length + 1), JSON.parse(after)]),
    );
    assert.deepEqual(others, expected.files, `${label}: the other files after "${fix.title}"`);
  }
}

/** A rule must not change the model it reads (other rules and the fixes read it after). */
function assertUnchanged(model: unknown, json: unknown, id: string): void {
  if (typeof json === 'string') return; // Text cases (duplicate keys, broken JSON) have no value to compare.
  // plain(): model objects have no prototype (sources/json/parse.ts); the comparison is of their content.
  assert.deepEqual(plain(model), JSON.parse(JSON.stringify(json)), `${id} changed the model it was given`);
}
