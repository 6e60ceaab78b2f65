// The HCL syntax tree the Terraform source reads: blocks, attributes and expressions, each with its range
// in the text (UTF-16 offsets, the units of TextDocument.offsetAt). Plain objects, built by parser.ts from
// tree-sitter's tree; nothing here holds a tree-sitter object.

/** A range of the text: `start` inclusive, `end` exclusive. */
export interface Range {
  start: number;
  end: number;
}

export interface HclFile {
  text: string;
  body: Body;
  /** Where the text does not parse (tree-sitter's ERROR nodes and missing tokens), in text order. */
  errors: SyntaxIssue[];
  /** The errors the conversion itself found (a quoted string over several lines), kept for reusing blocks. */
  stringErrors: SyntaxIssue[];
}

export interface SyntaxIssue {
  range: Range;
  message: string;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  range: Range;
}

export interface Attribute {
  name: string;
  nameRange: Range;
  expr: Expr;
  /** The whole `name = expr`. */
  range: Range;
}

interface Label {
  value: string;
  range: Range;
}

export interface Block {
  type: string;
  typeRange: Range;
  labels: Label[];
  /** The `{`; undefined while it is missing (a file being typed). */
  open?: Range;
  /** The `}`; undefined while it is missing. */
  close?: Range;
  body: Body;
  range: Range;
}

export type Expr =
  | { kind: 'string'; value: string; range: Range; content: Range }
  | { kind: 'number'; value: number; range: Range }
  | { kind: 'bool'; value: boolean; range: Range }
  | { kind: 'null'; range: Range }
  | TemplateExpr
  | HeredocExpr
  | { kind: 'tuple'; items: Expr[]; range: Range }
  | ObjectExpr
  | CallExpr
  | TraversalExpr
  | { kind: 'access'; base: Expr; steps: Step[]; range: Range }
  | { kind: 'conditional'; condition: Expr; then: Expr; else: Expr; range: Range }
  | { kind: 'for'; range: Range }
  | { kind: 'operation'; operands: Expr[]; range: Range }
  | { kind: 'parens'; expr: Expr; range: Range }
  | { kind: 'invalid'; range: Range };

export type TemplatePart =
  | { kind: 'literal'; value: string; range: Range }
  | { kind: 'interpolation'; expr?: Expr; range: Range }
  /** `%{if}…%{endif}`, `%{for}…%{endfor}`: `tags` are the `%{…}` markers, `inner` what their branches hold. */
  | { kind: 'directive'; tags: Range[]; inner: TemplatePart[]; range: Range };

/** A quoted string with interpolations or directives. */
interface TemplateExpr {
  kind: 'template';
  parts: TemplatePart[];
  range: Range;
  /** Between the quotes. */
  content: Range;
}

export interface HeredocExpr {
  kind: 'heredoc';
  /** `<<-`: the common indentation of the lines is removed. */
  indented: boolean;
  /** The body: from the line after `<<EOF` to the start of the line of the closing marker. */
  body: Range;
  parts: TemplatePart[];
  range: Range;
}

interface CallExpr {
  kind: 'call';
  name: string;
  nameRange: Range;
  args: Expr[];
  range: Range;
}

export type Step =
  { kind: 'attr'; name: string; range: Range } | { kind: 'index'; key: Expr; range: Range } | { kind: 'splat'; range: Range };

/** `var.x`, `aws_iam_role.exec.arn`, `data.x.y[0].z`, `each.value`, `path.module`. */
export interface TraversalExpr {
  kind: 'traversal';
  root: string;
  steps: Step[];
  range: Range;
}

export interface ObjectExpr {
  kind: 'object';
  entries: ObjectEntry[];
  range: Range;
}

export interface ObjectEntry {
  /** The key as a name or a string; undefined when it is an expression. */
  key?: string;
  keyRange: Range;
  value: Expr;
  /** The whole `key = value`. */
  range: Range;
}

export function attribute(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

export function blocksOf(body: Body, type: string): Block[] {
  return body.blocks.filter((b) => b.type === type);
}

/** The attributes and blocks of a body in text order. */
export function itemsOf(body: Body): (Attribute | Block)[] {
  return [...body.attributes, ...body.blocks].sort((a, b) => a.range.start - b.range.start);
}

/** A copy of a syntax tree (or part of one) with every range moved by `delta` characters. */
export function moved<T>(value: T, delta: number): T {
  if (delta === 0) return value;
  if (Array.isArray(value)) return value.map((v) => moved(v, delta)) as T;
  if (!value || typeof value !== 'object') return value;
  // Only ranges have `start` (expressions, blocks and entries hold theirs under `range`, `content`, ...).
  const range = value as unknown as Range;
  if (typeof range.start === 'number') return { start: range.start + delta, end: range.end + delta } as T;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = moved((value as Record<string, unknown>)[key], delta);
  return out as T;
}
