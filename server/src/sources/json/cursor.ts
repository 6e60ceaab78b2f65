// The model path at an offset of a JSON document, and what hover and completion need to know there.
import { findNodeAtOffset, getLocation } from 'jsonc-parser';
import { valueAt } from '../../core/json';
import type { Cursor, JsonPath, Model, Subject } from '../../core/model';
import { type ParsedJson, nodeAt } from './parse';

export function jsonCursor(document: ParsedJson, model: Model, offset: number): Cursor | undefined {
  const location = getLocation(document.text, offset);
  // getLocation reports an empty key for "where a new property would go".
  const path: JsonPath = [...location.path];
  const subject = innermostSubject(model.subjects, path);
  if (!subject) return undefined;
  const onKey = location.isAtPropertyKey;
  const node = onKey ? undefined : nodeAt(document.root, path);
  const at = document.root && findNodeAtOffset(document.root, offset, true);
  const property = at?.parent;
  const cursor: Cursor = { subject, path, relativePath: path.slice(subject.path.length), onKey };
  if (at?.type === 'string' && property?.type === 'property' && property.children?.[0] === at) {
    cursor.key = { name: String(at.value), hasValue: (property.children?.length ?? 0) > 1 };
  }
  if (node) cursor.value = node.type === 'object' || node.type === 'array' ? valueAt(model.value, path) : node.value;
  if (node?.type === 'string') {
    // The text typed so far: from the opening quote up to the cursor.
    cursor.prefix = document.text.slice(node.offset + 1, Math.min(offset, node.offset + node.length - 1));
  }
  if (at && ['string', 'number', 'boolean', 'null'].includes(at.type)) cursor.replace = { offset: at.offset, length: at.length };
  const from = at?.type === 'string' ? at.offset + at.length : offset;
  cursor.propertyFollows = /^\s*"/.test(document.text.slice(from, from + 200));
  return cursor;
}

/** The subject with the longest path that holds `path`. */
export function innermostSubject(subjects: readonly Subject[], path: JsonPath): Subject | undefined {
  let best: Subject | undefined;
  for (const subject of subjects) {
    const inside = subject.path.length <= path.length && subject.path.every((segment, i) => segment === path[i]);
    if (inside && (!best || subject.path.length > best.path.length)) best = subject;
  }
  return best;
}
