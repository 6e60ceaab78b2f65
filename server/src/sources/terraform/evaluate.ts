// HCL expressions -> model values, inside one module. What the module states is resolved: literals, locals,
// variables through terraform.tfvars / *.auto.tfvars or their default, the arguments of a resource
// (`aws_cloudwatch_log_group.app.name`), the ARNs a resource will have (`aws_ssm_parameter.db.arn` is
// arn:PARTITION:ssm:REGION:ACCOUNT:parameter/<name>), templates, and a few pure functions (jsonencode,
// jsondecode, file, templatefile, concat, merge, lookup, coalesce, try, format, join, ...). Everything else
// (each.*, count.*, module outputs, data sources, computed attributes, conditionals on unknowns, for
// expressions, other functions) becomes an unknown marker with a description. Never guesses a value.
import { hasUnknown } from '../../core/unknown';
import { canonicalUri, resolveRelative } from '../../core/uris';
import type { SourceFiles } from '../source';
import type { Body, Expr, TemplatePart, TraversalExpr } from './hcl/syntax';
import { attribute, moved } from './hcl/syntax';
import { type Located, type ModuleFile, type TerraformModule, parseCached } from './module';
import { type PlaceNode, placed, rekeyed } from './places';
import { ACCOUNT, PARTITION, REGION, type Unknowns } from './unknowns';
import { ownObject, parseOwnJson } from '../text';

export interface Val {
  value: unknown;
  /** Where the value is written; a scalar computed from other values is placed on its expression. */
  node?: PlaceNode;
}

export interface Scope {
  file: ModuleFile;
  /** The variables of a template (templatefile's second argument, template_file's vars). */
  vars?: ReadonlyMap<string, Val>;
}

const MAX_DEPTH = 48;
const TEMPLATE_MARKER = 'FARGATE_LINT_TEMPLATE_END';

export class Evaluator {
  /** URIs read or looked for (file(), templatefile()): the document depends on them. */
  readonly reads = new Set<string>();
  private readonly localValues = new Map<string, Val | 'pending'>();
  private depth = 0;

  constructor(
    readonly module: TerraformModule,
    readonly files: SourceFiles | undefined,
    readonly unknowns: Unknowns,
  ) {}

  textOf(expr: { range: { start: number; end: number } }, file: ModuleFile): string {
    return file.text.slice(expr.range.start, expr.range.end);
  }

  unknown(expr: Expr, scope: Scope, description?: string): Val {
    const text = this.textOf(expr, scope.file);
    return { value: this.unknowns.marker(text, description), node: placed(scope.file.uri, expr.range, { kind: 'computed', expr }) };
  }

  /** The value of an expression. */
  eval(expr: Expr, scope: Scope): Val {
    if (this.depth > MAX_DEPTH) return this.unknown(expr, scope, 'an expression nested too deeply to follow');
    this.depth++;
    try {
      return this.evaluate(expr, scope);
    } finally {
      this.depth--;
    }
  }

  private evaluate(expr: Expr, scope: Scope): Val {
    const uri = scope.file.uri;
    switch (expr.kind) {
      case 'string':
      case 'number':
      case 'bool':
        return { value: expr.value, node: placed(uri, expr.range, { kind: 'expr', expr }) };
      case 'null':
        return { value: null, node: placed(uri, expr.range, { kind: 'expr', expr }) };
      case 'template':
        return this.template(expr, expr.parts, scope);
      case 'heredoc':
        return this.template(expr, expr.parts, scope, expr.indented);
      case 'tuple': {
        const node = placed(uri, expr.range, { kind: 'expr', expr });
        const value = expr.items.map((item, i) => {
          const val = this.eval(item, scope);
          node.set(i, val.node);
          return val.value;
        });
        return { value, node };
      }
      case 'object': {
        const node = placed(uri, expr.range, { kind: 'expr', expr });
        const value: Record<string, unknown> = ownObject();
        for (const entry of expr.entries) {
          // A key computed by an expression is left out: the object may have more keys than the model shows.
          if (entry.key === undefined) continue;
          const val = this.eval(entry.value, scope);
          value[entry.key] = val.value;
          node.set(entry.key, rekeyed(val.node, uri, entry.keyRange, entry.range));
        }
        return { value, node };
      }
      case 'traversal':
        return this.reference(expr, scope);
      case 'access': {
        const base = this.eval(expr.base, scope);
        return this.steps(base, expr.steps, expr, scope);
      }
      case 'call':
        return this.call(expr, scope);
      case 'conditional': {
        const condition = this.eval(expr.condition, scope).value;
        if (typeof condition === 'boolean') {
          const branch = this.eval(condition ? expr.then : expr.else, scope);
          return isScalar(branch.value) ? { value: branch.value, node: placed(uri, expr.range, { kind: 'computed', expr }) } : branch;
        }
        return this.unknown(expr, scope, `the conditional ${shortText(this.textOf(expr, scope.file))}`);
      }
      case 'for':
        return this.unknown(expr, scope, 'the result of a for expression');
      case 'parens': {
        const inner = this.eval(expr.expr, scope);
        return isScalar(inner.value) ? { value: inner.value, node: placed(uri, expr.range, { kind: 'computed', expr }) } : inner;
      }
      case 'operation':
        return this.unknown(expr, scope, `the result of ${shortText(this.textOf(expr, scope.file))}`);
      case 'invalid':
        return this.unknown(expr, scope, 'an expression that does not parse');
    }
  }

  /** A quoted template or heredoc: its text, with the parts that are not known as markers. */
  private template(expr: Expr, parts: TemplatePart[], scope: Scope, indented = false): Val {
    const computed = placed(scope.file.uri, expr.range, { kind: parts.every((p) => p.kind === 'literal') ? 'expr' : 'computed', expr });
    // "${x}" alone is x itself, whatever its type (the Terraform 0.11 style).
    if (parts.length === 1 && parts[0].kind === 'interpolation' && parts[0].expr && expr.kind === 'template') {
      const inner = this.eval(parts[0].expr, scope);
      return isScalar(inner.value) ? { value: inner.value, node: computed } : inner;
    }
    const value = this.templateText(parts, scope, indented);
    if (hasUnknown(value)) this.unknowns.wrote(value, this.textOf(expr, scope.file));
    return { value, node: computed };
  }

  /** The text of template parts, unknown interpolations and directives as markers. */
  templateText(parts: TemplatePart[], scope: Scope, indented = false): string {
    const pieces = parts.map((part) => {
      if (part.kind === 'literal') return part.value;
      if (part.kind === 'interpolation') return part.expr ? this.stringOf(this.eval(part.expr, scope).value, part.expr, scope) : '';
      return this.unknowns.marker(scope.file.text.slice(part.range.start, part.range.end), 'a %{...} directive', null);
    });
    const text = pieces.join('');
    return indented ? stripIndent(text) : text;
  }

  /** A value inside a string: its text, or a marker when it is not a known scalar. */
  stringOf(value: unknown, expr: Expr, scope: Scope): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.unknown(expr, scope).value as string;
  }

  /**
   * Where the value of an expression is defined: through parentheses, `"${x}"`, `local.x` and `var.x` (its
   * tfvars value or default), to the expression that writes it; `name` is the last local or variable passed.
   */
  definitionOf(expr: Expr, scope: Scope): { expr: Expr; scope: Scope; name?: string } {
    let current = { expr, scope, name: undefined as string | undefined };
    for (let hops = 0; hops < 16; hops++) {
      const e = current.expr;
      if (e.kind === 'parens') {
        current = { ...current, expr: e.expr };
        continue;
      }
      if (e.kind === 'template' && e.parts.length === 1 && e.parts[0].kind === 'interpolation' && e.parts[0].expr) {
        current = { ...current, expr: e.parts[0].expr };
        continue;
      }
      if (e.kind !== 'traversal' || current.scope.vars || e.steps.length !== 1 || e.steps[0].kind !== 'attr') return current;
      const name = e.steps[0].name;
      if (e.root === 'local') {
        const local = this.module.locals.get(name);
        if (!local) return current;
        current = { expr: local.item.expr, scope: { file: local.file }, name: `local.${name}` };
        continue;
      }
      if (e.root === 'var') {
        if (this.module.varFileSet.has(name)) return current;
        const auto = this.module.autoValues.get(name);
        const declared = this.module.variables.get(name);
        const fallback = declared && attribute(declared.item.body, 'default');
        const source = auto
          ? { file: auto.file, expr: auto.item.expr }
          : fallback
            ? { file: declared!.file, expr: fallback.expr }
            : undefined;
        if (!source || source.expr.kind === 'null') return current;
        current = { expr: source.expr, scope: { file: source.file }, name: `var.${name}` };
        continue;
      }
      return current;
    }
    return current;
  }

  // --- references ----------------------------------------------------------------------------------

  private reference(expr: TraversalExpr, scope: Scope): Val {
    const root = expr.root;
    const steps = expr.steps;
    const text = this.textOf(expr, scope.file);
    if (scope.vars) {
      // Inside a template only its variables exist.
      const variable = scope.vars.get(root);
      return variable ? this.steps(variable, steps, expr, scope) : this.unknown(expr, scope, `${text}, which the template is not given`);
    }
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    switch (root) {
      case 'var':
        return first === undefined ? this.unknown(expr, scope) : this.steps(this.variable(first, expr, scope), steps.slice(1), expr, scope);
      case 'local':
        return first === undefined ? this.unknown(expr, scope) : this.steps(this.local(first, expr, scope), steps.slice(1), expr, scope);
      case 'each':
        return this.unknown(expr, scope, `${text} (one value per for_each element)`);
      case 'count':
        return this.unknown(expr, scope, `${text} (one value per count instance)`);
      case 'module':
        return this.unknown(expr, scope, `${text} (an output of module ${first ?? ''})`);
      case 'path':
      case 'terraform':
      case 'self':
        return this.unknown(expr, scope);
      case 'data':
        return this.dataReference(expr, scope);
      default:
        return this.resourceReference(expr, scope);
    }
  }

  /** Attribute and index steps applied to a value; a step into an unknown is unknown. */
  private steps(base: Val, steps: TraversalExpr['steps'], expr: Expr, scope: Scope): Val {
    let current = base;
    for (const step of steps) {
      let key: string | number | undefined;
      if (step.kind === 'attr') key = step.name;
      else if (step.kind === 'index') {
        const index = this.eval(step.key, scope).value;
        if (typeof index === 'number' || typeof index === 'string') key = index;
      }
      const value = current.value;
      const container = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>) : undefined;
      if (key === undefined || !container || !(key in container)) return this.unknown(expr, scope);
      current = { value: container[key], node: current.node?.child(key) };
    }
    // A scalar picked out of a structure is reported where it is used.
    return steps.length && isScalar(current.value) ? this.usedAt(current, expr, scope) : current;
  }

  /** var.NAME: from terraform.tfvars / *.auto.tfvars, else the default; null and "" defaults are unknown. */
  variable(name: string, expr: Expr, scope: Scope): Val {
    const text = `var.${name}`;
    const setBy = this.module.varFileSet.get(name);
    if (setBy) return this.unknownAt(expr, scope, text, `${text}, which ${setBy} sets`);
    const auto = this.module.autoValues.get(name);
    const declared = this.module.variables.get(name);
    const source: Located<{ expr: Expr }> | undefined = auto
      ? { file: auto.file, item: auto.item }
      : declared && attribute(declared.item.body, 'default')
        ? { file: declared.file, item: attribute(declared.item.body, 'default')! }
        : undefined;
    if (!source) return this.unknownAt(expr, scope, text, declared ? `${text}, which has no default` : `${text}, which is not declared`);
    const val = this.eval(source.item.expr, { file: source.file });
    if (val.value === null || val.value === '') {
      return this.unknownAt(expr, scope, text, `${text}, whose default is ${val.value === null ? 'null' : 'empty'}`);
    }
    return this.usedAt(val, expr, scope);
  }

  private local(name: string, expr: Expr, scope: Scope): Val {
    const cached = this.localValues.get(name);
    if (cached === 'pending') return this.unknownAt(expr, scope, `local.${name}`, `local.${name}, which refers to itself`);
    if (cached) return this.usedAt(cached, expr, scope);
    const declared = this.module.locals.get(name);
    if (!declared) return this.unknownAt(expr, scope, `local.${name}`, `local.${name}, which is not declared`);
    this.localValues.set(name, 'pending');
    const val = this.eval(declared.item.expr, { file: declared.file });
    this.localValues.set(name, val);
    return this.usedAt(val, expr, scope);
  }

  /** A scalar value is placed where it is used; a structure keeps its definition's places. */
  private usedAt(val: Val, expr: Expr, scope: Scope): Val {
    if (isScalar(val.value)) return { value: val.value, node: placed(scope.file.uri, expr.range, { kind: 'computed', expr }) };
    return val;
  }

  private unknownAt(expr: Expr, scope: Scope, text: string, description: string): Val {
    return { value: this.unknowns.marker(text, description), node: placed(scope.file.uri, expr.range, { kind: 'computed', expr }) };
  }

  /** `data.TYPE.NAME.ATTR`: the few data sources whose attributes follow from their arguments. */
  private dataReference(expr: TraversalExpr, scope: Scope): Val {
    const { type, name, attr, rest } = resourceParts(expr, 1);
    const text = this.textOf(expr, scope.file);
    const unknown = () => this.unknown(expr, scope, `${text} (read at plan time)`);
    if (!type || !name || !attr) return unknown();
    const found = this.module.blocks.get(`data.${type}.${name}`);
    const argument = (key: string) => {
      const a = found && attribute(found.item.body, key);
      return a ? this.eval(a.expr, { file: found!.file }).value : undefined;
    };
    let value: unknown;
    switch (type) {
      case 'aws_caller_identity':
        value = attr === 'account_id' ? ACCOUNT : undefined;
        break;
      case 'aws_region':
        value = attr === 'name' || attr === 'id' || attr === 'region' ? REGION : undefined;
        break;
      case 'aws_partition':
        value = attr === 'partition' ? PARTITION : undefined;
        break;
      case 'template_file':
        if (attr === 'rendered' && found) value = this.templateFileText(found);
        break;
      case 'aws_iam_role': {
        const roleName = argument('name');
        if (attr === 'arn' && typeof roleName === 'string') value = `arn:${PARTITION}:iam::${ACCOUNT}:role/${roleName}`;
        if ((attr === 'name' || attr === 'id') && typeof roleName === 'string') value = roleName;
        break;
      }
      case 'aws_iam_policy': {
        const arn = argument('arn');
        if (attr === 'arn' && typeof arn === 'string') value = arn;
        break;
      }
      default: {
        const template = ARN_TEMPLATES[type];
        if (template && found) value = template(attr, argument, this.unknowns, `data.${type}.${name}`);
      }
    }
    if (value === undefined) return unknown();
    const val: Val = { value, node: placed(scope.file.uri, expr.range, { kind: 'computed', expr }) };
    if (typeof value === 'string' && hasUnknown(value)) this.unknowns.wrote(value, text);
    return rest.length ? this.steps(val, rest, expr, scope) : val;
  }

  /** `TYPE.NAME.ATTR` of a resource of the module: an argument as written, or an attribute built from them. */
  private resourceReference(expr: TraversalExpr, scope: Scope): Val {
    const { type, name, attr, rest } = resourceParts(expr, 0);
    const text = this.textOf(expr, scope.file);
    const address = `${type}.${name}`;
    const found = type && name ? this.module.blocks.get(address) : undefined;
    const unknown = () => this.unknown(expr, scope, found ? `${text} (known after apply)` : `${text}, which this module does not declare`);
    if (!found || !attr) return unknown();
    const argument = (key: string) => {
      const a = attribute(found.item.body, key);
      return a ? this.eval(a.expr, { file: found.file }).value : undefined;
    };
    const template = ARN_TEMPLATES[type!];
    const value = template?.(attr, argument, this.unknowns, address);
    if (value === undefined && !COMPUTED[attr]) {
      const written = attribute(found.item.body, attr);
      if (written) {
        const val = this.eval(written.expr, { file: found.file });
        return this.steps(this.usedAt(val, expr, scope), rest, expr, scope);
      }
    }
    if (value === undefined) return unknown();
    if (typeof value === 'string' && hasUnknown(value)) this.unknowns.wrote(value, `${address}.${attr}`);
    const val: Val = { value, node: placed(scope.file.uri, expr.range, { kind: 'computed', expr }) };
    return rest.length ? this.steps(val, rest, expr, scope) : val;
  }

  // --- functions -----------------------------------------------------------------------------------

  private call(expr: Extract<Expr, { kind: 'call' }>, scope: Scope): Val {
    const computed = (value: unknown): Val => ({ value, node: placed(scope.file.uri, expr.range, { kind: 'computed', expr }) });
    const unknown = () => this.unknown(expr, scope, `the result of ${expr.name}()`);
    const args = () => expr.args.map((a) => this.eval(a, scope));
    const known = (vals: Val[]) => vals.every((v) => !containsUnknown(v.value));
    switch (expr.name) {
      case 'tostring':
      case 'tobool':
      case 'tolist':
      case 'toset':
      case 'tomap':
      case 'sensitive':
      case 'nonsensitive': {
        const [arg] = args();
        return arg ? (isScalar(arg.value) ? computed(arg.value) : arg) : unknown();
      }
      case 'tonumber': {
        const [arg] = args();
        const n = typeof arg?.value === 'string' && /^-?\d+(\.\d+)?$/.test(arg.value) ? Number(arg.value) : arg?.value;
        return typeof n === 'number' ? computed(n) : unknown();
      }
      case 'lower':
      case 'upper':
      case 'trimspace': {
        const [arg] = args();
        if (typeof arg?.value !== 'string' || hasUnknown(arg.value)) return unknown();
        return computed(
          expr.name === 'lower' ? arg.value.toLowerCase() : expr.name === 'upper' ? arg.value.toUpperCase() : arg.value.trim(),
        );
      }
      case 'jsonencode': {
        const [arg] = args();
        return arg && arg.value !== undefined ? computed(JSON.stringify(arg.value)) : unknown();
      }
      case 'jsondecode': {
        const [arg] = args();
        if (typeof arg?.value !== 'string' || hasUnknown(arg.value)) return unknown();
        try {
          return computed(parseOwnJson(arg.value));
        } catch {
          return unknown();
        }
      }
      case 'file': {
        const target = expr.args[0] && this.fileAt(expr.args[0], scope);
        return target ? computed(target.text) : unknown();
      }
      case 'templatefile': {
        const template = expr.args[0] && this.templateAt(expr.args[0], scope);
        if (!template) return unknown();
        const vars = expr.args[1] ? this.templateVars(expr.args[1], scope) : new Map<string, Val>();
        return computed(this.templateText(template.parts, { file: template.file, vars }));
      }
      case 'concat': {
        const lists = args();
        if (!lists.every((l) => Array.isArray(l.value))) return unknown();
        const node = placed(scope.file.uri, expr.range, { kind: 'computed', expr });
        const value: unknown[] = [];
        for (const list of lists) {
          (list.value as unknown[]).forEach((item, i) => {
            node.set(value.length, list.node?.child(i));
            value.push(item);
          });
        }
        return { value, node };
      }
      case 'flatten': {
        const [list] = args();
        if (!list || !Array.isArray(list.value) || containsUnknown(list.value)) return unknown();
        const flat = (items: unknown[]): unknown[] => items.flatMap((item) => (Array.isArray(item) ? flat(item) : [item]));
        return computed(flat(list.value));
      }
      case 'merge': {
        const maps = args();
        if (!maps.every((m) => isObjectValue(m.value))) return unknown();
        const node = placed(scope.file.uri, expr.range, { kind: 'computed', expr });
        const value: Record<string, unknown> = ownObject();
        for (const map of maps) {
          for (const [key, item] of Object.entries(map.value as Record<string, unknown>)) {
            value[key] = item;
            node.set(key, map.node?.child(key));
          }
        }
        return { value, node };
      }
      case 'coalesce': {
        for (const arg of args()) {
          if (containsUnknown(arg.value)) return unknown();
          if (arg.value !== null && arg.value !== '') return isScalar(arg.value) ? computed(arg.value) : arg;
        }
        return unknown();
      }
      case 'try': {
        const [first] = args();
        return first && !containsUnknown(first.value) ? first : unknown();
      }
      case 'lookup': {
        const [map, key, fallback] = args();
        if (!map || !isObjectValue(map.value) || typeof key?.value !== 'string' || hasUnknown(key.value)) return unknown();
        const table = map.value as Record<string, unknown>;
        if (key.value in table) return this.steps(map, [{ kind: 'attr', name: key.value, range: expr.range }], expr, scope);
        return fallback ?? unknown();
      }
      case 'join': {
        const [separator, list] = args();
        if (typeof separator?.value !== 'string' || !Array.isArray(list?.value) || !known([separator, list])) return unknown();
        const items = list.value as unknown[];
        return items.every((i) => typeof i === 'string' || typeof i === 'number') ? computed(items.join(separator.value)) : unknown();
      }
      case 'format': {
        const [format, ...rest] = args();
        if (typeof format?.value !== 'string' || !known([format, ...rest])) return unknown();
        const text = formatText(
          format.value,
          rest.map((r) => r.value),
        );
        return text === undefined ? unknown() : computed(text);
      }
      default:
        return unknown();
    }
  }

  /** templatefile's and template_file's variables: an object of values. */
  templateVars(expr: Expr, scope: Scope): Map<string, Val> {
    const val = this.eval(expr, scope);
    const vars = new Map<string, Val>();
    if (isObjectValue(val.value)) {
      for (const [key, value] of Object.entries(val.value as Record<string, unknown>)) vars.set(key, { value, node: val.node?.child(key) });
    }
    return vars;
  }

  /** The text template_file renders: its `template` (a string, a heredoc or file()) with its `vars`. */
  private templateFileText(found: Located<{ body: Body }>): string | undefined {
    const template = this.templateFileSource(found);
    if (!template) return undefined;
    const vars = attribute(found.item.body, 'vars');
    return this.templateText(template.parts, {
      file: template.file,
      vars: vars ? this.templateVars(vars.expr, { file: found.file }) : new Map(),
    });
  }

  /** Where a data "template_file" block's template is written: a file read with file(), or the block's own string. */
  templateFileSource(found: Located<{ body: Body }>): { file: ModuleFile; parts: TemplatePart[] } | undefined {
    const template = attribute(found.item.body, 'template');
    if (!template) return undefined;
    const scope = { file: found.file };
    const expr = template.expr;
    if (expr.kind === 'call' && expr.name === 'file' && expr.args[0]) {
      const read = this.templateAt(expr.args[0], scope);
      return read && { file: read.file, parts: read.parts };
    }
    if (expr.kind === 'heredoc' || expr.kind === 'template') return { file: found.file, parts: expr.parts };
    if (expr.kind === 'string') return { file: found.file, parts: [{ kind: 'literal', value: expr.value, range: expr.content }] };
    return undefined;
  }

  // --- files -----------------------------------------------------------------------------------------

  /** The file a path expression names (`"${path.module}/x.json"`), when the caller holds it. */
  fileAt(pathExpr: Expr, scope: Scope): { uri: string; text: string } | undefined {
    for (const uri of this.candidates(pathExpr, scope)) {
      this.reads.add(uri);
      const text = this.files?.read(uri);
      if (text !== undefined) return { uri, text };
    }
    return undefined;
  }

  /** A template file, parsed as HCL template syntax, as a module file of its own (for places). */
  templateAt(pathExpr: Expr, scope: Scope): { file: ModuleFile; parts: TemplatePart[] } | undefined {
    const read = this.fileAt(pathExpr, scope);
    if (!read) return undefined;
    const parsed = parseTemplate(read.text);
    if (!parsed) return undefined;
    return {
      file: {
        uri: read.uri,
        text: read.text,
        hcl: { text: read.text, body: { attributes: [], blocks: [], range: { start: 0, end: 0 } }, errors: [], stringErrors: [] },
      },
      parts: parsed,
    };
  }

  /**
   * The files a path may name. `path.module` is the module's folder. A relative path is relative to where
   * Terraform runs, and `path.root` is the root module's folder: this folder, or one above it.
   */
  private candidates(pathExpr: Expr, scope: Scope): string[] {
    const MODULE = '\u0002module\u0002';
    const ROOT = '\u0002root\u0002';
    const text = this.pathText(pathExpr, scope, MODULE, ROOT);
    if (text === undefined || hasUnknown(text) || text === '') return [];
    const folder = this.module.folder;
    const under = (base: string, relative: string) => resolveRelative(`${base}/x`, relative.replace(/^\/+/, ''));
    if (text.startsWith(MODULE)) return [under(folder, text.slice(MODULE.length))];
    const relative = text.startsWith(ROOT) ? text.slice(ROOT.length) : text;
    if (/^([a-zA-Z]:)?[\\/]/.test(relative) && !text.startsWith(ROOT)) return [];
    const found: string[] = [];
    let base = folder;
    for (let up = 0; up < 4; up++) {
      found.push(under(base, relative));
      const parent = base.slice(0, base.lastIndexOf('/'));
      if (!parent || parent === base || /^[a-z]+:\/*$/i.test(parent)) break;
      base = parent;
    }
    return found.filter((u, i) => found.findIndex((o) => canonicalUri(o) === canonicalUri(u)) === i);
  }

  /** A path expression's text with path.module and path.root as tokens. */
  private pathText(expr: Expr, scope: Scope, module: string, root: string): string | undefined {
    const piece = (e: Expr): string | undefined => {
      if (e.kind === 'traversal' && e.root === 'path' && e.steps.length === 1 && e.steps[0].kind === 'attr') {
        const which = e.steps[0].name;
        return which === 'module' ? module : which === 'root' || which === 'cwd' ? root : undefined;
      }
      const value = this.eval(e, scope).value;
      return typeof value === 'string' ? value : undefined;
    };
    if (expr.kind === 'template') {
      let text = '';
      for (const part of expr.parts) {
        if (part.kind === 'literal') text += part.value;
        else if (part.kind === 'interpolation' && part.expr) {
          const p = piece(part.expr);
          if (p === undefined) return undefined;
          text += p;
        } else return undefined;
      }
      return text;
    }
    if (expr.kind === 'call' && expr.name === 'format' && expr.args.length > 0) {
      const pieces = expr.args.map(piece);
      if (pieces.some((p) => p === undefined)) return undefined;
      return formatText(pieces[0]!, pieces.slice(1));
    }
    return piece(expr);
  }
}

/** A template's parts, parsed with the HCL grammar as the body of a heredoc; ranges in the template's own text. */
function parseTemplate(text: string): TemplatePart[] | undefined {
  if (text.includes(TEMPLATE_MARKER)) return undefined;
  const prefix = `t = <<${TEMPLATE_MARKER}\n`;
  const wrapped = `${prefix}${text}\n${TEMPLATE_MARKER}\n`;
  const hcl = parseCached(wrapped);
  const expr = hcl?.body.attributes[0]?.expr;
  if (!expr || expr.kind !== 'heredoc') return undefined;
  const shift = (part: TemplatePart): TemplatePart | undefined => {
    const range = { start: part.range.start - prefix.length, end: Math.min(part.range.end - prefix.length, text.length) };
    if (range.end <= range.start && part.kind === 'literal') return undefined;
    if (part.kind === 'literal') return { ...part, value: part.value.slice(0, range.end - range.start), range };
    if (part.kind === 'interpolation') return { ...part, range, expr: part.expr && moved(part.expr, -prefix.length) };
    return {
      ...part,
      range,
      tags: part.tags.map((t) => ({ start: t.start - prefix.length, end: t.end - prefix.length })),
      inner: part.inner.flatMap((p) => shift(p) ?? []),
    };
  };
  return expr.parts.flatMap((p) => shift(p) ?? []);
}

/** `<<-`: the smallest indentation of the non-blank lines is removed from every line. */
function stripIndent(text: string): string {
  const lines = text.split('\n');
  let min = Infinity;
  for (const line of lines) {
    if (!line.trim()) continue;
    min = Math.min(min, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(min) || min === 0) return text;
  return lines.map((line) => (line.trim() ? line.slice(min) : line.replace(/^[ \t]+/, ''))).join('\n');
}

/** A resource reference's parts: `aws_x.NAME[0].ATTR.rest...` (after `skip` leading attribute steps, for data.). */
function resourceParts(expr: TraversalExpr, skip: number): { type?: string; name?: string; attr?: string; rest: TraversalExpr['steps'] } {
  const steps = expr.steps;
  let i = 0;
  let type: string | undefined = skip === 0 ? expr.root : undefined;
  if (skip === 1) {
    if (steps[i]?.kind !== 'attr') return { rest: [] };
    type = (steps[i++] as { name: string }).name;
  }
  if (steps[i]?.kind !== 'attr') return { type, rest: [] };
  const name = (steps[i++] as { name: string }).name;
  // count and for_each instances: the index picks one of them; their arguments are the block's.
  while (steps[i]?.kind === 'index') i++;
  if (steps[i]?.kind !== 'attr') return { type, name, rest: [] };
  const attr = (steps[i++] as { name: string }).name;
  return { type, name, attr, rest: steps.slice(i) };
}

type Argument = (key: string) => unknown;
type ArnTemplate = (attr: string, argument: Argument, unknowns: Unknowns, address: string) => unknown;

/** A name argument, or a marker for the resource's name when it is not written as a known string. */
function nameOf(argument: Argument, unknowns: Unknowns, address: string, key = 'name'): string {
  const name = argument(key);
  return typeof name === 'string' && name !== '' ? name : unknowns.marker(`${address}.${key}`, `${address}.${key} (known after apply)`);
}

/**
 * The attributes a resource will have that follow from its arguments, by resource type (the provider's
 * documented attribute formats). `id` of these resources is their name or ARN, as the provider documents it.
 */
const ARN_TEMPLATES: Record<string, ArnTemplate> = {
  aws_ssm_parameter: (attr, argument, unknowns, address) => {
    const name = nameOf(argument, unknowns, address);
    if (attr === 'name' || attr === 'id') return name;
    if (attr === 'arn') return `arn:${PARTITION}:ssm:${REGION}:${ACCOUNT}:parameter/${name.replace(/^\//, '')}`;
    return undefined;
  },
  aws_secretsmanager_secret: (attr, argument, unknowns, address) => {
    const name = nameOf(argument, unknowns, address);
    const suffix = unknowns.marker(`${address}.arn suffix`, 'SUFFIX', null);
    const arn = `arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-${suffix}`;
    if (attr === 'name') return name;
    if (attr === 'arn' || attr === 'id') return arn;
    return undefined;
  },
  aws_secretsmanager_secret_version: (attr, argument) => {
    // The version's arn is its secret's ARN; secret_id names the secret by ARN (or name).
    const secret = argument('secret_id');
    if (attr === 'arn' && typeof secret === 'string' && secret.startsWith('arn:')) return secret;
    return undefined;
  },
  aws_cloudwatch_log_group: (attr, argument, unknowns, address) => {
    const name = nameOf(argument, unknowns, address);
    if (attr === 'name' || attr === 'id') return name;
    if (attr === 'arn') return `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
    return undefined;
  },
  aws_ecr_repository: (attr, argument, unknowns, address) => {
    const name = nameOf(argument, unknowns, address);
    if (attr === 'name' || attr === 'id') return name;
    if (attr === 'repository_url') return `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}`;
    if (attr === 'arn') return `arn:${PARTITION}:ecr:${REGION}:${ACCOUNT}:repository/${name}`;
    if (attr === 'registry_id') return ACCOUNT;
    return undefined;
  },
  aws_s3_bucket: (attr, argument, unknowns, address) => {
    const bucket = nameOf(argument, unknowns, address, 'bucket');
    if (attr === 'bucket' || attr === 'id') return bucket;
    if (attr === 'arn') return `arn:${PARTITION}:s3:::${bucket}`;
    return undefined;
  },
  aws_iam_role: (attr, _argument, unknowns, address) => {
    // Role names stand for the role resource itself: one marker matches the role only inside its module.
    const role = roleMarker(unknowns, address);
    if (attr === 'name' || attr === 'id') return role;
    if (attr === 'arn') return `arn:${PARTITION}:iam::${ACCOUNT}:role/${role}`;
    return undefined;
  },
};

/** The marker that stands for a role of the module (its name, and the last segment of its ARN). */
export function roleMarker(unknowns: Unknowns, address: string): string {
  return unknowns.marker(address, address, `${address}.name`);
}

/** Attributes that are never arguments: computed by the provider. */
const COMPUTED: Record<string, true> = { arn: true, id: true, unique_id: true, repository_url: true, registry_id: true, version: true };

function formatText(format: string, args: unknown[]): string | undefined {
  let i = 0;
  let failed = false;
  const text = format.replace(/%([%sdv])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[i++];
    if (typeof arg === 'string' || typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    // Not a scalar (an object without a prototype has no toString): the text is not known.
    failed = true;
    return '';
  });
  return failed ? undefined : text;
}

function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

export function isObjectValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that holds an unknown marker anywhere. */
function containsUnknown(value: unknown): boolean {
  if (typeof value === 'string') return hasUnknown(value);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObjectValue(value)) return Object.values(value).some(containsUnknown);
  return false;
}
