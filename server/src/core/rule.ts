// The shape of a rule: metadata, a pure check over one subject of the model, and optional fixes computed
// from the finding's data. Nothing here knows about syntax or LSP; findings are addressed by model path,
// and fixes return model edits that the document's source turns into text.
import type { JsonPath, Model, ModelEdit, Subject, SubjectKind, Target, Variant } from './model';
import type { DocumentContext } from './workspace';
import type { CostOptions } from './taskdef/pricing';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

const DOCS_BASE_URL = 'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/';

export interface RuleMeta {
  /** Stable kebab-case id; also the diagnostic code and the docs page name. */
  id: string;
  title: string;
  defaultSeverity: Severity;
  appliesTo: readonly SubjectKind[];
  /** True when at least one of its findings can carry a quick fix. */
  fixable?: boolean;
}

/** Another place that explains a finding, possibly in another file. */
export interface RelatedLocation {
  /** A file URI; absent means the document being analysed. */
  file?: string;
  path: JsonPath;
  message: string;
}

/** One finding as a rule reports it. `D` is the data its fix needs (none by default). */
export interface Report<D = never> {
  /** Relative to the subject. */
  path: JsonPath;
  message: string;
  target?: Target;
  /** Overrides the rule's default severity for this finding (e.g. an information-level note). */
  severity?: Severity;
  /** Whatever the rule's fix needs; it travels in Diagnostic.data, so it must survive JSON. */
  data?: D;
  related?: RelatedLocation[];
}

/** A report as the engine returns it, with its rule and absolute path. `D`: the data, when the rule is known. */
export interface Finding<D = unknown> {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute within the document. */
  path: JsonPath;
  target: Target;
  /** Path of the subject the rule looked at. */
  subjectPath: JsonPath;
  /** The subject's variant, when it has one: with `subjectPath`, what finds the subject again for a fix. */
  variant?: Variant;
  /** The subject's resource address (CloudFormation logical id, Terraform address), when it has one. */
  resource?: string;
  data?: D;
  related?: RelatedLocation[];
}

export interface RuleContext<D = never> {
  readonly subject: Subject;
  /** The whole document's model (other subjects, the duplicate keys). */
  readonly model: Model;
  readonly document: DocumentContext;
  /** How prices are shown in messages (the cost settings); rules that quote a price read it. */
  readonly cost?: CostOptions;
  report(report: Report<D>): void;
}

export interface Fix {
  title: string;
  /** Model edits (core/model.ts helpers set, append, remove, ...); never text, except a source-given `text` edit. */
  edits: ModelEdit[];
  isPreferred?: boolean;
  /** Safe fixes are applied by "Fix all": they cannot change what the task means beyond the rule's intent. */
  safe?: boolean;
}

export interface FixContext<D = never> {
  readonly model: Model;
  /** The subject the finding is about (the same variant). */
  readonly subject: Subject;
  readonly document: DocumentContext;
  /** Absolute path of the finding. */
  readonly path: JsonPath;
  readonly subjectPath: JsonPath;
  /** The data the rule reported with the finding; undefined when it reported none. */
  readonly data: D | undefined;
  /** How prices are shown in fix titles (the cost settings). */
  readonly cost?: CostOptions;
  /**
   * URIs (canonical, core/uris.ts) where a new file must not be created: something the workspace index does
   * not hold is there on disk. A fix that creates a file picks a name outside these and the index; when it
   * picks a taken one anyway, it is not offered (service/editGuard.ts).
   */
  readonly takenFiles?: ReadonlySet<string>;
}

/**
 * A rule whose findings carry data of type `D` for its fix: `report({ data })` and `fix({ data })` agree on
 * the type. A rule without data is `Rule`. The data comes back from the editor in Diagnostic.data, so a
 * fix reads it defensively (it may be absent).
 */
export interface Rule<D = never> {
  meta: RuleMeta;
  check(context: RuleContext<D>): void;
  fix?(context: FixContext<D>): Fix[];
}

/**
 * Any rule, whatever its data: the element type of the registries and of what runs them. The engine
 * passes each rule's own data back to it and never reads it, so the data type stops mattering here.
 */
export type AnyRule = Rule<any>;

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
