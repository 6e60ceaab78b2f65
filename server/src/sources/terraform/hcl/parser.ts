// HCL text -> the syntax tree of syntax.ts, with tree-sitter's HCL grammar (@tree-sitter-grammars/tree-sitter-hcl,
// its Terraform dialect .wasm) on web-tree-sitter. Chosen over codemirror-lang-hcl (breaks on function calls in
// objects) and hcl2-parser (no ranges, MPL-2.0 code inside): /work/notes/hcl-parser.md has the measurements.
//
// Loading is asynchronous (WebAssembly) and the platform's job: `loadHclParser` takes the bytes of both .wasm
// files (node/ reads them from dist/ or node_modules), so nothing here touches the file system or the network.
// Parsing is synchronous. A broken file still gives every attribute and block tree-sitter could recover,
// and its errors.
import { Edit, Language, type Node, Parser, type Point, type Tree } from 'web-tree-sitter';
import { unescapeQuoted, unescapeTemplate } from './strings';
import {
  type Attribute,
  type Block,
  type Body,
  type Expr,
  type HclFile,
  type HeredocExpr,
  type ObjectEntry,
  type Range,
  type Step,
  type SyntaxIssue,
  type TemplatePart,
  moved,
} from './syntax';

export interface HclWasm {
  /** web-tree-sitter.wasm, the runtime. */
  runtime: Uint8Array;
  /** tree-sitter-terraform.wasm, the grammar. */
  grammar: Uint8Array;
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the parser once; later calls wait for the first. */
export function loadHclParser(wasm: () => Promise<HclWasm>): Promise<void> {
  loading ??= (async () => {
    const { runtime, grammar } = await wasm();
    // wasmBinary: the runtime never looks for its .wasm itself. locateFile: without it the runtime computes a
    // URL from import.meta.url, which a CommonJS or worker bundle does not have.
    await Parser.init({ wasmBinary: runtime, locateFile: (file: string) => file } as object);
    const language = await Language.load(grammar);
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
  })();
  return loading;
}

export function hclParserLoaded(): boolean {
  return parser !== undefined;
}

interface Previous {
  text: string;
  tree: Tree;
  file: HclFile;
}

// The last tree of each document (by a key: its URI), to parse its next text incrementally.
const previous = new Map<string, Previous>();
const PREVIOUS_CAPACITY = 16;

/**
 * The syntax tree of `text`; undefined until loadHclParser has finished. With a `key` (the document's URI),
 * the text is parsed incrementally from the key's last text, and the top-level blocks whose text did not
 * change are not converted again (an edit while typing converts the block being edited).
 */
export function parseHcl(text: string, key?: string): HclFile | undefined {
  if (!parser) return undefined;
  const before = key === undefined ? undefined : previous.get(key);
  if (key !== undefined) previous.delete(key);
  let tree: Tree | null;
  try {
    if (before) before.tree.edit(editBetween(before.text, text));
    tree = parser.parse(text, before?.tree);
  } finally {
    before?.tree.delete();
  }
  if (!tree) return undefined;
  let file: HclFile;
  try {
    file = new Converter(text, before?.file).file(tree.rootNode);
  } catch (error) {
    tree.delete();
    throw error;
  }
  if (key === undefined) {
    tree.delete();
  } else {
    previous.set(key, { text, tree, file });
    if (previous.size > PREVIOUS_CAPACITY) {
      const oldest = previous.keys().next().value!;
      previous.get(oldest)!.tree.delete();
      previous.delete(oldest);
    }
  }
  return file;
}

/** The one edit that turns `before` into `after` (their common start and end left alone), for tree-sitter. */
function editBetween(before: string, after: string): Edit {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  });
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

// web-tree-sitter calls into WebAssembly for each node.type and node.endIndex: read them once per node (kept
// on the node object itself, the cheapest place to look them up again).
type Cached = Node & { fargateLintType?: string; fargateLintEnd?: number };
function typeOf(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  return ((node as Cached).fargateLintType ??= node.type);
}
function endOf(node: Node): number {
  return ((node as Cached).fargateLintEnd ??= node.endIndex);
}
const rangeOf = (node: Node): Range => ({ start: node.startIndex, end: endOf(node) });
const named = (node: Node, type: string): Node | undefined => node.namedChildren.find((c): c is Node => typeOf(c) === type);
const allNamed = (node: Node, type: string): Node[] => node.namedChildren.filter((c): c is Node => typeOf(c) === type);

const ACCESSORS = new Set(['get_attr', 'index', 'splat']);

class Converter {
  private readonly errors: SyntaxIssue[] = [];
  private readonly stringErrors: SyntaxIssue[] = [];
  /** The top-level items of the previous text, by their text: reused when unchanged (with their string errors). */
  private readonly reusable = new Map<string, { item: Attribute | Block; start: number; errors: SyntaxIssue[] }>();

  constructor(
    private readonly text: string,
    before?: HclFile,
  ) {
    if (!before) return;
    for (const item of [...before.body.attributes, ...before.body.blocks]) {
      const { start, end } = item.range;
      const errors = before.stringErrors.filter((e) => e.range.start >= start && e.range.end <= end);
      this.reusable.set(before.text.slice(start, end), { item, start, errors });
    }
  }

  file(root: Node): HclFile {
    if (root.hasError) this.collectErrors(root);
    const bodyNode = named(root, 'body');
    const body = bodyNode ? this.body(bodyNode, true) : { attributes: [], blocks: [], range: rangeOf(root) };
    // tree-sitter may put whole blocks inside an ERROR node, even make the root one: keep what it recognised.
    if (typeOf(root) === 'ERROR') this.salvage(root, body);
    else for (const child of allNamed(root, 'ERROR')) this.salvage(child, body);
    const errors = [...this.errors, ...this.stringErrors].sort((a, b) => a.range.start - b.range.start);
    return { text: this.text, body, errors, stringErrors: this.stringErrors };
  }

  private collectErrors(root: Node): void {
    const cursor = root.walk();
    try {
      for (;;) {
        const type = cursor.nodeType;
        if (type === 'ERROR') {
          this.errors.push({ range: { start: cursor.startIndex, end: cursor.endIndex }, message: 'HCL syntax error' });
        } else if (cursor.nodeIsMissing) {
          this.errors.push({ range: { start: cursor.startIndex, end: cursor.endIndex }, message: `HCL syntax error: missing ${type}` });
        }
        // An ERROR's inside is not worth more messages than the ERROR itself.
        if (type !== 'ERROR' && cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return;
      }
    } finally {
      cursor.delete();
    }
  }

  private body(node: Node, top = false): Body {
    const body: Body = { attributes: [], blocks: [], range: rangeOf(node) };
    for (const child of node.namedChildren) {
      if (!child) continue;
      const type = typeOf(child);
      if (top && this.reusable.size && (type === 'attribute' || type === 'block')) {
        const start = child.startIndex;
        const same = this.reusable.get(this.text.slice(start, endOf(child)));
        if (same) {
          const item = moved(same.item, start - same.start);
          this.stringErrors.push(...moved(same.errors, start - same.start));
          if (type === 'attribute') body.attributes.push(item as Attribute);
          else body.blocks.push(item as Block);
          continue;
        }
      }
      if (type === 'attribute') body.attributes.push(this.attribute(child));
      else if (type === 'block') body.blocks.push(this.block(child));
      else if (type === 'ERROR') this.salvage(child, body);
    }
    return body;
  }

  private salvage(node: Node, into: Body): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      const type = typeOf(child);
      if (type === 'attribute') into.attributes.push(this.attribute(child));
      else if (type === 'block') into.blocks.push(this.block(child));
      else if (type === 'body' || type === 'ERROR') this.salvage(child, into);
    }
  }

  private attribute(node: Node): Attribute {
    const id = named(node, 'identifier');
    const expression = named(node, 'expression');
    const range = rangeOf(node);
    return {
      name: id?.text ?? '',
      nameRange: id ? rangeOf(id) : { start: range.start, end: range.start },
      expr: expression ? this.expression(expression) : { kind: 'invalid', range: { start: range.end, end: range.end } },
      range,
    };
  }

  private block(node: Node): Block {
    let type: string | undefined;
    let typeRange: Range = rangeOf(node);
    const labels: Block['labels'] = [];
    let open: Range | undefined;
    let close: Range | undefined;
    let body: Body | undefined;
    for (const child of node.children) {
      if (!child) continue;
      switch (typeOf(child)) {
        case 'identifier':
          if (type === undefined) {
            type = child.text;
            typeRange = rangeOf(child);
          } else {
            labels.push({ value: child.text, range: rangeOf(child) });
          }
          break;
        case 'string_lit': {
          const content = this.quotedContent(child);
          labels.push({ value: unescapeQuoted(this.text.slice(content.start, content.end)), range: rangeOf(child) });
          break;
        }
        case 'block_start':
          if (!child.isMissing) open = rangeOf(child);
          break;
        case 'block_end':
          if (!child.isMissing) close = rangeOf(child);
          break;
        case 'body':
          body = this.body(child);
          break;
      }
    }
    const range = rangeOf(node);
    const inside = open ? open.end : range.end;
    return {
      type: type ?? '',
      typeRange,
      labels,
      open,
      close,
      body: body ?? { attributes: [], blocks: [], range: { start: inside, end: inside } },
      range,
    };
  }

  private invalid(node: Node): Expr {
    return { kind: 'invalid', range: rangeOf(node) };
  }

  /** An `expression` node: a conditional, or one term followed by its accessors (tree-sitter flattens them). */
  private expression(node: Node): Expr {
    const children = node.children.filter((c): c is Node => !!c && typeOf(c) !== 'comment');
    if (children.length === 1 && typeOf(children[0]) === 'conditional') return this.conditional(children[0]);
    const [expr, next] = this.term(children, 0);
    return next < children.length ? this.invalid(node) : expr;
  }

  /** One term and its accessors from a flattened list of children; the term and the index after it. */
  private term(children: Node[], at: number): [Expr, number] {
    const first = children[at];
    if (!first) return [{ kind: 'invalid', range: { start: 0, end: 0 } }, at + 1];
    let base: Expr;
    let i = at;
    if (typeOf(first) === '(') {
      const inner = children[at + 1];
      const close = children[at + 2];
      const expr = inner && typeOf(inner) === 'expression' ? this.expression(inner) : this.invalid(first);
      base = { kind: 'parens', expr, range: { start: first.startIndex, end: endOf(close ?? inner ?? first) } };
      i += close && typeOf(close) === ')' ? 3 : 2;
    } else {
      base = this.termNode(first);
      i += 1;
    }
    const steps: Step[] = [];
    while (i < children.length && ACCESSORS.has(typeOf(children[i]) ?? '')) this.accessor(children[i++], steps);
    if (steps.length === 0) return [base, i];
    const range = { start: base.range.start, end: endOf(children[i - 1]) };
    if (base.kind === 'traversal') return [{ kind: 'traversal', root: base.root, steps: [...base.steps, ...steps], range }, i];
    return [{ kind: 'access', base, steps, range }, i];
  }

  private accessor(node: Node, steps: Step[]): void {
    const type = typeOf(node);
    if (type === 'get_attr') {
      const id = named(node, 'identifier');
      steps.push({ kind: 'attr', name: id?.text ?? '', range: rangeOf(node) });
    } else if (type === 'index') {
      const inner = node.namedChildren[0];
      if (inner && typeOf(inner) === 'legacy_index') {
        // `.0`, the 0.11 style
        const digits = inner.text.slice(1);
        steps.push({ kind: 'index', key: { kind: 'number', value: Number(digits), range: rangeOf(inner) }, range: rangeOf(node) });
      } else {
        const expression = inner ? named(inner, 'expression') : undefined;
        steps.push({ kind: 'index', key: expression ? this.expression(expression) : this.invalid(node), range: rangeOf(node) });
      }
    } else if (type === 'splat') {
      steps.push({ kind: 'splat', range: rangeOf(node) });
      // `[*].id`: the accessors after the splat are inside its node.
      for (const inner of node.namedChildren[0]?.namedChildren ?? []) if (inner) this.accessor(inner, steps);
    }
  }

  private termNode(node: Node): Expr {
    switch (typeOf(node)) {
      case 'literal_value':
        return this.literal(node.namedChildren[0] ?? node);
      case 'template_expr': {
        const template = node.namedChildren[0];
        if (template && typeOf(template) === 'quoted_template') return this.quotedTemplate(template);
        if (template && typeOf(template) === 'heredoc_template') return this.heredoc(template);
        return this.invalid(node);
      }
      case 'collection_value': {
        const collection = node.namedChildren[0];
        if (collection && typeOf(collection) === 'tuple') {
          return { kind: 'tuple', items: allNamed(collection, 'expression').map((e) => this.expression(e)), range: rangeOf(collection) };
        }
        if (collection && typeOf(collection) === 'object') return this.object(collection);
        return this.invalid(node);
      }
      case 'variable_expr':
        return { kind: 'traversal', root: node.text, steps: [], range: rangeOf(node) };
      case 'function_call':
        return this.call(node);
      case 'for_expr':
        return { kind: 'for', range: rangeOf(node) };
      case 'operation':
        return this.operation(node);
      case 'conditional':
        return this.conditional(node);
      case 'expression':
        return this.expression(node);
      default:
        return this.invalid(node);
    }
  }

  private literal(node: Node): Expr {
    switch (typeOf(node)) {
      case 'numeric_lit':
        return { kind: 'number', value: Number(node.text), range: rangeOf(node) };
      case 'bool_lit':
        return { kind: 'bool', value: node.text === 'true', range: rangeOf(node) };
      case 'null_lit':
        return { kind: 'null', range: rangeOf(node) };
      case 'string_lit': {
        const content = this.quotedContent(node);
        return { kind: 'string', value: unescapeQuoted(this.text.slice(content.start, content.end)), range: rangeOf(node), content };
      }
      default:
        return this.invalid(node);
    }
  }

  /** Between the quotes. (template_literal nodes leave out leading and trailing whitespace: never read text from them.) */
  private quotedContent(node: Node): Range {
    const open = named(node, 'quoted_template_start');
    const close = named(node, 'quoted_template_end');
    const start = open ? endOf(open) : node.startIndex;
    const end = close && !close.isMissing ? close.startIndex : endOf(node);
    return { start, end: Math.max(start, end) };
  }

  /** Interpolations and directives from the nodes; the literal parts are the text between them. */
  private templateParts(nodes: readonly (Node | null)[], content: Range, quoted: boolean): TemplatePart[] {
    const holes: TemplatePart[] = [];
    for (const node of nodes) {
      if (!node) continue;
      const type = typeOf(node);
      if (type === 'template_interpolation') holes.push(this.interpolation(node));
      else if (type === 'template_directive') holes.push(this.directive(node));
    }
    const parts: TemplatePart[] = [];
    let at = content.start;
    const literal = (start: number, end: number) => {
      if (end <= start) return;
      const raw = this.text.slice(start, end);
      parts.push({ kind: 'literal', value: quoted ? unescapeQuoted(raw) : unescapeTemplate(raw), range: { start, end } });
    };
    for (const hole of holes) {
      literal(at, hole.range.start);
      parts.push(hole);
      at = hole.range.end;
    }
    literal(at, content.end);
    return parts;
  }

  private interpolation(node: Node): TemplatePart {
    const expression = named(node, 'expression');
    return { kind: 'interpolation', expr: expression ? this.expression(expression) : undefined, range: rangeOf(node) };
  }

  private directive(node: Node): TemplatePart {
    const tags: Range[] = [];
    const inner: TemplatePart[] = [];
    const visit = (parent: Node) => {
      for (const child of parent.namedChildren) {
        if (!child) continue;
        const type = typeOf(child) ?? '';
        if (/^template_(if_intro|else_intro|if_end|for_start|for_end)$/.test(type)) tags.push(rangeOf(child));
        else if (type === 'template_if' || type === 'template_for') visit(child);
        else if (type === 'template_directive') inner.push(this.directive(child));
        else if (type === 'template_interpolation') inner.push(this.interpolation(child));
      }
    };
    visit(node);
    return { kind: 'directive', tags, inner, range: rangeOf(node) };
  }

  private quotedTemplate(node: Node): Expr {
    const content = this.quotedContent(node);
    const parts = this.templateParts(node.namedChildren, content, true);
    const range = rangeOf(node);
    if (this.text.slice(content.start, content.end).includes('\n')) {
      // The grammar lets a quoted string run over lines; HCL does not: it is a string left open.
      this.stringErrors.push({ range, message: 'HCL syntax error: a quoted string must end on its line (is a quote missing?)' });
    }
    if (parts.every((p) => p.kind === 'literal')) {
      return { kind: 'string', value: parts.map((p) => (p.kind === 'literal' ? p.value : '')).join(''), range, content };
    }
    return { kind: 'template', parts, range, content };
  }

  private heredoc(node: Node): HeredocExpr {
    const children = node.namedChildren.filter((c): c is Node => !!c);
    const start = children.find((c) => typeOf(c) === 'heredoc_start');
    const markers = children.filter((c) => typeOf(c) === 'heredoc_identifier');
    const open = markers[0];
    const close = markers.length > 1 ? markers[markers.length - 1] : undefined;
    const range = rangeOf(node);
    const newline = this.text.indexOf('\n', open ? endOf(open) : range.start);
    const bodyStart = newline < 0 || newline >= range.end ? range.end : newline + 1;
    let bodyEnd = range.end;
    if (close && !close.isMissing) bodyEnd = Math.max(bodyStart, this.text.lastIndexOf('\n', close.startIndex - 1) + 1);
    const body = { start: bodyStart, end: bodyEnd };
    return { kind: 'heredoc', indented: start?.text === '<<-', body, parts: this.templateParts(children, body, false), range };
  }

  private object(node: Node): Expr {
    const entries: ObjectEntry[] = [];
    for (const element of allNamed(node, 'object_elem')) {
      const keyNode = element.childForFieldName('key');
      const valueNode = element.childForFieldName('val');
      if (!keyNode) continue;
      const keyExpr = this.expression(keyNode);
      let key: string | undefined;
      if (keyExpr.kind === 'traversal' && keyExpr.steps.length === 0) key = keyExpr.root;
      else if (keyExpr.kind === 'string') key = keyExpr.value;
      else if (keyExpr.kind === 'parens' && keyExpr.expr.kind === 'string') key = keyExpr.expr.value;
      entries.push({
        key,
        keyRange: keyExpr.range,
        value: valueNode ? this.expression(valueNode) : this.invalid(element),
        range: rangeOf(element),
      });
    }
    return { kind: 'object', entries, range: rangeOf(node) };
  }

  private call(node: Node): Expr {
    const id = named(node, 'identifier');
    const args = named(node, 'function_arguments');
    return {
      kind: 'call',
      name: id?.text ?? '',
      nameRange: id ? rangeOf(id) : rangeOf(node),
      args: args ? allNamed(args, 'expression').map((e) => this.expression(e)) : [],
      range: rangeOf(node),
    };
  }

  private operation(node: Node): Expr {
    const operation = node.namedChildren[0] ?? node;
    const children = operation.children.filter((c): c is Node => !!c && typeOf(c) !== 'comment');
    const operands: Expr[] = [];
    let i = 0;
    while (i < children.length) {
      const child = children[i];
      if (child.isNamed || typeOf(child) === '(') {
        const [operand, next] = this.term(children, i);
        operands.push(operand);
        i = next;
      } else {
        i++;
      }
    }
    return { kind: 'operation', operands, range: rangeOf(node) };
  }

  private conditional(node: Node): Expr {
    const [condition, then, otherwise] = allNamed(node, 'expression').map((e) => this.expression(e));
    const missing = this.invalid(node);
    return {
      kind: 'conditional',
      condition: condition ?? missing,
      then: then ?? missing,
      else: otherwise ?? missing,
      range: rangeOf(node),
    };
  }
}
