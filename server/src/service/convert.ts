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
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type JsonDocument, type JsonPath, type Span, locate } from '../core/json';
import { type FileEdit, type Finding, type Severity, docsUrl } from '../core/rule';

export const SOURCE = 'fargate-lint';

/** What a diagnostic carries for its quick fix. */
export interface DiagnosticData {
  path: JsonPath;
  subjectPath: JsonPath;
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

export interface RelatedDocument {
  uri: string;
  textDocument: TextDocument;
  document: JsonDocument;
}

export function findingToDiagnostic(
  finding: Finding,
  textDocument: TextDocument,
  document: JsonDocument,
  relatedDocument: (uri: string) => RelatedDocument | undefined,
): Diagnostic {
  const data: DiagnosticData = { path: finding.path, subjectPath: finding.subjectPath, payload: finding.data };
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related ?? []) {
    const target = r.file ? relatedDocument(r.file) : { uri: textDocument.uri, textDocument, document };
    if (!target) continue;
    related.push({
      location: { uri: target.uri, range: spanToRange(target.textDocument, locate(target.document, r.path)) },
      message: r.message,
    });
  }
  return {
    range: spanToRange(textDocument, locate(document, finding.path, finding.target)),
    severity: toSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: codeDescription(finding.ruleId),
    source: SOURCE,
    message: finding.message,
    data,
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

/**
 * A WorkspaceEdit from fix edits. Edits of other files are converted with those files' texts,
 * which the workspace view holds; an edit whose file it does not know is dropped.
 */
export function toWorkspaceEdit(
  uri: string,
  textDocument: TextDocument,
  edits: FileEdit[],
  textDocumentOf: (uri: string) => TextDocument | undefined,
): WorkspaceEdit | undefined {
  const changes = Object.create(null) as Record<string, TextEdit[]>;
  const creates: { uri: string; content: string }[] = [];
  for (const edit of edits) {
    if ('createFile' in edit) {
      creates.push({ uri: edit.createFile, content: edit.content });
      continue;
    }
    const targetUri = edit.file ?? uri;
    const target = targetUri === uri ? textDocument : (textDocumentOf(targetUri) ?? undefined);
    if (!target) continue;
    (changes[targetUri] ??= []).push({
      range: { start: target.positionAt(edit.offset), end: target.positionAt(edit.offset + edit.length) },
      newText: edit.newText,
    });
  }
  if (creates.length === 0) return Object.keys(changes).length ? { changes } : undefined;
  return {
    documentChanges: [
      ...creates.flatMap((c) => [
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
