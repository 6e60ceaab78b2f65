// JSON written inside HCL (a heredoc) or read from a file (file(), templatefile(), template_file): the values,
// and a place for each of them in that text. Interpolations (`${...}`) are masked with filler of the same
// length before the JSON parser reads the text (`1000…`, valid inside a string and as a number), so every
// offset stays the file's; the directives' `%{...}` markers are blanked and the values in their branches
// become unknown (a %{if} may leave them out). An interpolation the module resolves gives its value
// (`"cpu": ${cpu}` with cpu = 256 is 256); the others are unknown markers.
import { type Node as JsonNode, type ParseError, parseTree } from 'jsonc-parser';
import type { Evaluator, Scope } from './evaluate';
import type { Range, TemplatePart } from './hcl/syntax';
import { type EmbeddedJson, type PlaceNode, placed } from './places';
import { ownObject } from '../text';

export interface JsonText {
  uri: string;
  /** The whole text of that file. */
  text: string;
  /** Where the JSON is inside it. */
  range: Range;
  /** The template parts of that range, when it is a template (a heredoc, templatefile()); none for file(). */
  parts: TemplatePart[];
  /** How the interpolations are evaluated. */
  scope?: Scope;
}

interface Hole {
  range: Range;
  value: unknown;
}

export interface EmbeddedValue {
  value: unknown;
  node: PlaceNode;
  embedded: EmbeddedJson;
}

/** The JSON value of the text, or undefined when it is not JSON (nothing to read structure from). */
export function readEmbeddedJson(source: JsonText, evaluator: Evaluator): EmbeddedValue | undefined {
  const { text, range } = source;
  const chars = text.slice(range.start, range.end).split('');
  const holes: Hole[] = [];
  const directives: Range[] = [];
  const fill = (r: Range, filler: (i: number) => string) => {
    for (let i = Math.max(r.start, range.start); i < Math.min(r.end, range.end); i++) {
      const c = chars[i - range.start];
      if (c !== '\n' && c !== '\r') chars[i - range.start] = filler(i - r.start);
    }
  };
  const visit = (parts: TemplatePart[], inDirective: boolean) => {
    for (const part of parts) {
      if (part.kind === 'interpolation') {
        fill(part.range, (i) => (i === 0 ? '1' : '0'));
        const written = part.expr ? text.slice(part.expr.range.start, part.expr.range.end) : text.slice(part.range.start, part.range.end);
        const value =
          inDirective || !part.expr || !source.scope
            ? evaluator.unknowns.marker(written, undefined, source.scope ? written : null)
            : evaluator.eval(part.expr, source.scope).value;
        holes.push({ range: part.range, value });
      } else if (part.kind === 'directive') {
        for (const tag of part.tags) fill(tag, () => ' ');
        directives.push(part.range);
        visit(part.inner, true);
      }
    }
  };
  visit(source.parts, false);
  const masked = chars.join('');
  if (!/^\s*[[{]/.test(masked)) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(masked, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root) return undefined;
  const embedded: EmbeddedJson = { uri: source.uri, text: masked, base: range.start, holes: holes.map((h) => h.range) };
  const reader = new JsonReader(source, embedded, holes, directives, evaluator);
  const value = reader.value(root);
  return { value, node: reader.node(root), embedded };
}

class JsonReader {
  private readonly nodes = new Map<JsonNode, PlaceNode>();

  constructor(
    private readonly source: JsonText,
    private readonly embedded: EmbeddedJson,
    private readonly holes: Hole[],
    private readonly directives: Range[],
    private readonly evaluator: Evaluator,
  ) {}

  /** A node's range in the file. */
  private rangeOf(node: JsonNode): Range {
    const start = node.offset + this.embedded.base;
    return { start, end: start + node.length };
  }

  private holesIn(r: Range): Hole[] {
    return this.holes.filter((h) => h.range.start < r.end && h.range.end > r.start);
  }

  private inDirective(r: Range): Range | undefined {
    return this.directives.find((d) => d.start <= r.start && d.end >= r.end);
  }

  node(json: JsonNode): PlaceNode {
    return this.nodes.get(json) ?? this.placeOf(json);
  }

  private placeOf(json: JsonNode): PlaceNode {
    const property = json.parent?.type === 'property' ? json.parent : undefined;
    const key = property?.children?.[0];
    const node = placed(
      this.source.uri,
      this.rangeOf(json),
      { kind: 'json', node: json, embedded: this.embedded },
      {
        key: key ? this.rangeOf(key) : undefined,
        property: property ? this.rangeOf(property) : undefined,
      },
    );
    this.nodes.set(json, node);
    return node;
  }

  value(json: JsonNode): unknown {
    const r = this.rangeOf(json);
    const place = this.node(json);
    switch (json.type) {
      case 'object': {
        const result: Record<string, unknown> = ownObject();
        for (const property of json.children ?? []) {
          const [keyNode, valueNode] = property.children ?? [];
          if (!keyNode || !valueNode) continue;
          // A key made by an interpolation is not known.
          if (this.holesIn(this.rangeOf(keyNode)).length) continue;
          const key = String(keyNode.value);
          const branch = this.inDirective(this.rangeOf(property));
          result[key] = branch ? this.maybeAbsent(branch) : this.value(valueNode);
          place.set(key, this.node(valueNode));
        }
        return result;
      }
      case 'array': {
        return (json.children ?? []).map((item, i) => {
          const branch = this.inDirective(this.rangeOf(item));
          place.set(i, this.node(item));
          return branch ? this.maybeAbsent(branch) : this.value(item);
        });
      }
      case 'string':
        return this.stringValue(json, r);
      case 'number': {
        const holes = this.holesIn(r);
        if (holes.length === 0) return json.value;
        if (holes.length === 1 && holes[0].range.start === r.start && holes[0].range.end === r.end) {
          const value = holes[0].value;
          // `${x}` written as a bare JSON value: Terraform writes x's text there, which JSON reads as a number
          // when it is one.
          if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
          return value;
        }
        return this.evaluator.unknowns.marker(this.source.text.slice(r.start, r.end), undefined, null);
      }
      default:
        return json.value;
    }
  }

  private maybeAbsent(directive: Range): string {
    return this.evaluator.unknowns.marker(
      this.source.text.slice(directive.start, directive.end),
      'a value that a %{if} or %{for} directive may leave out',
      null,
    );
  }

  /** A string with interpolations: its literal parts decoded, each interpolation's text or marker in between. */
  private stringValue(json: JsonNode, r: Range): unknown {
    const holes = this.holesIn(r).sort((a, b) => a.range.start - b.range.start);
    if (holes.length === 0) return json.value;
    const contentStart = r.start + 1;
    const contentEnd = r.end - 1;
    let out = '';
    let at = contentStart;
    const literal = (from: number, to: number) => {
      if (to <= from) return;
      const raw = this.source.text.slice(from, to);
      try {
        out += JSON.parse(`"${raw}"`);
      } catch {
        out += raw;
      }
    };
    for (const hole of holes) {
      literal(at, hole.range.start);
      const value = hole.value;
      out +=
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : this.evaluator.unknowns.marker(this.source.text.slice(hole.range.start, hole.range.end), undefined, null);
      at = hole.range.end;
    }
    literal(at, contentEnd);
    return out;
  }
}
