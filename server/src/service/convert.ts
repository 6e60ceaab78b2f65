// Turning core results (paths, offsets) into LSP types. The only place that knows both (with editGuard.ts,
// which turns fix edits into the WorkspaceEdit it lets through).
import {
  type CodeDescription,
  type Diagnostic,
  DiagnosticSeverity,
  type DiagnosticRelatedInformation,
  type Range,
} from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { subjectOf } from '../core/engine';
import type { JsonPath, Span } from '../core/model';
import { sanitizeMessage } from '../core/messages';
import { type Finding, type Severity, docsUrl } from '../core/rule';
import { replaceUnknown } from '../core/unknown';
import type { SourceDocument } from '../sources';

export const SOURCE = 'fargate-lint';

/** What a diagnostic carries for its quick fix: where the finding is, and which subject (and variant) it is about. */
export interface DiagnosticData {
  path: JsonPath;
  subjectPath: JsonPath;
  /** The variant's choices, when the subject has variants. */
  variant?: Record<string, string>;
  /** The subject's resource address (CloudFormation logical id, Terraform address), for the CLI's json and sarif. */
  resource?: string;
  payload?: unknown;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity];
}

export function fromSeverity(severity: DiagnosticSeverity | undefined): Severity {
  switch (severity) {
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'information';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'error';
  }
}

export function spanToRange(textDocument: TextDocument, span: Span): Range {
  return { start: textDocument.positionAt(span.offset), end: textDocument.positionAt(span.offset + span.length) };
}

export function codeDescription(ruleId: string): CodeDescription {
  return { href: docsUrl(ruleId) };
}

/**
 * A message as users read it: unknown markers replaced by what the document's source says they stand for.
 * The message was made safe where it was made (core/messages.ts); what replaces a marker comes from the
 * document's text (a parameter's name, a variable's), so it is made safe here, as it goes in.
 */
export function userMessage(message: string, document: SourceDocument): string {
  return replaceUnknown(message, (id) => {
    const described = document.describeUnknown(id);
    return described === undefined ? undefined : sanitizeMessage(described);
  });
}

/**
 * The diagnostic of a finding, or undefined when the finding is located in another document (a subject built
 * from several files reports each finding where it is written, once).
 */
/** Line tables of other documents, by URI, made once for many findings that point into them. */
export type LineTables = Map<string, TextDocument>;

export function findingToDiagnostic(
  finding: Finding,
  textDocument: TextDocument,
  document: SourceDocument,
  relatedDocument: (uri: string) => SourceDocument | undefined,
  lineTables: LineTables = new Map(),
): Diagnostic | undefined {
  const subject = subjectOf(document.model, finding.subjectPath, finding.variant?.choices);
  const location = document.locate(finding.path, finding.target, subject);
  if (!location || (location.uri !== undefined && location.uri !== document.uri)) return undefined;
  const data: DiagnosticData = { path: finding.path, subjectPath: finding.subjectPath, payload: finding.data };
  if (finding.variant) data.variant = { ...finding.variant.choices };
  if (finding.resource) data.resource = finding.resource;
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related ?? []) {
    const target = r.file ? relatedDocument(r.file) : document;
    const at = target?.locate(r.path, 'value');
    if (!target || !at) continue;
    const uri = at.uri ?? target.uri;
    const rangeDocument = target === document && uri === document.uri ? textDocument : lineTable(lineTables, uri, target.text);
    related.push({ location: { uri, range: spanToRange(rangeDocument, at) }, message: userMessage(r.message, target) });
  }
  return {
    range: spanToRange(textDocument, location),
    severity: toSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: codeDescription(finding.ruleId),
    source: SOURCE,
    // Plan JSON is generated text, mostly on one line: the resource's address says what a finding is about.
    message: `${document.source === 'terraform-plan' && finding.resource ? `${finding.resource}: ` : ''}${userMessage(finding.message, document)}`,
    data,
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

function lineTable(tables: LineTables, uri: string, text: string): TextDocument {
  let table = tables.get(uri);
  if (table?.getText() !== text) tables.set(uri, (table = TextDocument.create(uri, 'json', 0, text)));
  return table;
}
