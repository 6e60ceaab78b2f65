// Model edits -> text changes of a Terraform document, keeping its layout: a literal is replaced in place; a
// new attribute, object entry, list item or block goes after its siblings with their indentation (`=` aligned
// when they are aligned); a removal takes its lines, or its comma on an inline line. A new key of a block
// standing for an object is written with the block's HCL name (`network_mode` for networkMode; a statement
// of an aws_iam_policy_document becomes a `statement {}` block). Inside JSON (a heredoc, a file) the JSON
// source's renderer does the work. A value computed by an expression (a reference, a function) cannot be
// edited in place: the edit is then not rendered, and the fix not offered.
import { type Node as JsonNode, getNodePath } from 'jsonc-parser';
import { hasUnknown, splitUnknown } from '../../core/unknown';
import type { JsonPath, ModelEdit } from '../../core/model';
import { sameUri } from '../../core/uris';
import { renderEdits as renderJsonEdits } from '../json/edit';
import type { TextChange } from '../source';
import { replacementEdit } from '../text';
import type { TerraformSourceDocument } from './document';
import { isIdentifier, quoteHcl } from './hcl/strings';
import type { Body, Expr, ObjectExpr, Range } from './hcl/syntax';
import { itemsOf } from './hcl/syntax';
import { type HclKey, type KeyMap, type Place, nodeAt } from './places';
import { ownObject } from '../text';

/** The edits rendered one after the other, each on the text the previous one left; one change for all. */
export function renderTerraformEdits(document: TerraformSourceDocument, edits: readonly ModelEdit[]): TextChange[] | undefined {
  let current = document;
  for (const edit of edits) {
    const change = renderOne(current, edit);
    if (change === undefined) return undefined;
    if (change.length === 0 && change.newText === '') continue;
    const text = current.text.slice(0, change.offset) + change.newText + current.text.slice(change.offset + change.length);
    current = current.withText(text);
  }
  return current.text === document.text ? [] : [replacementEdit(document.text, current.text)];
}

function renderOne(document: TerraformSourceDocument, edit: ModelEdit): TextChange | undefined {
  if (edit.op === 'text') return { offset: edit.offset, length: edit.length, newText: edit.newText };
  if (edit.op === 'create') return undefined;
  const writer = new Writer(document);
  switch (edit.op) {
    case 'set':
      return edit.value === undefined ? writer.remove(edit.path) : writer.set(edit.path, edit.value);
    case 'append':
      return writer.append(edit.path, edit.value);
    case 'insert':
      return writer.insert(edit.path, edit.key, edit.value);
    case 'remove':
      return writer.remove(edit.path);
    case 'rename':
      return writer.rename(edit.path, edit.key);
  }
}

/** Writes model values as HCL in a document's style (its line breaks, its indentation unit, its references). */
export class Writer {
  private readonly text: string;
  readonly eol: string;
  readonly unit: string;

  constructor(private readonly document: TerraformSourceDocument) {
    this.text = document.text;
    this.eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    this.unit = indentUnit(this.text);
  }

  /** The place of `path` when it is written in this document. */
  private own(path: JsonPath): Place | undefined {
    const place = this.document.placeAt(path);
    return place && sameUri(place.uri, this.document.uri) ? place : undefined;
  }

  /** The nearest written ancestor of `path` (in any document), and the segments below it. */
  private ancestor(path: JsonPath): { place: Place; at: JsonPath; rest: JsonPath } | undefined {
    const { trail } = nodeAt(this.document.analysis!.places, path);
    for (let i = trail.length - 1; i >= 0; i--) {
      const place = trail[i].place;
      if (place && place.syntax.kind !== 'implied') return { place, at: path.slice(0, i), rest: path.slice(i) };
    }
    return undefined;
  }

  set(path: JsonPath, value: unknown): TextChange | undefined {
    const exact = this.document.placeAt(path);
    if (exact) {
      if (!sameUri(exact.uri, this.document.uri)) return undefined;
      if (exact.syntax.kind === 'json') return this.json(path, { op: 'set', path, value });
      if (exact.syntax.kind !== 'expr') return undefined;
      const rendered = this.value(value, this.indentAt(exact.value.start));
      return rendered === undefined ? undefined : { offset: exact.value.start, length: size(exact.value), newText: rendered };
    }
    const found = this.ancestor(path);
    if (!found || !sameUri(found.place.uri, this.document.uri)) return undefined;
    const { place, rest } = found;
    if (place.syntax.kind === 'json') return this.json(path, { op: 'set', path, value });
    const [key, ...deeper] = rest;
    const nested = deeper.reduceRight<unknown>((inner, k) => (typeof k === 'string' ? { [k]: inner } : undefined), value);
    if (typeof key === 'number') return key === -1 || this.isNextIndex(found.at, key) ? this.append(found.at, nested) : undefined;
    if (key === undefined || nested === undefined) return undefined;
    if (place.syntax.kind === 'body') return this.addToBody(place.syntax.body, place.syntax.keys, key, nested);
    if (place.syntax.kind === 'expr' && place.syntax.expr.kind === 'object') return this.addEntry(place.syntax.expr, key, nested);
    return undefined;
  }

  private isNextIndex(path: JsonPath, index: number): boolean {
    const node = nodeAt(this.document.analysis!.places, path).node;
    return !!node && index === node.children.size;
  }

  insert(path: JsonPath, key: string, value: unknown): TextChange | undefined {
    return this.set([...path, key], value);
  }

  append(path: JsonPath, value: unknown): TextChange | undefined {
    const place = this.document.placeAt(path);
    if (!place) return this.set(path, [value]);
    if (!sameUri(place.uri, this.document.uri)) return undefined;
    const syntax = place.syntax;
    if (syntax.kind === 'json') return this.json(path, { op: 'append', path, value });
    if (syntax.kind === 'expr' && syntax.expr.kind === 'tuple') return this.addItem(syntax.expr, value);
    if (syntax.kind === 'blocks') return this.addBlock(syntax.body, syntax.type, syntax.keys, value);
    return undefined;
  }

  remove(path: JsonPath): TextChange | undefined {
    const place = this.own(path);
    if (!place) return this.document.placeAt(path) ? undefined : { offset: 0, length: 0, newText: '' };
    if (place.syntax.kind === 'json') return this.json(path, { op: 'remove', path });
    if (place.attribute) return this.removeLines(place.attribute.range);
    if (place.block) return this.removeLines(place.block.range);
    const parent = this.document.placeAt(path.slice(0, -1));
    if (parent?.syntax.kind === 'expr') {
      const container = parent.syntax.expr;
      if (container.kind === 'object' && place.property)
        return this.removeListed(
          container.entries.map((e) => e.range),
          place.property,
        );
      if (container.kind === 'tuple')
        return this.removeListed(
          container.items.map((i) => i.range),
          place.value,
        );
    }
    return undefined;
  }

  rename(path: JsonPath, key: string): TextChange | undefined {
    const place = this.own(path);
    if (!place) return undefined;
    if (place.syntax.kind === 'json') return this.json(path, { op: 'rename', path, key });
    // A key written as a value (a condition's test, a principal's type) is renamed where it is written.
    if (place.keyExpr?.kind === 'string')
      return { offset: place.keyExpr.range.start, length: size(place.keyExpr.range), newText: quoteHcl(key) };
    const parent = this.document.placeAt(path.slice(0, -1));
    if (!place.key || parent?.syntax.kind !== 'expr' || parent.syntax.expr.kind !== 'object') return undefined;
    return { offset: place.key.start, length: size(place.key), newText: isIdentifier(key) ? key : quoteHcl(key) };
  }

  // --- JSON inside a heredoc or a file ------------------------------------------------------------------

  /** An edit of a value inside embedded JSON, through the JSON source, with its path from the JSON's root. */
  private json(path: JsonPath, edit: ModelEdit & { path: JsonPath }): TextChange | undefined {
    const { trail } = nodeAt(this.document.analysis!.places, path);
    let index = trail.length - 1;
    while (index >= 0 && trail[index].place?.syntax.kind !== 'json') index--;
    const place = trail[index]?.place;
    if (!place || place.syntax.kind !== 'json' || !sameUri(place.uri, this.document.uri)) return undefined;
    const { node, embedded } = place.syntax;
    const inJson = [...getNodePath(node as JsonNode), ...path.slice(index)];
    const heredoc = embedded.base > 0 || embedded.text.length !== this.text.length;
    const local = 'value' in edit ? { ...edit, path: inJson, value: this.jsonValue(edit.value, heredoc) } : { ...edit, path: inJson };
    if ('value' in local && local.value === undefined) return undefined;
    const changes = renderJsonEdits(embedded.text, [local as ModelEdit]);
    if (!changes || changes.length === 0) return changes?.length === 0 ? { offset: 0, length: 0, newText: '' } : undefined;
    const [change] = changes;
    const start = change.offset + embedded.base;
    const end = start + change.length;
    // The masked interpolations must come back as they were written: an edit may not touch them.
    if (embedded.holes.some((h) => h.start < end && h.end > start)) return undefined;
    return { offset: start, length: change.length, newText: change.newText };
  }

  /** A model value for JSON text: a reference as `${...}` in a template, implicit ARN parts as `*`. */
  private jsonValue(value: unknown, template: boolean): unknown {
    if (typeof value === 'string') {
      if (!hasUnknown(value)) return template ? value.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : value;
      let out = '';
      for (const part of splitUnknown(value)) {
        if (typeof part === 'string') out += part;
        else if (IMPLICIT.has(part.unknown)) out += '*';
        else {
          const text = this.document.analysis!.unknowns.textOf(part.unknown);
          if (!template || text === undefined) return undefined;
          out += `\${${text}}`;
        }
      }
      return out;
    }
    if (Array.isArray(value)) {
      const items = value.map((v) => this.jsonValue(v, template));
      return items.some((i) => i === undefined) ? undefined : items;
    }
    if (value && typeof value === 'object') {
      const out = ownObject();
      for (const [k, v] of Object.entries(value)) {
        const item = this.jsonValue(v, template);
        if (item === undefined) return undefined;
        out[k] = item;
      }
      return out;
    }
    return value;
  }

  // --- HCL --------------------------------------------------------------------------------------------

  /** A value as HCL, laid out under `indent`: strings the module built from an expression are written as it. */
  value(value: unknown, indent: string): string | undefined {
    if (typeof value === 'string') return this.string(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value === null) return 'null';
    if (Array.isArray(value)) {
      const items = value.map((v) => this.value(v, indent + this.unit));
      if (items.some((i) => i === undefined)) return undefined;
      const inline = `[${items.join(', ')}]`;
      if (!items.some((i) => i!.includes('\n')) && inline.length <= 100) return inline;
      return `[${this.eol}${items.map((i) => `${indent}${this.unit}${i},`).join(this.eol)}${this.eol}${indent}]`;
    }
    if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) return '{}';
      const rendered = entries.map(([k, v]) => [isIdentifier(k) ? k : quoteHcl(k), this.value(v, indent + this.unit)] as const);
      if (rendered.some(([, v]) => v === undefined)) return undefined;
      const width = Math.max(...rendered.map(([k]) => k.length));
      const lines = rendered.map(([k, v]) => `${indent}${this.unit}${k.padEnd(width)} = ${v}`);
      return `{${this.eol}${lines.join(this.eol)}${this.eol}${indent}}`;
    }
    return undefined;
  }

  /** A string: the expression the module evaluated it from, a template with `*` for ARN parts nobody states, or a literal. */
  string(value: string): string | undefined {
    if (!hasUnknown(value)) return quoteHcl(value);
    const unknowns = this.document.analysis!.unknowns;
    const expression = unknowns.expressionOf(value);
    if (expression !== undefined) return expression;
    let out = '';
    for (const part of splitUnknown(value)) {
      if (typeof part === 'string') out += quoteHcl(part).slice(1, -1);
      else if (IMPLICIT.has(part.unknown)) out += '*';
      else {
        const text = unknowns.textOf(part.unknown);
        if (text === undefined) return undefined;
        out += `\${${text}}`;
      }
    }
    return `"${out}"`;
  }

  private indentAt(offset: number): string {
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(this.text.slice(lineStart))![0];
  }

  /** `key = value` added to a block body; a key the body writes as a block becomes a new block. */
  private addToBody(body: Body, keys: KeyMap, key: string, value: unknown): TextChange | undefined {
    const hcl = keys.toHcl.get(key);
    if (!hcl) return undefined;
    if (hcl.as === 'attribute') {
      const items = itemsOf(body);
      const attributes = body.attributes;
      const indent = this.bodyIndent(body);
      const rendered = this.value(value, indent);
      if (rendered === undefined) return undefined;
      const width = alignedWidth(
        this.text,
        attributes.map((a) => a.range),
      );
      const line = `${indent}${hcl.name.padEnd(width)} = ${rendered}`;
      const after = attributes[attributes.length - 1] ?? undefined;
      if (after) return { offset: lineEnd(this.text, after.range.end), length: 0, newText: `${this.eol}${line}` };
      const first = items[0];
      if (first) return { offset: lineStartOf(this.text, first.range.start), length: 0, newText: `${line}${this.eol}` };
      return this.intoEmptyBody(body, line);
    }
    if (hcl.as === 'block' && value && typeof value === 'object' && !Array.isArray(value)) {
      return this.addBlock(body, hcl.name, hcl.keys, value, true);
    }
    if (hcl.as === 'blocks' && Array.isArray(value) && value.length === 1) return this.addBlock(body, hcl.name, hcl.keys, value[0]);
    return undefined;
  }

  /** A new block of `type` in a body, after the last block of that type (or at the end). */
  private addBlock(body: Body, type: string, keys: KeyMap | undefined, value: unknown, single = false): TextChange | undefined {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const indent = this.bodyIndent(body);
    const content = this.blockContent(value as Record<string, unknown>, keys, indent + this.unit);
    if (content === undefined) return undefined;
    const block = `${indent}${type} {${this.eol}${content}${this.eol}${indent}}`;
    const same = body.blocks.filter((b) => b.type === type);
    if (single && same.length) return undefined;
    const last = same[same.length - 1] ?? itemsOf(body).pop();
    // After a block, a blank line, as blocks are usually written.
    const gap = last && 'body' in last ? this.eol : '';
    if (last) return { offset: lineEnd(this.text, last.range.end), length: 0, newText: `${this.eol}${gap}${block}` };
    return this.intoEmptyBody(body, block);
  }

  /** The attributes (and nested blocks) of a block for a model object, `=` aligned as terraform fmt does. */
  blockContent(value: Record<string, unknown>, keys: KeyMap | undefined, indent: string): string | undefined {
    const attributes: [string, string][] = [];
    const blocks: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const hcl: HclKey | undefined = keys?.toHcl.get(key);
      if (key === 'Principal' || key === 'NotPrincipal') {
        const rendered = this.principals(key === 'Principal' ? 'principals' : 'not_principals', item, indent);
        if (rendered === undefined) return undefined;
        blocks.push(...rendered);
        continue;
      }
      if (key === 'Condition') {
        const rendered = this.conditions(item, indent);
        if (rendered === undefined) return undefined;
        blocks.push(...rendered);
        continue;
      }
      if (!hcl) return undefined;
      if (hcl.as === 'attribute') {
        // aws_iam_policy_document takes lists where a policy may have a single string.
        const listed = LIST_ATTRIBUTES.has(hcl.name) && !Array.isArray(item) ? [item] : item;
        const rendered = this.value(listed, indent);
        if (rendered === undefined) return undefined;
        attributes.push([hcl.name, rendered]);
      } else if (item && typeof item === 'object') {
        const list = Array.isArray(item) ? item : [item];
        for (const entry of list) {
          if (!entry || typeof entry !== 'object') return undefined;
          const inner = this.blockContent(entry as Record<string, unknown>, hcl.keys, indent + this.unit);
          if (inner === undefined) return undefined;
          blocks.push(`${indent}${hcl.name} {${this.eol}${inner}${this.eol}${indent}}`);
        }
      }
    }
    const width = Math.max(0, ...attributes.map(([k]) => k.length));
    return [...attributes.map(([k, v]) => `${indent}${k.padEnd(width)} = ${v}`), ...blocks].join(this.eol);
  }

  private principals(type: string, principal: unknown, indent: string): string[] | undefined {
    const entries: [string, unknown][] =
      principal === '*' ? [['*', ['*']]] : principal && typeof principal === 'object' ? Object.entries(principal) : [];
    if (entries.length === 0) return undefined;
    const out: string[] = [];
    for (const [kind, ids] of entries) {
      const identifiers = this.value(Array.isArray(ids) ? ids : [ids], indent + this.unit);
      if (identifiers === undefined) return undefined;
      out.push(
        `${indent}${type} {${this.eol}${indent}${this.unit}type        = ${quoteHcl(kind)}${this.eol}${indent}${this.unit}identifiers = ${identifiers}${this.eol}${indent}}`,
      );
    }
    return out;
  }

  private conditions(condition: unknown, indent: string): string[] | undefined {
    if (!condition || typeof condition !== 'object') return undefined;
    const out: string[] = [];
    const inner = indent + this.unit;
    for (const [test, pairs] of Object.entries(condition)) {
      if (!pairs || typeof pairs !== 'object') return undefined;
      for (const [variable, values] of Object.entries(pairs)) {
        const rendered = this.value(Array.isArray(values) ? values : [values], inner);
        if (rendered === undefined) return undefined;
        out.push(
          `${indent}condition {${this.eol}${inner}test     = ${quoteHcl(test)}${this.eol}${inner}variable = ${quoteHcl(variable)}${this.eol}${inner}values   = ${rendered}${this.eol}${indent}}`,
        );
      }
    }
    return out;
  }

  private intoEmptyBody(body: Body, content: string): TextChange | undefined {
    // `{}` (or `{` and `}` on their own lines with nothing between): the content goes on its own lines.
    const open = body.range.start;
    const between = this.text.slice(open, body.range.end);
    if (between.trim() !== '') return undefined;
    const closeLine = this.indentAt(body.range.end);
    return { offset: open, length: body.range.end - open, newText: `${this.eol}${content}${this.eol}${closeLine}` };
  }

  /** The indentation of a body's items (or one unit more than its block's line). */
  private bodyIndent(body: Body): string {
    const first = itemsOf(body)[0];
    if (first) return this.indentAt(first.range.start);
    return this.indentAt(body.range.start) + this.unit;
  }

  /** `key = value` added to an HCL object, on a new line among multi-line entries or inline after a comma. */
  private addEntry(object: ObjectExpr, key: string, value: unknown): TextChange | undefined {
    const name = isIdentifier(key) ? key : quoteHcl(key);
    const last = object.entries[object.entries.length - 1];
    const multiline = this.text.slice(object.range.start, object.range.end).includes('\n');
    if (!multiline) {
      const rendered = this.value(value, this.indentAt(object.range.start));
      if (rendered === undefined) return undefined;
      if (!last)
        return { offset: object.range.start + 1, length: object.range.end - object.range.start - 2, newText: ` ${name} = ${rendered} ` };
      return { offset: last.range.end, length: 0, newText: `, ${name} = ${rendered}` };
    }
    const indent = last ? this.indentAt(last.range.start) : this.indentAt(object.range.start) + this.unit;
    const rendered = this.value(value, indent);
    if (rendered === undefined) return undefined;
    const width = alignedWidth(
      this.text,
      object.entries.map((e) => e.range),
    );
    const line = `${indent}${name.padEnd(width)} = ${rendered}`;
    if (!last) return { offset: object.range.start + 1, length: 0, newText: `${this.eol}${line}` };
    const end = afterComma(this.text, last.range.end);
    const comma = this.text.slice(last.range.end, end).includes(',') ? ',' : '';
    return { offset: end, length: 0, newText: `${this.eol}${line}${comma}` };
  }

  /** An item added at the end of an HCL tuple. */
  private addItem(tuple: Extract<Expr, { kind: 'tuple' }>, value: unknown): TextChange | undefined {
    const last = tuple.items[tuple.items.length - 1];
    const multiline = this.text.slice(tuple.range.start, tuple.range.end).includes('\n');
    if (!multiline) {
      const rendered = this.value(value, this.indentAt(tuple.range.start));
      if (rendered === undefined) return undefined;
      if (!last) return { offset: tuple.range.start + 1, length: tuple.range.end - tuple.range.start - 2, newText: rendered };
      return { offset: last.range.end, length: 0, newText: `, ${rendered}` };
    }
    const indent = last ? this.indentAt(last.range.start) : this.indentAt(tuple.range.start) + this.unit;
    const rendered = this.value(value, indent);
    if (rendered === undefined) return undefined;
    if (!last) return { offset: tuple.range.start + 1, length: 0, newText: `${this.eol}${indent}${rendered},` };
    const end = afterComma(this.text, last.range.end);
    const trailing = this.text.slice(last.range.end, end).includes(',');
    return trailing
      ? { offset: end, length: 0, newText: `${this.eol}${indent}${rendered},` }
      : { offset: last.range.end, length: 0, newText: `,${this.eol}${indent}${rendered}` };
  }

  /** Removes whole lines when `range` is alone on them, else just the range. */
  private removeLines(range: Range): TextChange {
    const start = lineStartOf(this.text, range.start);
    const end = lineEnd(this.text, range.end);
    const alone = this.text.slice(start, range.start).trim() === '' && this.text.slice(range.end, end).trim() === '';
    if (!alone) return { offset: range.start, length: size(range), newText: '' };
    const next = this.text.indexOf('\n', end);
    return { offset: start, length: (next < 0 ? end : next + 1) - start, newText: '' };
  }

  /** Removes one of a list of entries (object entries, tuple items) with one separating comma. */
  private removeListed(ranges: Range[], target: Range): TextChange | undefined {
    const index = ranges.findIndex((r) => r.start === target.start && r.end === target.end);
    if (index < 0) return undefined;
    const lineStart = lineStartOf(this.text, target.start);
    const end = afterComma(this.text, target.end);
    const alone = this.text.slice(lineStart, target.start).trim() === '' && this.text.slice(end, lineEnd(this.text, end)).trim() === '';
    if (alone) {
      const next = this.text.indexOf('\n', end);
      // Removing the last of multi-line entries leaves the comma after the one before it, which HCL accepts.
      return { offset: lineStart, length: (next < 0 ? end : next + 1) - lineStart, newText: '' };
    }
    if (index > 0) {
      const previous = ranges[index - 1];
      return { offset: previous.end, length: target.end - previous.end, newText: '' };
    }
    const following = ranges[index + 1];
    if (following) return { offset: target.start, length: following.start - target.start, newText: '' };
    return { offset: target.start, length: end - target.start, newText: '' };
  }
}

const IMPLICIT = new Set(['partition', 'region', 'account']);

const LIST_ATTRIBUTES = new Set(['actions', 'not_actions', 'resources', 'not_resources']);

const size = (r: Range) => r.end - r.start;

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the line holding `offset`, before its line break (a comment after the value stays on it). */
function lineEnd(text: string, offset: number): number {
  const next = text.indexOf('\n', offset);
  const end = next < 0 ? text.length : next;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** Past a comma (and the blanks before it) that follows `offset`. */
function afterComma(text: string, offset: number): number {
  const match = /^[ \t]*,/.exec(text.slice(offset));
  return match ? offset + match[0].length : offset;
}

/** The width keys are padded to when the entries align their `=` (terraform fmt), else 0. */
function alignedWidth(text: string, ranges: Range[]): number {
  const keys = ranges.map((r) => /^("[^"]*"|[^\s=:]+)(\s*)[=:]/.exec(text.slice(r.start, r.end))).filter((m): m is RegExpExecArray => !!m);
  if (keys.length < 2 || !keys.some((m) => m[2].length > 1)) return 0;
  return Math.max(...keys.map((m) => m[1].length));
}

function indentUnit(text: string): string {
  const indented = /\n(\t+)\S/.exec(text);
  if (indented) return '\t';
  let unit = Infinity;
  for (const match of text.matchAll(/\n( +)\S/g)) unit = Math.min(unit, match[1].length);
  return ' '.repeat(Number.isFinite(unit) ? unit : 2);
}
