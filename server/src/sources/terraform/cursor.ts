// The model path at an offset of a Terraform document, for hover and completion: the innermost written value
// (or key) holding the offset. While a line is being typed (`memory = ` with nothing after it yet), the
// attribute's path is found from the line's text inside the block that holds it.
import { valueAt } from '../../core/json';
import type { Cursor, JsonPath } from '../../core/model';
import type { CursorEntry, TerraformSourceDocument } from './document';
import type { Range } from './hcl/syntax';

const contains = (range: Range | undefined, offset: number) => !!range && range.start <= offset && offset <= range.end;
const size = (range: Range) => range.end - range.start;

export function cursorAt(document: TerraformSourceDocument, entries: readonly CursorEntry[], offset: number): Cursor | undefined {
  let best: { entry: CursorEntry; range: Range; onKey: boolean } | undefined;
  for (const entry of entries) {
    const { place } = entry;
    for (const [range, onKey] of [
      [place.key, true],
      [place.value, false],
    ] as const) {
      if (!range || !contains(range, offset)) continue;
      if (!best || size(range) < size(best.range) || (size(range) === size(best.range) && onKey && !best.onKey))
        best = { entry, range, onKey };
    }
  }
  const typed = typedAttribute(document, entries, offset, best?.range);
  if (typed) return typed;
  if (!best) return undefined;
  const { entry, onKey } = best;
  const { path, subject, place } = entry;
  const cursor: Cursor = { subject, path, relativePath: path.slice(subject.path.length), onKey };
  const last = path[path.length - 1];
  if (onKey) {
    if (typeof last === 'string') cursor.key = { name: last, hasValue: true };
    return cursor;
  }
  const value = valueAt(document.model.value, path);
  cursor.value = value;
  const syntax = place.syntax;
  const isString = (syntax.kind === 'expr' && syntax.expr.kind === 'string') || (syntax.kind === 'json' && syntax.node.type === 'string');
  if (isString)
    cursor.prefix = document.text.slice(place.value.start + 1, Math.max(place.value.start + 1, Math.min(offset, place.value.end - 1)));
  const scalar = value === null || typeof value !== 'object';
  if (scalar && (syntax.kind === 'expr' || syntax.kind === 'json' || syntax.kind === 'computed')) {
    cursor.replace = { offset: place.value.start, length: size(place.value) };
  }
  return cursor;
}

/**
 * `name = ` typed at the end of a line, with no value the parser could read yet: the attribute of the
 * innermost block or object around the offset (its model key through the block's key map).
 */
function typedAttribute(
  document: TerraformSourceDocument,
  entries: readonly CursorEntry[],
  offset: number,
  found: Range | undefined,
): Cursor | undefined {
  const lineStart = document.text.lastIndexOf('\n', offset - 1) + 1;
  const before = document.text.slice(lineStart, offset);
  const match = /^\s*"?([A-Za-z_][A-Za-z0-9_-]*)"?\s*[=:]\s*("?)([^"]*)$/.exec(before);
  if (!match) return undefined;
  const [, name, quote, typed] = match;
  const lineEnd = document.text.indexOf('\n', offset);
  const after = document.text.slice(offset, lineEnd < 0 ? undefined : lineEnd);
  // A value is already there (the parser read it): the normal cursor answers.
  if (found && !/^\s*"?\s*,?\s*$/.test(after)) return undefined;
  let container: CursorEntry | undefined;
  for (const entry of entries) {
    const syntax = entry.place.syntax;
    const isContainer = syntax.kind === 'body' || (syntax.kind === 'expr' && syntax.expr.kind === 'object');
    if (!isContainer || !contains(entry.place.value, offset) || entry.place.value.start >= lineStart) continue;
    if (!container || size(entry.place.value) < size(container.place.value)) container = entry;
  }
  if (!container) return undefined;
  const syntax = container.place.syntax;
  let key: string | undefined = name;
  if (syntax.kind === 'body') key = [...syntax.keys.toHcl].find(([, hcl]) => hcl.name === name && hcl.as === 'attribute')?.[0];
  if (key === undefined) return undefined;
  const path: JsonPath = [...container.path, key];
  const cursor: Cursor = { subject: container.subject, path, relativePath: path.slice(container.subject.path.length), onKey: false };
  const current = valueAt(document.model.value, path);
  if (current !== undefined) cursor.value = current;
  if (quote) {
    cursor.prefix = typed;
    const close = after.indexOf('"');
    cursor.replace = { offset: offset - typed.length - 1, length: typed.length + 1 + (close >= 0 ? close + 1 : 0) };
  }
  return cursor;
}
