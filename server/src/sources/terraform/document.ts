// One document of a Terraform module (a .tf or .tfvars file, or a file the module reads with file() or
// templatefile()): a view of the module's model. Its subjects are those written in it, and every role of the
// module (so that `aws_iam_role.exec.arn` resolves in each document); the service reports a finding only in
// the document that holds its location, so each finding appears once, where it is written.
import type { Cursor, JsonPath, Model, ModelEdit, Subject, Target } from '../../core/model';
import { canonicalUri, sameUri } from '../../core/uris';
import { uriToFileName } from '../../core/workspace';
import type { RenderContext, RenderedDocument, SourceDocument, SourceLocation, SyntaxProblem, TextChange } from '../source';
import type { ModuleAnalysis } from './build';
import { cursorAt } from './cursor';
import { renderTerraformEdits } from './edit';
import { isIdentifier, quoteHcl } from './hcl/strings';
import { type Place, type PlaceNode, nodeAt } from './places';
import { renderPolicyFile } from './render';

export class TerraformSourceDocument implements SourceDocument {
  readonly source = 'terraform' as const;
  readonly fileName: string;
  readonly model: Model;
  readonly dependencies: readonly string[];
  readonly provisional?: boolean;
  private entries?: CursorEntry[];

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly analysis: ModuleAnalysis | undefined,
    readonly syntaxProblems: readonly SyntaxProblem[],
    /** Rebuilds the module with another text of this document (for edits that see each other's result). */
    private readonly reparse: (text: string) => TerraformSourceDocument,
    options: { label?: string; kind?: 'terraform' | 'unknown'; provisional?: boolean } = {},
  ) {
    if (options.provisional) this.provisional = true;
    this.fileName = uriToFileName(uri);
    const own = canonicalUri(uri);
    const subjects = (analysis?.subjects ?? []).filter((s) => s.subject.kind === 'role' || s.uris.has(own)).map((s) => s.subject);
    const tasks = subjects.filter((s) => s.kind === 'task-definition').length;
    const policies = subjects.filter((s) => s.kind.endsWith('-policy')).length;
    this.model = {
      kind: options.kind ?? 'terraform',
      label: options.label ?? modelLabel(tasks, policies),
      value: analysis?.value ?? {},
      subjects,
      duplicateKeys: [],
    };
    this.dependencies = analysis ? [...analysis.module.files.map((f) => f.uri), ...analysis.reads].filter((u) => !sameUri(u, uri)) : [];
  }

  /** The place of the value at `path`, when it is written. */
  placeAt(path: JsonPath): Place | undefined {
    const place = this.analysis && nodeAt(this.analysis.places, path).node?.place;
    return place && place.syntax.kind !== 'implied' ? place : undefined;
  }

  /** The value at `path` is one the syntax implies (aws_iam_policy_document's Version, a statement's Effect). */
  isImplied(path: JsonPath): boolean {
    return !!this.analysis && nodeAt(this.analysis.places, path).node?.place?.syntax.kind === 'implied';
  }

  locate(path: JsonPath, target: Target): SourceLocation | undefined {
    if (!this.analysis) return undefined;
    const { node, trail } = nodeAt(this.analysis.places, path);
    const exact = node?.place && node.place.syntax.kind !== 'implied' ? node.place : undefined;
    if (exact)
      return this.location(
        exact,
        target === 'key' ? (exact.key ?? exact.value) : target === 'property' ? (exact.property ?? exact.value) : exact.value,
      );
    // A value that is not written falls back to its nearest written ancestor, on that one's key.
    for (let i = trail.length - 1; i >= 0; i--) {
      const place = trail[i].place;
      if (place && place.syntax.kind !== 'implied') return this.location(place, place.key ?? place.value);
    }
    return undefined;
  }

  private location(place: Place, range: { start: number; end: number }): SourceLocation {
    const location: SourceLocation = { offset: range.start, length: range.end - range.start };
    if (!sameUri(place.uri, this.uri)) location.uri = place.uri;
    return location;
  }

  edit(edits: readonly ModelEdit[], _subject?: Subject): TextChange[] | undefined {
    if (!this.analysis) return undefined;
    return renderTerraformEdits(this, edits);
  }

  /** This document with another text, parsed with the same module. */
  withText(text: string): TerraformSourceDocument {
    return this.reparse(text);
  }

  cursor(offset: number): Cursor | undefined {
    this.entries ??= cursorEntries(this);
    return cursorAt(this, this.entries, offset);
  }

  render(value: unknown, cursor: Cursor): string | undefined {
    const place = this.placeAt(cursor.path);
    if (place?.syntax.kind === 'json') return JSON.stringify(value);
    // A completion keeps the style of the value it replaces: a number stays a number.
    if (typeof value === 'string' && typeof cursor.value === 'number' && /^\d+$/.test(value)) return value;
    return renderHcl(value);
  }

  describeUnknown(id: string): string | undefined {
    return this.analysis?.unknowns.describe(id);
  }

  renderDocument(value: unknown, context?: RenderContext): RenderedDocument | undefined {
    return renderPolicyFile(this, value, context);
  }
}

function modelLabel(tasks: number, policies: number): string {
  const parts = [];
  if (tasks) parts.push(`${tasks} task definition${tasks === 1 ? '' : 's'}`);
  if (policies) parts.push(`${policies} IAM polic${policies === 1 ? 'y' : 'ies'}`);
  return parts.length ? `Terraform: ${parts.join(', ')}` : 'Terraform (no ECS task definition or IAM policy here)';
}

/** A value as an HCL literal (on one line). */
function renderHcl(value: unknown): string | undefined {
  if (typeof value === 'string') return quoteHcl(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const items = value.map(renderHcl);
    return items.some((i) => i === undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const rendered = renderHcl(v);
      return rendered === undefined ? undefined : `${isIdentifier(k) ? k : quoteHcl(k)} = ${rendered}`;
    });
    return entries.some((e) => e === undefined) ? undefined : `{ ${entries.join(', ')} }`;
  }
  return undefined;
}

export interface CursorEntry {
  path: JsonPath;
  subject: Subject;
  place: Place;
}

/**
 * The places of this document, each with the model path it is first reached by: under the subjects that are
 * not roles first (a policy document is the policy subject's before it is a role's trust policy).
 */
function cursorEntries(document: TerraformSourceDocument): CursorEntry[] {
  const analysis = document.analysis;
  if (!analysis) return [];
  const entries: CursorEntry[] = [];
  const seen = new Set<PlaceNode>();
  const own = canonicalUri(document.uri);
  const subjects = [...document.model.subjects].sort((a, b) => Number(a.kind === 'role') - Number(b.kind === 'role'));
  const visit = (node: PlaceNode, path: JsonPath, subject: Subject) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.place && canonicalUri(node.place.uri) === own && node.place.syntax.kind !== 'implied')
      entries.push({ path, subject, place: node.place });
    for (const [segment, child] of node.children) visit(child, [...path, segment], subject);
  };
  for (const subject of subjects) {
    const node = nodeAt(analysis.places, subject.path).node;
    if (node) visit(node, subject.path, subject);
  }
  return entries;
}
