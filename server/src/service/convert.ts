// Turning core results (paths, offsets, file edits) into LSP types. The only place that knows both.
import {
  type CodeDescription,
  type Diagnostic,
  DiagnosticSeverity,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { subjectOf } from '../core/engine';
import type { JsonPath, Span } from '../core/model';
import { type Finding, type Severity, docsUrl } from '../core/rule';
import { replaceUnknown } from '../core/unknown';
import type { SourceDocument } from '../sources';
import type { RenderedEdits } from './edits';

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

/** A message as users read it: unknown markers replaced by what the document's source says they stand for. */
export function userMessage(message: string, document: SourceDocument): string {
  return replaceUnknown(message, (id) => document.describeUnknown(id));
}

/**
 * The diagnostic of a finding, or undefined when the finding is located in another document (a subject built
 * from several files reports each finding where it is written, once).
 */
export function findingToDiagnostic(
  finding: Finding,
  textDocument: TextDocument,
  document: SourceDocument,
  relatedDocument: (uri: string) => SourceDocument | undefined,
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
    const rangeDocument = target === document && uri === document.uri ? textDocument : TextDocument.create(uri, 'json', 0, target.text);
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

/**
 * A WorkspaceEdit from rendered fix edits. Offsets are turned into positions with the text each source parsed
 * (`textDocument` for the document the fix was asked for).
 */
export function toWorkspaceEdit(rendered: RenderedEdits, textDocument: TextDocument): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, { document, changes: textChanges }] of rendered.changes) {
    const target = uri === textDocument.uri ? textDocument : TextDocument.create(uri, 'json', 0, document.text);
    changes[uri] = textChanges.map((c) => ({
      range: { start: target.positionAt(c.offset), end: target.positionAt(c.offset + c.length) },
      newText: c.newText,
    }));
  }
  if (rendered.creates.length === 0) return { changes };
  return {
    documentChanges: [
      ...rendered.creates.flatMap((c) => [
        { kind: 'create' as const, uri: c.uri, options: { ignoreIfExists: true } },
        {
          textDocument: { uri: c.uri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.content }],
        },
      ]),
      ...Object.entries(changes).map(([u, e]) => ({ textDocument: { uri: u, version: null }, edits: e })),
    ],
  };
}
