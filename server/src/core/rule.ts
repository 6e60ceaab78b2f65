// The shape of a rule: metadata, a pure check over one subject, and optional fixes computed from the
// finding's data. Nothing here knows about LSP; findings are addressed by JSON path.
import type { JsonDocument, JsonPath, Target } from './json';
import type { Subject, SubjectKind } from './classify';
import type { WorkspaceView } from './workspace';

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

export interface Report {
  /** Relative to the subject. */
  path: JsonPath;
  message: string;
  target?: Target;
  /** Overrides the rule's default severity for this finding (e.g. an information-level note). */
  severity?: Severity;
  /** Whatever the rule's fix needs; it travels in Diagnostic.data. */
  data?: unknown;
  related?: RelatedLocation[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute within the document. */
  path: JsonPath;
  target: Target;
  /** Path of the subject the rule looked at. */
  subjectPath: JsonPath;
  data?: unknown;
  related?: RelatedLocation[];
}

export interface RuleContext {
  readonly subject: Subject;
  readonly document: JsonDocument;
  readonly fileName?: string;
  /** The document's URI, when it has one (to find files that refer to it, or that it refers to). */
  readonly uri?: string;
  /** Other files of the workspace (policies, roles), when the caller indexed them. */
  readonly workspace?: WorkspaceView;
  report(report: Report): void;
}

/** One text change. `file` absent means the document the fix was asked for. */
export type FileEdit = { file?: string; offset: number; length: number; newText: string } | { createFile: string; content: string };

export interface Fix {
  title: string;
  edits: FileEdit[];
  isPreferred?: boolean;
  /** Safe fixes are applied by "Fix all": they cannot change what the task means beyond the rule's intent. */
  safe?: boolean;
}

export interface FixContext {
  readonly document: JsonDocument;
  readonly fileName?: string;
  /** Absolute path of the finding. */
  readonly path: JsonPath;
  readonly subjectPath: JsonPath;
  readonly data: unknown;
  readonly uri?: string;
  readonly workspace?: WorkspaceView;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
  fix?(context: FixContext): Fix[];
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
