// Text edits for fixes, made with jsonc-parser's `modify` so the file keeps its own indentation and eol.
import { type FormattingOptions, type Node, applyEdits, modify, parseTree } from 'jsonc-parser';
import { type JsonDocument, type JsonPath, nodeAt } from './json';
import type { FileEdit } from './rule';

function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented && indented[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  // The smallest indentation seen is the file's unit.
  let unit = Infinity;
  for (const match of text.matchAll(/\n( +)\S/g)) unit = Math.min(unit, match[1].length);
  return { insertSpaces: true, tabSize: Number.isFinite(unit) ? unit : 2, eol };
}

/** Sets (or inserts) the value at `path`; `undefined` removes the property or array element. */
export function setValue(document: JsonDocument, path: JsonPath, value: unknown, options: { insertAt?: number } = {}): FileEdit[] {
  if (value === undefined) {
    const removal = removalEdit(document.text, path);
    return removal ? [{ offset: removal.offset, length: removal.length, newText: removal.content }] : [];
  }
  const edits = modify(document.text, path, value, {
    formattingOptions: formattingOf(document.text),
    getInsertionIndex: options.insertAt === undefined ? undefined : () => options.insertAt!,
  });
  return edits.map((e) => ({ offset: e.offset, length: e.length, newText: e.content }));
}

export function removeValue(document: JsonDocument, path: JsonPath): FileEdit[] {
  return setValue(document, path, undefined);
}

/** Applies several path edits in sequence: each is computed on the text the previous one produced. */
export function sequentialEdits(document: JsonDocument, changes: { path: JsonPath; value: unknown }[]): FileEdit[] {
  let text = document.text;
  const formatting = formattingOf(text);
  for (const change of changes) {
    const removal = change.value === undefined ? removalEdit(text, change.path) : undefined;
    text = applyEdits(
      text,
      removal ? [removal] : change.value === undefined ? [] : modify(text, change.path, change.value, { formattingOptions: formatting }),
    );
  }
  return text === document.text ? [] : [replacementEdit(document.text, text)];
}

/**
 * Removes a property or array element with one neighbouring comma, touching nothing else. (jsonc-parser's
 * `modify` re-formats the whole line of a removal, which spreads a one-line object over many lines.)
 */
function removalEdit(text: string, path: JsonPath): { offset: number; length: number; content: string } | undefined {
  if (path.length === 0) return undefined;
  const value = nodeAt(parseTree(text, [], { allowTrailingComma: true }), path);
  const item = value?.parent?.type === 'property' ? value.parent : value;
  const [edit] = item ? removeNode(item) : [];
  return edit && 'offset' in edit ? { offset: edit.offset, length: edit.length, content: edit.newText } : undefined;
}

/** Removes one property or array element node with one neighbouring comma (e.g. one of two duplicate keys, which a path cannot tell apart). */
export function removeNode(item: Node): FileEdit[] {
  const container = item.parent;
  const siblings = container?.children;
  if (!container || !siblings) return [];
  const index = siblings.indexOf(item);
  if (index < 0) return [];
  const end = (node: { offset: number; length: number }) => node.offset + node.length;
  if (index > 0) return [{ offset: end(siblings[index - 1]), length: end(item) - end(siblings[index - 1]), newText: '' }];
  if (siblings.length > 1) return [{ offset: item.offset, length: siblings[1].offset - item.offset, newText: '' }];
  return [{ offset: container.offset + 1, length: container.length - 2, newText: '' }];
}

/** Renames the key of the property at `path` (the last occurrence, as `nodeAt` finds it), keeping its value. */
export function renameKey(document: JsonDocument, path: JsonPath, newKey: string): FileEdit[] {
  const key = nodeAt(document.root, path)?.parent?.children?.[0];
  if (!key || key.type !== 'string') return [];
  return [{ offset: key.offset, length: key.length, newText: JSON.stringify(newKey) }];
}

/** One edit that turns `before` into `after`, covering only the part that differs. */
export function replacementEdit(before: string, after: string): FileEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { offset: start, length: endBefore - start, newText: after.slice(start, endAfter) };
}

/** Applies edits of the current document (those without a `file`) to its text. */
export function applyFileEdits(text: string, edits: FileEdit[]): string {
  const local = edits.filter((e): e is { offset: number; length: number; newText: string } => 'offset' in e && !e.file);
  return applyEdits(
    text,
    local.map((e) => ({ offset: e.offset, length: e.length, content: e.newText })),
  );
}

// --- Minimal edits: change only the text of one element, leaving neighbouring lines as they are ---------
// (jsonc-parser's `modify` re-formats the whole lines it touches, which rewrites inline arrays nearby.)

function lineIndent(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

function indentUnit(text: string): string {
  const options = formattingOf(text);
  return options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
}

/** `value` as JSON laid out like the file: on one line for inline neighbours, else indented under `indent`. */
function layout(text: string, value: unknown, indent: string | undefined): string {
  if (indent === undefined) return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
  const eol = formattingOf(text).eol;
  return JSON.stringify(value, null, indentUnit(text))
    .split('\n')
    .join(eol + indent);
}

/**
 * Appends `value` to the array at `path`, or, with `key`, adds the property `key: value` to the object at
 * `path`. The new text follows the indentation of its siblings; nothing else changes.
 */
export function appendElement(document: JsonDocument, path: JsonPath, value: unknown, key?: string): FileEdit[] {
  const text = document.text;
  const container = nodeAt(document.root, path);
  if (!container || container.type !== (key === undefined ? 'array' : 'object')) return [];
  const children = container.children ?? [];
  const last = children[children.length - 1];
  const prefix = key === undefined ? '' : `${JSON.stringify(key)}: `;
  if (!last) {
    const inner = `${prefix}${layout(text, value, undefined)}`;
    return [{ offset: container.offset + 1, length: 0, newText: inner }];
  }
  const indent = lineIndent(text, last.offset);
  const eol = formattingOf(text).eol;
  const separator = indent === undefined ? ', ' : `,${eol}${indent}`;
  return [{ offset: last.offset + last.length, length: 0, newText: `${separator}${prefix}${layout(text, value, indent)}` }];
}

/** Sets `key` of the object at `objectPath`: replaces the value in place, or appends the property. */
export function setProperty(document: JsonDocument, objectPath: JsonPath, key: string, value: unknown): FileEdit[] {
  const existing = nodeAt(document.root, [...objectPath, key]);
  if (existing) return [{ offset: existing.offset, length: existing.length, newText: JSON.stringify(value) }];
  return appendElement(document, objectPath, value, key);
}
