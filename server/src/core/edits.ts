// Text edits for fixes, made with jsonc-parser's `modify` so the file keeps its own indentation and eol.
import { type FormattingOptions, type Node, applyEdits, modify } from 'jsonc-parser';
import { type JsonDocument, type JsonPath, nodeAt } from './json';
import type { FileEdit } from './rule';

export function formattingOf(text: string): FormattingOptions {
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
    text = applyEdits(text, modify(text, change.path, change.value, { formattingOptions: formatting }));
  }
  return text === document.text ? [] : [replacementEdit(document.text, text)];
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
  return applyEdits(text, local.map((e) => ({ offset: e.offset, length: e.length, content: e.newText })));
}

/** Renames the key of the property at `path` (the last occurrence, as `nodeAt` finds it), keeping its value. */
export function renameKey(document: JsonDocument, path: JsonPath, newKey: string): FileEdit[] {
  const key = nodeAt(document.root, path)?.parent?.children?.[0];
  if (!key || key.type !== 'string') return [];
  return [{ offset: key.offset, length: key.length, newText: JSON.stringify(newKey) }];
}

/** Removes one property node (e.g. one of two duplicate keys, which a path cannot tell apart) with its comma. */
export function removePropertyNode(property: Node): FileEdit[] {
  const siblings = property.parent?.children ?? [];
  const index = siblings.indexOf(property);
  if (index < 0) return [];
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next) return [{ offset: property.offset, length: next.offset - property.offset, newText: '' }];
  if (previous) {
    const from = previous.offset + previous.length;
    return [{ offset: from, length: property.offset + property.length - from, newText: '' }];
  }
  return [{ offset: property.offset, length: property.length, newText: '' }];
}

/** Removes the property at `path` as written, comma included, leaving the rest of the text untouched. */
export function removeProperty(document: JsonDocument, path: JsonPath): FileEdit[] {
  const property = nodeAt(document.root, path)?.parent;
  return property?.type === 'property' ? removePropertyNode(property) : removeValue(document, path);
}
