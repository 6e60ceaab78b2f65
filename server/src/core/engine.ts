// Runs the rules over every subject of a model. A rule that throws costs only its own findings. Subjects
// that are variants of one path are run one by one and their findings merged (core/variants.ts).
import type { JsonPath, Model, Subject } from './model';
import type { AnyRule, Finding, Report, Severity, SeveritySetting } from './rule';
import { sanitizeMessage } from './messages';
import { allRules } from './rules';
import type { CostOptions } from './taskdef/pricing';
import { groupSubjects, mergeVariantFindings } from './variants';
import { type DocumentContext, withOwnModel } from './workspace';

export interface AnalysisOptions {
  /** The document's uri, file name and workspace, for rules that look across files. */
  document?: DocumentContext;
  /** Per-rule severity overrides from settings. */
  ruleSettings?: Record<string, SeveritySetting>;
  /** The cost settings, for rules whose messages quote a price. */
  cost?: CostOptions;
  /** Checked between rules; a cancelled analysis returns what it has so far, flagged. */
  isCancelled?: () => boolean;
  rules?: readonly AnyRule[];
  /** Called when a rule throws; the default swallows the error. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface AnalysisResult {
  findings: Finding[];
  cancelled: boolean;
}

const ruleById = new Map(allRules.map((rule) => [rule.meta.id, rule]));

export function findRule(id: string): AnyRule | undefined {
  return ruleById.get(id);
}

export function analyze(model: Model, options: AnalysisOptions = {}): AnalysisResult {
  const findings: Finding[] = [];
  const rules = options.rules ?? allRules;
  const document = withOwnModel(options.document ?? {}, model);
  for (const variants of groupSubjects(model.subjects)) {
    for (const rule of rules) {
      if (!rule.meta.appliesTo.includes(variants[0].kind)) continue;
      const setting = options.ruleSettings?.[rule.meta.id];
      if (setting === 'off') continue;
      if (options.isCancelled?.()) return { findings, cancelled: true };
      const found = variants.map((subject) => check(rule, subject, model, document, options, setting));
      findings.push(...(variants.length === 1 && !variants[0].variant ? found[0] : mergeVariantFindings(variants, found)));
    }
  }
  return { findings, cancelled: false };
}

function check(
  rule: AnyRule,
  subject: Subject,
  model: Model,
  document: DocumentContext,
  options: AnalysisOptions,
  setting: Severity | undefined,
): Finding[] {
  const found: Finding[] = [];
  const report = (r: Report<unknown>) => found.push(toFinding(rule, subject, r, setting));
  try {
    rule.check({ subject, model, document, cost: options.cost, report });
    return found;
  } catch (error) {
    options.onRuleError?.(rule.meta.id, error);
    return [];
  }
}

function toFinding(rule: AnyRule, subject: Subject, report: Report<unknown>, setting: Severity | undefined): Finding {
  const subjectPath: JsonPath = subject.path;
  return {
    ruleId: rule.meta.id,
    severity: setting ?? report.severity ?? rule.meta.defaultSeverity,
    message: sanitizeMessage(report.message),
    path: [...subjectPath, ...report.path],
    target: report.target ?? 'value',
    subjectPath,
    ...(subject.variant ? { variant: subject.variant } : {}),
    ...(subject.resource ? { resource: subject.resource } : {}),
    data: report.data,
    related: report.related?.map((r) => ({ ...r, message: sanitizeMessage(r.message) })),
  };
}

/** The subject a finding was reported on: the same path and, for variants, the same choices. */
export function subjectOf(model: Model, subjectPath: JsonPath, choices?: Readonly<Record<string, string>>): Subject | undefined {
  const same = (a: JsonPath, b: JsonPath) => a.length === b.length && a.every((segment, i) => segment === b[i]);
  const chosen = (subject: Subject) =>
    !choices ||
    (subject.variant !== undefined && Object.entries(choices).every(([point, option]) => subject.variant!.choices[point] === option));
  return model.subjects.find((s) => same(s.path, subjectPath) && chosen(s));
}
