// Runs the rules over every subject of a document. A rule that throws costs only its own findings.
import type { JsonDocument, JsonPath } from './json';
import { type Classification, classify } from './classify';
import type { AnyRule, Finding, Report, Severity, SeveritySetting } from './rule';
import { sanitizeMessage } from './messages';
import { allRules } from './rules';
import type { WorkspaceView } from './workspace';

export interface AnalysisOptions {
  fileName?: string;
  /** The document's URI, for rules that look across files. */
  uri?: string;
  /** Per-rule severity overrides from settings. */
  ruleSettings?: Record<string, SeveritySetting>;
  workspace?: WorkspaceView;
  /** Checked between rules; a cancelled analysis returns what it has so far, flagged. */
  isCancelled?: () => boolean;
  rules?: readonly AnyRule[];
  /** Called when a rule throws; the default swallows the error. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface AnalysisResult {
  classification: Classification;
  findings: Finding[];
  cancelled: boolean;
}

const ruleById = new Map(allRules.map((rule) => [rule.meta.id, rule]));

export function findRule(id: string): AnyRule | undefined {
  return ruleById.get(id);
}

export function analyze(document: JsonDocument, options: AnalysisOptions = {}): AnalysisResult {
  const classification = classify(document, options.fileName);
  const findings: Finding[] = [];
  const rules = options.rules ?? allRules;
  for (const subject of classification.subjects) {
    for (const rule of rules) {
      if (!rule.meta.appliesTo.includes(subject.kind)) continue;
      const setting = options.ruleSettings?.[rule.meta.id];
      if (setting === 'off') continue;
      if (options.isCancelled?.()) return { classification, findings, cancelled: true };
      const found: Finding[] = [];
      const report = (r: Report<unknown>) => found.push(toFinding(rule, subject.path, r, setting));
      try {
        rule.check({ subject, document, fileName: options.fileName, uri: options.uri, workspace: options.workspace, report });
        findings.push(...found);
      } catch (error) {
        options.onRuleError?.(rule.meta.id, error);
      }
    }
  }
  return { classification, findings, cancelled: false };
}

function toFinding(rule: AnyRule, subjectPath: JsonPath, report: Report<unknown>, setting: Severity | undefined): Finding {
  return {
    ruleId: rule.meta.id,
    severity: setting ?? report.severity ?? rule.meta.defaultSeverity,
    message: sanitizeMessage(report.message),
    path: [...subjectPath, ...report.path],
    target: report.target ?? 'value',
    subjectPath,
    data: report.data,
    related: report.related?.map((r) => ({ ...r, message: sanitizeMessage(r.message) })),
  };
}
