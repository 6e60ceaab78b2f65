// What is under the cursor: the JSON path there, and which subject (task definition, policy, ...) holds it.
import { type Node, findNodeAtOffset, getLocation } from 'jsonc-parser';
import { type JsonDocument, type JsonPath, nodeAt } from './json';
import type { Classification, Subject } from './classify';
import type { CostOptions } from './taskdef/pricing';
import type { WorkspaceView } from './workspace';

export interface PositionContext {
  readonly document: JsonDocument;
  readonly classification: Classification;
  readonly fileName?: string;
  readonly offset: number;
  /** Absolute path of the property or element at the cursor. */
  readonly path: JsonPath;
  readonly subject: Subject;
  /** `path` relative to the subject. */
  readonly relativePath: JsonPath;
  /** The cursor is on a property key (or where a new key goes), not on a value. */
  readonly onKey: boolean;
  /** The value node at the cursor, when there is one. */
  readonly node?: Node;
  readonly uri?: string;
  readonly workspace?: WorkspaceView;
  /** How prices are shown in the hover (the cost settings). */
  readonly cost?: CostOptions;
}

export function positionContext(
  document: JsonDocument,
  classification: Classification,
  offset: number,
  extra: { fileName?: string; uri?: string; workspace?: WorkspaceView; cost?: CostOptions } = {},
): PositionContext | undefined {
  const location = getLocation(document.text, offset);
  const path = location.path.map((p) => p);
  // getLocation reports an empty key for "where a new property would go".
  const subject = innermostSubject(classification.subjects, path);
  if (!subject) return undefined;
  const relativePath = path.slice(subject.path.length);
  const onKey = location.isAtPropertyKey;
  return {
    document,
    classification,
    fileName: extra.fileName,
    offset,
    path,
    subject,
    relativePath,
    onKey,
    node: onKey ? undefined : nodeAt(document.root, path),
    uri: extra.uri,
    workspace: extra.workspace,
    cost: extra.cost,
  };
}

/** The property key at the cursor, and whether it already has a value (then a completion replaces the key alone). */
export function keyAtCursor(context: PositionContext): { key: string; hasValue: boolean } | undefined {
  const root = context.document.root;
  const node = root && findNodeAtOffset(root, context.offset, true);
  const property = node?.parent;
  if (node?.type !== 'string' || property?.type !== 'property' || property.children?.[0] !== node) return undefined;
  return { key: String(node.value), hasValue: (property.children?.length ?? 0) > 1 };
}

/** The string value at the cursor, when the cursor is on one. */
export function stringAtCursor(context: PositionContext): string | undefined {
  return context.node?.type === 'string' ? String(context.node.value) : undefined;
}

function innermostSubject(subjects: Subject[], path: JsonPath): Subject | undefined {
  let best: Subject | undefined;
  for (const subject of subjects) {
    const inside = subject.path.length <= path.length && subject.path.every((segment, i) => segment === path[i]);
    if (inside && (!best || subject.path.length > best.path.length)) best = subject;
  }
  return best;
}

/** A completion proposal in plain terms; the service turns it into an LSP CompletionItem. */
export interface CompletionEntry {
  label: string;
  /** Shown right of the label, e.g. "4 GB". */
  description?: string;
  detail?: string;
  documentation?: string;
  /** JSON text that replaces the value at the cursor (or, for a property, `"key": value`). */
  insertText: string;
  /** insertText uses snippet placeholders such as ${1}. */
  snippet?: boolean;
  kind: 'value' | 'property';
  sortText?: string;
  preselect?: boolean;
}

/** A JSON string value proposal; `order` keeps the list in the given order. */
export function valueEntry(value: string, description: string | undefined, order: number, documentation?: string): CompletionEntry {
  return {
    label: JSON.stringify(value),
    description,
    documentation,
    insertText: JSON.stringify(value),
    kind: 'value',
    sortText: String(order).padStart(3, '0'),
  };
}

export interface HoverProvider {
  /** Markdown, or undefined when the position is not this provider's. */
  hover(context: PositionContext): string | undefined;
}

export interface CompletionProvider {
  /**
   * Entries for the position, or undefined when it is not this provider's.
   * A list (even empty) means "only these": schema proposals are then left out.
   */
  complete(context: PositionContext): CompletionEntry[] | undefined;
}
