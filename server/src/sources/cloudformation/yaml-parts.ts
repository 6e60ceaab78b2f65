// Reading a YAML template again after an edit, without reading again what the edit did not touch. A template
// is a block map of top-level sections, and its Resources a block map of resources; each of those entries is
// cut out of the text along its lines and read on its own (syntax.ts: parseYamlPart), and an entry whose text
// is the same as in the last version of the same document is taken from then, moved to where it is now. The
// entries are put together as the whole document's read would give them: the same nodes, offsets, ends and
// duplicate keys, in the same order.
//
// That holds only where an entry means the same on its own as inside the document, so anything else reads
// the whole text (parseYaml): a tab in an indentation, a lone carriage return, a byte-order mark, directives
// and document markers (but a first `---` line), a top-level line that is not a plain block key (`? `, `: `,
// a flow collection, a scalar), a part with a syntax error or an anchor or alias, and comments after an entry
// indented deeper than its key or at the end of the document (the `yaml` package counts such comments into
// the ends of nodes they follow). What is reused is keyed by the exact text of the entry, so it cannot be
// stale: the same text at the same column reads the same way wherever it is.
import type { SyntaxProblem } from '../source';
import { type DuplicateEntry, type MapEntry, type MapNode, type SyntaxNode, type SyntaxTree, type YamlPart, parseYamlPart } from './syntax';

/** Parts of one document version, by their text. */
export type YamlParts = ReadonlyMap<string, PlacedPart>;

interface PlacedPart extends YamlPart {
  /** Where the part's text starts, in the document it was read for. */
  offset: number;
}

interface Line {
  start: number;
  /** Past the line's text, before its line break. */
  end: number;
  indent: number;
  kind: 'blank' | 'comment' | 'content';
}

/**
 * The tree of `text` from its parts, reusing those of `previous` (the last version of the same document) whose
 * text is the same. Undefined when the text is not one this can read part by part: read it whole then.
 */
export function parseYamlByParts(text: string, previous: YamlParts | undefined): { tree: SyntaxTree; parts: YamlParts } | undefined {
  if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text)) return undefined;
  const lines = linesOf(text);
  if (!lines) return undefined;
  let first = 0;
  while (first < lines.length && lines[first].kind !== 'content') first++;
  // A leading `---` starts the one document; any other marker or directive is read whole.
  if (first < lines.length && /^---[ \t]*\r?$/.test(text.slice(lines[first].start, lines[first].end))) {
    first++;
    while (first < lines.length && lines[first].kind !== 'content') first++;
  }
  const parts = new Map<string, PlacedPart>();
  const read = (from: number, to: number, indent: number): PlacedPart | undefined => {
    const start = lines[from].start;
    const end = to < lines.length ? lines[to].start : text.length;
    const partText = text.slice(start, end);
    const known = previous?.get(partText) ?? parts.get(partText);
    let part: PlacedPart | undefined;
    if (known && (known.offset === start || known.duplicates.length === 0)) part = known.offset === start ? known : moved(known, start);
    else {
      const fresh = parseYamlPart(partText, start, indent);
      part = fresh && { ...fresh, offset: start };
    }
    if (part) parts.set(partText, part);
    return part;
  };

  // Top-level entries: lines at column 0 that start a key (`- ` there continues the entry above it).
  const starts: number[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind !== 'content' || line.indent > 0) continue;
    const head = text.slice(line.start, line.start + 3);
    if (/^-(?:[ \t\r]|$)/.test(head)) continue;
    if (/^(?:[?:%[{]|---|\.\.\.)/.test(head)) return undefined;
    starts.push(i);
  }
  if (starts.length === 0 || starts[0] !== first) return undefined;
  if (!quietTail(lines, starts[starts.length - 1], lines.length, -1)) return undefined;

  const entries: MapEntry[] = [];
  const duplicates: DuplicateEntry[] = [];
  const root: MapNode = { kind: 'map', start: lines[first].start, end: 0, entries, flow: false };
  const seen = new Map<string, MapEntry>();
  let valueEnd = 0;
  for (let s = 0; s < starts.length; s++) {
    const from = starts[s];
    const to = s + 1 < starts.length ? starts[s + 1] : lines.length;
    if (!quietTail(lines, from, to, 0)) return undefined;
    const resources = readResources(text, lines, from, to, read);
    if (resources === null) return undefined;
    let entry: MapEntry;
    if (resources) {
      entry = resources.entry;
      duplicates.push(...resources.duplicates);
      valueEnd = resources.valueEnd;
    } else {
      const part = read(from, to, 0);
      if (!part) return undefined;
      entry = part.entry;
      duplicates.push(...part.duplicates);
      valueEnd = part.valueEnd;
    }
    const earlier = seen.get(entry.key);
    if (earlier) duplicates.push({ map: root, earlier, kept: entry });
    seen.set(entry.key, entry);
    entries.push(entry);
  }
  root.end = trimmedEnd(text, root.start, valueEnd);
  const problems: SyntaxProblem[] = [];
  return { tree: { format: 'yaml', text, root, problems, duplicates }, parts };
}

/**
 * `Resources:` alone on its line, over a block map of resources: each resource read as a part. Undefined when
 * the entry is another (read it as one part), null when it cannot be read by parts.
 */
function readResources(
  text: string,
  lines: Line[],
  from: number,
  to: number,
  read: (from: number, to: number, indent: number) => PlacedPart | undefined,
): { entry: MapEntry; duplicates: DuplicateEntry[]; valueEnd: number } | null | undefined {
  const head = lines[from];
  if (!/^Resources:(?:[ \t]+#.*|[ \t]*)\r?$/.test(text.slice(head.start, head.end))) return undefined;
  let first = from + 1;
  while (first < to && lines[first].kind !== 'content') first++;
  if (first === to || text.startsWith('-', lines[first].start + lines[first].indent)) return undefined;
  const indent = lines[first].indent;
  const starts: number[] = [];
  for (let i = first; i < to; i++) {
    const line = lines[i];
    if (line.kind !== 'content' || line.indent > indent) continue;
    if (line.indent < indent) return null;
    const lead = text.slice(line.start + indent, line.start + indent + 2);
    if (/^-(?:[ \t\r]|$)/.test(lead)) continue;
    if (/^[?:[{]/.test(lead)) return null;
    starts.push(i);
  }
  const entries: MapEntry[] = [];
  const duplicates: DuplicateEntry[] = [];
  const map: MapNode = { kind: 'map', start: 0, end: 0, entries, flow: false };
  const seen = new Map<string, MapEntry>();
  let valueEnd = 0;
  for (let s = 0; s < starts.length; s++) {
    const end = s + 1 < starts.length ? starts[s + 1] : to;
    if (!quietTail(lines, starts[s], end, indent)) return null;
    const part = read(starts[s], end, indent);
    if (!part) return null;
    duplicates.push(...part.duplicates);
    const earlier = seen.get(part.entry.key);
    if (earlier) duplicates.push({ map, earlier, kept: part.entry });
    seen.set(part.entry.key, part.entry);
    entries.push(part.entry);
    valueEnd = part.valueEnd;
  }
  map.start = entries[0].keyNode.start;
  map.end = trimmedEnd(text, map.start, valueEnd);
  const keyNode = {
    kind: 'scalar' as const,
    start: head.start,
    end: head.start + 'Resources'.length,
    value: 'Resources',
    style: 'plain' as const,
  };
  return { entry: { key: 'Resources', keyNode, value: map }, duplicates, valueEnd };
}

/** The comments after the last content line of lines [from, to) are indented at most `indent` (none at all for -1). */
function quietTail(lines: Line[], from: number, to: number, indent: number): boolean {
  for (let i = to - 1; i > from && lines[i].kind !== 'content'; i--)
    if (lines[i].kind === 'comment' && lines[i].indent > indent) return false;
  return true;
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && ' \t\r\n'.includes(text[end - 1])) end--;
  return end;
}

/** The lines of `text`, or undefined when one is indented with a tab or holds an explicit key (`? k`, `: v`). */
/** A line that starts (after `- ` items) with `?` or `:` and a space: an explicit key or its value. */
const EXPLICIT_KEY = /^(?:-[ \t]+)*[?:](?:[ \t\r]|$)/;

function linesOf(text: string): Line[] | undefined {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = i < end ? text[i] : '';
    const kind = c === '' || c === '\r' ? 'blank' : c === '#' ? 'comment' : c === '\t' ? undefined : 'content';
    if (!kind || (kind === 'content' && EXPLICIT_KEY.test(text.slice(i, end)))) return undefined;
    lines.push({ start, end, indent: i - start, kind });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** A part read at another offset, moved to `offset`: new nodes, as the old ones belong to the old version. */
function moved(part: PlacedPart, offset: number): PlacedPart {
  const delta = offset - part.offset;
  const entry: MapEntry = {
    ...part.entry,
    keyNode: shift(part.entry.keyNode, delta),
    value: part.entry.value && shift(part.entry.value, delta),
  };
  return { entry, duplicates: [], valueEnd: part.valueEnd + delta, offset };
}

function shift<T extends SyntaxNode>(node: T, delta: number): T;
function shift(node: SyntaxNode, delta: number): SyntaxNode {
  const start = node.start + delta;
  const end = node.end + delta;
  switch (node.kind) {
    case 'map':
      return {
        ...node,
        start,
        end,
        entries: node.entries.map((e) => ({ key: e.key, keyNode: shift(e.keyNode, delta), value: e.value && shift(e.value, delta) })),
      };
    case 'seq':
      return { ...node, start, end, items: node.items.map((item) => item && shift(item, delta)) };
    case 'tag':
      return { ...node, start, end, value: shift(node.value, delta) };
    default:
      return { ...node, start, end };
  }
}
