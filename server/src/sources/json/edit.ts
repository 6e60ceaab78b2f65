// Model edits -> JSON text changes that keep the file's layout: a value is replaced in place, a new
// property or element follows the indentation of its siblings (or stays inline among inline siblings), a
// removal takes one neighbouring comma and nothing else. jsonc-parser's `modify` is used only where it
// keeps the layout too (replacing a value, inserting a key at a position): it re-formats every whole line it
// touches, which would re-lay-out inline objects and arrays nearby.
import { type FormattingOptions, type Node, applyEdits, modify, parseTree } from 'jsonc-parser';
import type { JsonPath, ModelEdit } from '../../core/model';
import type { TextChange } from '../source';
import { replacementEdit } from '../text';
import { nodeAt } from './parse';

function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented && indented[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  // The smallest indentation seen is the file's unit.
  let unit = Infinity;
  for (const match of text.matchAll(/\n( +)\S/g)) unit = Math.min(unit, match[1].length);
  return { insertSpaces: true, tabSize: Number.isFinite(unit) ? unit : 2, eol };
}

/**
 * The text changes for `edits` (those of this document), each computed on the text the previous one left;
 * the result is one change covering what differs. Undefined when an edit cannot be made (a path through a
 * scalar, an append to something that is not an array).
 */
export function renderEdits(text: string, edits: readonly ModelEdit[]): TextChange[] | undefined {
  const formatting = formattingOf(text);
  let current = text;
  for (const edit of edits) {
    let next: string | undefined;
    try {
      next = applyEdit(current, edit, formatting);
    } catch {
      // jsonc-parser refuses a path through a scalar.
      next = undefined;
    }
    if (next === undefined) return undefined;
    current = next;
  }
  return current === text ? [] : [replacementEdit(text, current)];
}

function applyEdit(text: string, edit: ModelEdit, formatting: FormattingOptions): string | undefined {
  const root = () => parseTree(text, [], { allowTrailingComma: true });
  switch (edit.op) {
    case 'text':
      return text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length);
    case 'remove': {
      const item = propertyOrElement(nodeAt(root(), edit.path));
      return item ? apply(text, removeNode(item)) : text;
    }
    case 'rename': {
      const key = nodeAt(root(), edit.path)?.parent?.children?.[0];
      if (!key || key.type !== 'string') return text;
      return apply(text, [{ offset: key.offset, length: key.length, newText: JSON.stringify(edit.key) }]);
    }
    case 'insert':
      return applyEdits(
        text,
        modify(text, [...edit.path, edit.key], edit.value, { formattingOptions: formatting, getInsertionIndex: () => edit.index }),
      );
    case 'append': {
      const array = nodeAt(root(), edit.path);
      if (!array) return setAt(text, edit.path, [edit.value], formatting);
      if (array.type !== 'array') return undefined;
      return apply(text, appendTo(text, array, edit.value));
    }
    case 'set':
      return edit.value === undefined
        ? applyEdit(text, { op: 'remove', path: edit.path }, formatting)
        : setAt(text, edit.path, edit.value, formatting);
    case 'create':
      return undefined;
  }
}

/** Replaces the value at `path` in place, or adds it (with missing parents) to its nearest existing ancestor. */
function setAt(text: string, path: JsonPath, value: unknown, formatting: FormattingOptions): string | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (path.length === 0 || nodeAt(root, path)) return applyEdits(text, modify(text, path, value, { formattingOptions: formatting }));
  for (let length = path.length - 1; length >= 0; length--) {
    const ancestor = nodeAt(root, path.slice(0, length));
    if (!ancestor) continue;
    const segment = path[length];
    const rest = path.slice(length + 1);
    if (rest.some((s) => typeof s !== 'string')) break;
    const nested = rest.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
    if (ancestor.type === 'object' && typeof segment === 'string') return apply(text, appendTo(text, ancestor, nested, segment));
    if (ancestor.type === 'array' && (segment === -1 || segment === (ancestor.children ?? []).length)) {
      return apply(text, appendTo(text, ancestor, nested));
    }
    return undefined;
  }
  // No ancestor fits a minimal edit (an index past the end, say): jsonc-parser's own insertion.
  return applyEdits(text, modify(text, path, value, { formattingOptions: formatting }));
}

function apply(text: string, changes: TextChange[]): string {
  return applyEdits(
    text,
    changes.map((c) => ({ offset: c.offset, length: c.length, content: c.newText })),
  );
}

/** The property node of a value in an object, or the value itself in an array. */
function propertyOrElement(value: Node | undefined): Node | undefined {
  if (!value || !value.parent) return undefined;
  return value.parent.type === 'property' ? value.parent : value;
}

/** Removes one property or array element node with one neighbouring comma (e.g. one of two duplicate keys, which a path cannot tell apart). */
export function removeNode(item: Node): TextChange[] {
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

// --- Minimal insertions: change only the text of the new element, leaving neighbouring lines as they are --

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
 * Appends `value` to the array `container`, or, with `key`, adds the property `key: value` to the object
 * `container`. The new text follows the indentation of its siblings; nothing else changes.
 */
function appendTo(text: string, container: Node, value: unknown, key?: string): TextChange[] {
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
