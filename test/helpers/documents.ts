// Documents for tests: text (or a value, written as pretty JSON) read by the source the registry picks,
// analysed, and fixes rendered and applied as the language service would.
import { analyze, subjectOf } from '../../server/src/core/engine';
import type { Finding, Fix, FixContext, AnyRule } from '../../server/src/core/rule';
import type { CostOptions } from '../../server/src/core/taskdef/pricing';
import type { DocumentContext } from '../../server/src/core/workspace';
import { applyChanges, renderEdits } from '../../server/src/service/edits';
import type { WorkspaceIndex } from '../../server/src/service/workspace';
import { type SourceDocument, parseDocument } from '../../server/src/sources';

export function text(json: unknown): string {
  return typeof json === 'string' ? json : JSON.stringify(json, null, 2);
}

/** `json` as its source reads it; `fileName` (a name or a path) decides the uri, which classification may use. */
export function documentOf(json: unknown, fileName?: string, uri?: string): SourceDocument {
  return parseDocument({ uri: uri ?? `untitled:/${(fileName ?? 'Untitled-1').replace(/^\/+/, '')}`, text: text(json) });
}

/** The findings of `rules` (default: all) on a document. */
export function analyzeDocument(
  document: SourceDocument,
  context: DocumentContext = {},
  rules?: readonly AnyRule[],
  cost?: CostOptions,
): Finding[] {
  return analyze(document.model, { document: context, rules, cost }).findings;
}

/** What a fix is called with for a finding, as the code action service builds it. */
export function fixContextOf<D>(
  document: SourceDocument,
  finding: Finding<D>,
  context: DocumentContext = {},
  cost?: CostOptions,
): FixContext<D> {
  const subject = subjectOf(document.model, finding.subjectPath, finding.variant?.choices);
  if (!subject) throw new Error(`no subject at ${JSON.stringify(finding.subjectPath)}`);
  const { path, subjectPath, data } = finding;
  return { model: document.model, subject, document: context, path, subjectPath, data, cost };
}

/** The text of each document after a fix (the document itself under its own uri), and the files it creates; undefined when it cannot be rendered. */
export function applyFix(fix: Fix, document: SourceDocument, workspace?: WorkspaceIndex): Map<string, string> | undefined {
  const rendered = renderEdits(fix.edits, document, (uri) => workspace?.file(uri));
  if (!rendered) return undefined;
  const texts = new Map<string, string>();
  for (const [uri, { document: target, changes }] of rendered.changes) texts.set(uri, applyChanges(target.text, changes));
  for (const created of rendered.creates) texts.set(created.uri, created.content);
  return texts;
}

/** The document's text after a fix (unchanged when the fix leaves it alone). */
export function fixedText(fix: Fix, document: SourceDocument, workspace?: WorkspaceIndex): string {
  const texts = applyFix(fix, document, workspace);
  if (!texts) throw new Error(`the fix "${fix.title}" cannot be rendered`);
  return texts.get(document.uri) ?? document.text;
}

/**
 * `value` with every object rebuilt as a plain object, for strict deep comparisons with object literals: the
 * JSON source builds model objects without a prototype (sources/json/parse.ts), which strict equality tells apart.
 */
export function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plain) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) as T;
}
