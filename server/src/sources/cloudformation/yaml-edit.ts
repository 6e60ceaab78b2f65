// Text edits on YAML that keep the file as it is around them: a value is replaced in its own style (plain,
// 'single', "double", a tag), a new key follows the indentation of its siblings, a new list item copies the
// dash and gap of the last one, flow collections stay on their line, and comments, blank lines and the line
// breaks of the file are left alone. Each edit is one text change computed from node ranges; a value that is
// a map or a list is written with the `yaml` package in the file's indentation and quoting.
import { scalarText as plainText } from '../../core/json';
import { isNode, stringify } from 'yaml';
import type { TextChange } from '../source';
import type { MapEntry, MapNode, ScalarNode, ScalarStyle, SeqNode, SyntaxNode } from './syntax';

export interface YamlStyle {
  eol: string;
  /** Columns per nesting level. */
  step: number;
  /** Block lists under a key are indented (`key:\n  - a`) rather than not (`key:\n- a`). */
  indentSeq: boolean;
  quote: 'single' | 'double';
}

/** The file's indentation, list style, quotes and line breaks, as its own text shows them. */
export function yamlStyleOf(text: string): YamlStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let step = 0;
  let indentSeq: boolean | undefined;
  let previousIndent = -1;
  let previousIsKey = false;
  for (const line of text.split('\n').slice(0, 400)) {
    const match = /^( *)(\S)/.exec(line);
    if (!match || match[2] === '#') continue;
    const indent = match[1].length;
    const dash = match[2] === '-';
    if (previousIsKey && indent > previousIndent && !dash && step === 0) step = indent - previousIndent;
    if (previousIsKey && dash && indentSeq === undefined) indentSeq = indent > previousIndent;
    previousIndent = indent;
    previousIsKey = /:\s*(#.*)?\r?$/.test(line) && !dash;
  }
  const singles = (text.match(/'[^'\n]*'/g) ?? []).length;
  const doubles = (text.match(/"[^"\n]*"/g) ?? []).length;
  return { eol, step: step > 0 && step <= 8 ? step : 2, indentSeq: indentSeq ?? true, quote: doubles > singles ? 'double' : 'single' };
}

// --- Positions -----------------------------------------------------------------------------------------

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The end of a node's content: its range without the line breaks a block value ends with. */
function contentEnd(text: string, node: { start: number; end: number }): number {
  let end = node.end;
  while (end > node.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/** The offset of the line break ending the line that holds `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** After the line break that ends the line of `offset`. */
function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

const onlySpacesBefore = (text: string, offset: number) => /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));

// --- Rendering values ----------------------------------------------------------------------------------

/** A value written as YAML would read it back: plain when it reads back the same, else in quotes. */
export function scalarText(value: unknown, style: YamlStyle, keep?: ScalarStyle, flow = false): string {
  if (isNode(value)) return stringify(value, { lineWidth: 0 }).trimEnd();
  if (typeof value !== 'string') return value === undefined ? 'null' : (plainText(value) ?? JSON.stringify(value) ?? 'null');
  const quote = keep === 'double' || keep === 'json' ? 'double' : keep === 'single' ? 'single' : undefined;
  if (quote === undefined && readsBackPlain(value, flow)) return value;
  if ((quote ?? style.quote) === 'single' && !/[\r\n]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

function readsBackPlain(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim() || /[\r\n\t]/.test(value)) return false;
  if (flow && /[,[\]{}]/.test(value)) return false;
  // YAML 1.1 (CloudFormation) reads yes, no, 0755 and 1:20 as something else: those are quoted too.
  return stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd() === value;
}

function isCollection(value: unknown): value is object {
  if (isNode(value)) return false;
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

/** A map or list in block style, each line after the first indented to `indent` (the first is not). */
function blockText(value: unknown, indent: number, style: YamlStyle): string[] {
  const text = stringify(value, {
    version: '1.1',
    indent: style.step,
    indentSeq: style.indentSeq,
    lineWidth: 0,
    singleQuote: style.quote === 'single',
  }).trimEnd();
  return text.split('\n').map((line, i) => (i === 0 ? line : `${' '.repeat(indent)}${line}`));
}

/** A value as a whole YAML document in the file's indentation and quoting (tagged scalars kept). */
export function documentText(value: unknown, style: YamlStyle): string {
  return `${blockText(value, 0, style).join(style.eol)}${style.eol}`;
}

function flowText(value: unknown, style: YamlStyle): string {
  if (!isCollection(value))
    return Array.isArray(value)
      ? '[]'
      : typeof value === 'object' && value !== null && !isNode(value)
        ? '{}'
        : scalarText(value, style, undefined, true);
  return stringify(value, { version: '1.1', collectionStyle: 'flow', lineWidth: 0, singleQuote: style.quote === 'single' }).trimEnd();
}

function flowOrScalar(value: unknown, style: YamlStyle): string {
  return typeof value === 'object' && value !== null && !isNode(value) ? flowText(value, style) : scalarText(value, style);
}

function keyText(key: string, style: YamlStyle, keep?: ScalarStyle): string {
  return scalarText(key, style, keep === 'plain' ? undefined : keep, true);
}

/** `key: value` (or `key:` and the block below it) for a new entry whose key is at `column`. */
function entryLines(key: string, value: unknown, column: number, style: YamlStyle): string[] {
  const head = `${keyText(key, style)}:`;
  if (!isCollection(value)) return [`${head} ${flowOrScalar(value, style)}`];
  const childIndent = column + (Array.isArray(value) && !style.indentSeq ? 0 : style.step);
  const [first, ...rest] = blockText(value, childIndent, style);
  return [head, `${' '.repeat(childIndent)}${first}`, ...rest];
}

// --- Edits ---------------------------------------------------------------------------------------------

/** Replaces a value written under `entry` of a block or flow map, or as an item of a list. */
export function replaceValue(
  text: string,
  node: SyntaxNode,
  value: unknown,
  style: YamlStyle,
  context: { flow: boolean; keyNode?: ScalarNode },
): TextChange {
  const end = contentEnd(text, node);
  if (context.flow || !isCollection(value)) {
    const keep = node.kind === 'scalar' && node.style !== 'block' ? node.style : undefined;
    const rendered =
      typeof value === 'object' && value !== null && !isNode(value) ? flowText(value, style) : scalarText(value, style, keep, context.flow);
    return { offset: node.start, length: end - node.start, newText: rendered };
  }
  if (context.keyNode) {
    // `key: old` -> `key:` and the block below it.
    const column = columnOf(text, context.keyNode.start);
    const childIndent = column + (Array.isArray(value) && !style.indentSeq ? 0 : style.step);
    const lines = blockText(value, childIndent, style);
    const colon = text.indexOf(':', context.keyNode.end);
    const from = colon >= 0 && colon < node.start ? colon + 1 : node.start;
    return { offset: from, length: end - from, newText: `${style.eol}${' '.repeat(childIndent)}${lines.join(style.eol)}` };
  }
  // A list item: the first line after the dash, the rest under it.
  const column = columnOf(text, node.start);
  return { offset: node.start, length: end - node.start, newText: blockText(value, column, style).join(style.eol) };
}

/** A value for `Key:`, which has none yet. */
export function fillEmpty(text: string, keyNode: ScalarNode, value: unknown, style: YamlStyle): TextChange {
  const colon = text.indexOf(':', keyNode.end);
  const at = colon >= 0 ? colon + 1 : keyNode.end;
  const lines = entryLines('k', value, columnOf(text, keyNode.start), style);
  const rest = lines[0].slice('k:'.length);
  return { offset: at, length: 0, newText: [rest, ...lines.slice(1)].join(style.eol) };
}

/** Adds `key: value` to a map, before its entry number `index` (at the end when there is none). */
export function insertEntry(text: string, map: MapNode, key: string, value: unknown, index: number, style: YamlStyle): TextChange {
  const entries = map.entries;
  if (map.flow) {
    const pair = `${keyText(key, style)}: ${flowText(value, style)}`;
    if (entries.length === 0) {
      const open = text.indexOf('{', map.start);
      return { offset: open + 1, length: 0, newText: pair };
    }
    if (index < entries.length) return { offset: entries[index].keyNode.start, length: 0, newText: `${pair}, ` };
    const last = entries[entries.length - 1];
    return { offset: contentEnd(text, last.value ?? last.keyNode), length: 0, newText: `, ${pair}` };
  }
  const column = columnOf(text, entries[0].keyNode.start);
  const lines = entryLines(key, value, column, style);
  if (index < entries.length) {
    const before = entries[index].keyNode;
    if (onlySpacesBefore(text, before.start)) {
      const at = lineStart(text, before.start);
      return { offset: at, length: 0, newText: `${' '.repeat(column)}${lines.join(style.eol)}${style.eol}` };
    }
    // The first key of a list item shares its line with the dash: the new key takes its place.
    return { offset: before.start, length: 0, newText: `${lines.join(style.eol)}${style.eol}${' '.repeat(column)}` };
  }
  const last = entries[entries.length - 1];
  const at = lineEnd(text, contentEnd(text, last.value ?? last.keyNode));
  return { offset: at, length: 0, newText: `${style.eol}${' '.repeat(column)}${lines.join(style.eol)}` };
}

/** Adds an item at the end of a list, with the dash and gap of its last item. */
export function appendItem(text: string, seq: SeqNode, value: unknown, style: YamlStyle): TextChange | undefined {
  const items = seq.items.filter((i): i is SyntaxNode => i !== undefined);
  if (seq.flow) {
    const item = flowText(value, style);
    if (items.length === 0) {
      const open = text.indexOf('[', seq.start);
      return { offset: open + 1, length: 0, newText: item };
    }
    return { offset: contentEnd(text, items[items.length - 1]), length: 0, newText: `, ${item}` };
  }
  const last = items[items.length - 1];
  if (!last) return undefined;
  const dash = text.lastIndexOf('-', last.start);
  if (dash < 0 || !onlySpacesBefore(text, dash)) return undefined;
  const dashColumn = columnOf(text, dash);
  const gap = text.slice(dash + 1, last.start);
  if (!/^[ ]+$/.test(gap)) return undefined;
  const itemColumn = dashColumn + 1 + gap.length;
  const rendered = isCollection(value) ? blockText(value, itemColumn, style) : [flowOrScalar(value, style)];
  const at = lineEnd(text, contentEnd(text, last));
  return { offset: at, length: 0, newText: `${style.eol}${' '.repeat(dashColumn)}-${gap}${rendered.join(style.eol)}` };
}

/** Removes an entry of a map: its whole lines in block style, the pair and one comma in flow style. */
export function removeEntry(text: string, map: MapNode, entry: MapEntry): TextChange {
  const index = map.entries.indexOf(entry);
  const end = contentEnd(text, entry.value ?? entry.keyNode);
  if (map.flow)
    return removeFlow(
      text,
      map.entries.map((e) => ({ start: e.keyNode.start, end: contentEnd(text, e.value ?? e.keyNode) })),
      index,
      map,
    );
  const start = entry.keyNode.start;
  if (!onlySpacesBefore(text, start)) {
    // First key of a list item: the next key moves up beside the dash.
    const next = map.entries[index + 1];
    if (next) return { offset: start, length: next.keyNode.start - start, newText: '' };
    return { offset: start, length: end - start, newText: '{}' };
  }
  const from = lineStart(text, start);
  return { offset: from, length: nextLineStart(text, end) - from, newText: '' };
}

/** Removes an item of a list: its whole lines in block style, the item and one comma in flow style. */
export function removeItem(text: string, seq: SeqNode, index: number): TextChange | undefined {
  const items = seq.items;
  const item = items[index];
  if (!item) return undefined;
  if (seq.flow) {
    return removeFlow(
      text,
      items.map((i) => i ?? { start: 0, end: 0 }),
      index,
      seq,
    );
  }
  const dash = text.lastIndexOf('-', item.start);
  if (dash < 0) return undefined;
  if (!onlySpacesBefore(text, dash)) {
    // `key: - a` cannot happen; a nested `- - a` is left alone.
    return undefined;
  }
  const from = lineStart(text, dash);
  return { offset: from, length: nextLineStart(text, contentEnd(text, item)) - from, newText: '' };
}

function removeFlow(
  text: string,
  spans: { start: number; end: number }[],
  index: number,
  container: { start: number; end: number },
): TextChange {
  const span = spans[index];
  if (index > 0) {
    const previousEnd = spans[index - 1].end;
    return { offset: previousEnd, length: span.end - previousEnd, newText: '' };
  }
  if (spans.length > 1) return { offset: span.start, length: spans[1].start - span.start, newText: '' };
  return { offset: container.start + 1, length: contentEnd(text, container) - 1 - (container.start + 1), newText: '' };
}

export function renameKey(keyNode: ScalarNode, key: string, style: YamlStyle): TextChange {
  return { offset: keyNode.start, length: keyNode.end - keyNode.start, newText: keyText(key, style, keyNode.style) };
}
