// Intrinsic functions, as far as the template itself resolves them. A value is evaluated in an environment
// that says which option each choice point takes (a condition true or false, a parameter with
// AllowedValues one of them); the rest resolves from the template: a parameter's Default, Mappings for
// Fn::FindInMap with known keys, Fn::Sub, Fn::Join, Fn::Select and Fn::Split of known parts, and what Ref
// and Fn::GetAtt return for the resources the rules care about (a role's name and ARN, a secret's ARN, a
// log group's name). Everything else becomes an unknown marker (core/unknown.ts) whose id is the same for
// the same expression, with a description for messages and hover. Every value keeps where it is written
// (a Loc), so findings, hover and edits can find their way back to the text.
import { hasUnknown, unknownMarker } from '../../core/unknown';
import { type ScalarNode, type SyntaxNode, lastEntries, literalString, valueOf } from './syntax';
import type { Resource, Template } from './template';
import { ownObject } from '../text';

/** `!Ref AWS::NoValue`: the property or list item is left out. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Where a model value is written. */
export interface Loc {
  /** The node the value comes from: for Fn::If, the branch taken. */
  node: SyntaxNode;
  /** The whole value as written where it is used (the Fn::If around the branch). */
  span: SyntaxNode;
  /** The key, for a map entry. */
  key?: ScalarNode;
  /** Computed by an intrinsic (not written literally here): it cannot be edited in place. */
  derived?: boolean;
  /** Map entries by model key, list items by model index. */
  children?: Map<string | number, Loc>;
}

export interface Evaluated {
  value: unknown;
  loc: Loc;
}

/** The option each choice point takes: a condition `'true'`/`'false'`, a parameter one of its AllowedValues. */
type Choices = Readonly<Record<string, string>>;

/** What a value is evaluated in: the choices, and parameters whose Default a chosen condition contradicts. */
export interface Env {
  readonly choices: Choices;
  readonly unknownParameters?: ReadonlySet<string>;
}

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

const MAX_DEPTH = 40;
const MAX_ID_LENGTH = 80;

/** An intrinsic a fix can write back for a value the template computes. */
export type Expression = { fn: 'Ref'; name: string } | { fn: 'GetAtt'; name: string; attribute: string };

/**
 * Unknown markers of one document: the same expression gets the same id, and each id a description. For
 * writing values back (a fix that names a secret or a log group), a marker may also say which `${...}` of
 * Fn::Sub gives it, and a whole computed string which intrinsic gives it.
 */
export class Markers {
  private readonly byCanonical = new Map<string, string>();
  private readonly descriptions = new Map<string, { description: string; sub?: string }>();
  private readonly wholes = new Map<string, Expression>();

  marker(canonical: string, description: string, sub?: string): string {
    let id = this.byCanonical.get(canonical);
    if (id === undefined) {
      const base = unknownMarker(canonical.length > MAX_ID_LENGTH ? canonical.slice(0, MAX_ID_LENGTH) : canonical).slice(1, -1);
      id = base;
      for (let n = 2; this.descriptions.has(id); n++) id = `${base}#${n}`;
      this.byCanonical.set(canonical, id);
      this.descriptions.set(id, { description, sub });
    }
    return unknownMarker(id);
  }

  describe(id: string): string | undefined {
    return this.descriptions.get(id)?.description;
  }

  /** The Fn::Sub variable that gives the marker's value, when there is one. */
  subVariable(id: string): string | undefined {
    return this.descriptions.get(id)?.sub;
  }

  /** Remembers that `value` (with markers in it) is what `expression` gives. */
  whole(value: string, expression: Expression): string {
    if (!this.wholes.has(value)) this.wholes.set(value, expression);
    return value;
  }

  expressionOf(value: string): Expression | undefined {
    return this.wholes.get(value);
  }
}

/** Short text of a node for marker ids and descriptions: its source, on one line, cut. */
function sourceText(text: string, node: SyntaxNode): string {
  const written = text.slice(node.start, node.end).replace(/\s+/g, ' ').trim();
  return written.length > 60 ? `${written.slice(0, 57)}…` : written;
}

export class Evaluator {
  constructor(
    private readonly template: Template,
    readonly markers: Markers,
  ) {}

  private get text(): string {
    return this.template.tree.text;
  }

  /** The intrinsic a node is (a YAML short-form tag, or a one-key map `Ref`/`Condition`/`Fn::*`), with its argument. */
  intrinsicOf(node: SyntaxNode | undefined): { fn: string; arg: SyntaxNode | undefined } | undefined {
    if (!node) return undefined;
    if (node.kind === 'tag') {
      const name = node.tag.slice(1);
      return { fn: name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`, arg: node.value };
    }
    if (node.kind === 'map' && node.entries.length === 1) {
      const [entry] = node.entries;
      if (entry.key === 'Ref' || entry.key === 'Condition' || entry.key.startsWith('Fn::')) return { fn: entry.key, arg: entry.value };
    }
    return undefined;
  }

  evaluate(node: SyntaxNode | undefined, env: Env, depth = 0): Evaluated {
    if (!node) return { value: null, loc: { node: { kind: 'scalar', start: 0, end: 0, value: null, style: 'plain' }, span: emptyAt(0) } };
    if (depth > MAX_DEPTH) return this.unknown(node, 'Deep', 'a value nested too deeply to read');
    const intrinsic = this.intrinsicOf(node);
    if (intrinsic) return this.intrinsic(intrinsic.fn, intrinsic.arg, node, env, depth);
    switch (node.kind) {
      case 'map': {
        // Model objects have no prototype (sources/source.ts): a key such as __proto__ is data.
        const value = ownObject();
        const children = new Map<string | number, Loc>();
        for (const entry of lastEntries(node)) {
          if (!entry.value) {
            value[entry.key] = null;
            children.set(entry.key, { node: entry.keyNode, span: entry.keyNode, key: entry.keyNode });
            continue;
          }
          const evaluated = this.evaluate(entry.value, env, depth + 1);
          if (evaluated.value === NO_VALUE) continue;
          value[entry.key] = evaluated.value;
          children.set(entry.key, { ...evaluated.loc, key: entry.keyNode });
        }
        return { value, loc: { node, span: node, children } };
      }
      case 'seq': {
        const value: unknown[] = [];
        const children = new Map<string | number, Loc>();
        for (const item of node.items) {
          if (!item) continue;
          const evaluated = this.evaluate(item, env, depth + 1);
          if (evaluated.value === NO_VALUE) continue;
          children.set(value.length, evaluated.loc);
          value.push(evaluated.value);
        }
        return { value, loc: { node, span: node, children } };
      }
      case 'scalar':
        if (node.ambiguous) {
          const written = sourceText(this.text, node);
          return this.unknown(node, `YAML11 ${written}`, `${written} (read differently by YAML 1.1, which CloudFormation uses: quote it)`);
        }
        return { value: node.value, loc: { node, span: node } };
      case 'alias':
        return this.unknown(node, `Alias ${node.name}`, `the YAML alias *${node.name} (CloudFormation does not accept aliases)`);
      case 'tag':
        // Handled as an intrinsic above.
        return this.unknown(node, node.tag, node.tag);
    }
  }

  private unknown(node: SyntaxNode, canonical: string, description: string): Evaluated {
    return { value: this.markers.marker(canonical, description), loc: { node, span: node, derived: true } };
  }

  private derived(node: SyntaxNode, value: unknown): Evaluated {
    return { value, loc: { node, span: node, derived: true } };
  }

  private intrinsic(fn: string, arg: SyntaxNode | undefined, node: SyntaxNode, env: Env, depth: number): Evaluated {
    const generic = () =>
      this.unknown(
        node,
        `${fn} ${sourceText(this.text, arg ?? node)}`,
        `!${fn.replace(/^Fn::/, '')} ${sourceText(this.text, arg ?? node)}`,
      );
    switch (fn) {
      case 'Ref': {
        const name = literalString(arg);
        if (name === undefined) return generic();
        const value = this.ref(name, env, depth);
        return this.derived(node, value);
      }
      case 'Fn::GetAtt': {
        const target = this.getAttTarget(arg, env, depth);
        if (!target) return generic();
        return this.derived(node, this.getAtt(target.logicalId, target.attribute, env, depth));
      }
      case 'Fn::Sub':
        return this.derived(node, this.sub(arg, env, depth) ?? generic().value);
      case 'Fn::Join': {
        const joined = this.join(arg, env, depth);
        return joined === undefined ? generic() : this.derived(node, joined);
      }
      case 'Fn::Select': {
        const selected = this.select(arg, env, depth);
        return selected === undefined ? generic() : this.derived(node, selected);
      }
      case 'Fn::Split': {
        const split = this.split(arg, env, depth);
        return split === undefined ? generic() : this.derived(node, split);
      }
      case 'Fn::FindInMap': {
        const found = this.findInMap(arg, env, depth);
        return found === undefined ? generic() : this.derived(node, found);
      }
      case 'Fn::If': {
        if (arg?.kind !== 'seq' || arg.items.length !== 3) return generic();
        const condition = literalString(arg.items[0]);
        const option = condition === undefined ? undefined : env.choices[condition];
        if (option === undefined) {
          return this.unknown(
            node,
            `If ${sourceText(this.text, node)}`,
            `!If [${condition ?? '…'}, …] (more combinations than are checked)`,
          );
        }
        const branch = arg.items[option === 'true' ? 1 : 2];
        if (!branch) return { value: null, loc: { node: arg, span: node } };
        const evaluated = this.evaluate(branch, env, depth + 1);
        return { value: evaluated.value, loc: { ...evaluated.loc, span: node } };
      }
      case 'Fn::ImportValue': {
        const name = arg ? this.evaluate(arg, env, depth + 1).value : undefined;
        const text = typeof name === 'string' && !hasUnknown(name) ? name : sourceText(this.text, arg ?? node);
        return this.unknown(node, `ImportValue ${text}`, `!ImportValue ${text}`);
      }
      default:
        // Fn::Base64, Fn::GetAZs, Fn::Cidr, Fn::Transform, Condition functions, and any function to come.
        return generic();
    }
  }

  // --- Ref ------------------------------------------------------------------------------------------

  /** What `Ref name` gives: a pseudo parameter, a parameter, or a resource's Ref value. */
  ref(name: string, env: Env, depth: number): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (PSEUDO.has(name)) return this.pseudo(name);
    const parameter = this.template.parameters.get(name);
    if (parameter) {
      if (env.unknownParameters?.has(name)) {
        return this.markers.marker(`Ref ${name}`, `parameter ${name} (its Default does not hold in this branch)`, name);
      }
      if (parameter.allowedValues) {
        const option = env.choices[name];
        if (option !== undefined) return option;
        return this.markers.marker(`Ref ${name}`, `parameter ${name} (one of ${parameter.allowedValues.join(', ')})`, name);
      }
      if (parameter.default !== undefined) return parameter.default;
      return this.markers.marker(`Ref ${name}`, `parameter ${name} (no Default)`, name);
    }
    const resource = this.template.resources.get(name);
    if (resource) return this.resourceRef(resource, env, depth);
    return this.markers.marker(`Ref ${name}`, `!Ref ${name} (not declared in this template)`);
  }

  pseudo(name: string): string {
    return this.markers.marker(name, `\${${name}}`, name);
  }

  /** A resource property as text, when the template gives it (a name, a path); undefined otherwise. */
  private propertyText(resource: Resource, property: string, env: Env, depth: number): string | undefined {
    const node = valueOf(resource.properties, property);
    if (!node || depth > MAX_DEPTH) return undefined;
    const value = this.evaluate(node, env, depth + 1).value;
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  private resourceRef(resource: Resource, env: Env, depth: number): string {
    const id = resource.logicalId;
    const named = (property: string, what: string) =>
      this.propertyText(resource, property, env, depth) ?? this.markers.marker(`Ref ${id}`, what, id);
    switch (resource.type) {
      case 'AWS::IAM::Role':
        return named('RoleName', id);
      case 'AWS::Logs::LogGroup':
        return named('LogGroupName', `the name of log group ${id}`);
      case 'AWS::SSM::Parameter':
        return named('Name', `the name of parameter ${id}`);
      case 'AWS::ECR::Repository':
        return named('RepositoryName', `the name of repository ${id}`);
      case 'AWS::S3::Bucket':
        return named('BucketName', `the name of bucket ${id}`);
      case 'AWS::ECS::Cluster':
        return named('ClusterName', `the name of cluster ${id}`);
      case 'AWS::SecretsManager::Secret': {
        // The ARN, with a random suffix after the name.
        const name = this.propertyText(resource, 'Name', env, depth);
        // The name as written or unknown, then the random suffix Secrets Manager adds.
        const secretName = name ?? this.markers.marker(`Name ${id}`, `(name of secret ${id})`);
        const secret = `${secretName}-${this.markers.marker(`Suffix ${id}`, '??????')}`;
        const arn = `arn:${this.pseudo('AWS::Partition')}:secretsmanager:${this.pseudo('AWS::Region')}:${this.pseudo('AWS::AccountId')}:secret:${secret}`;
        return this.markers.whole(arn, { fn: 'Ref', name: id });
      }
      case 'AWS::IAM::ManagedPolicy':
        return this.markers.marker(`Ref ${id}`, `the ARN of managed policy ${id}`, id);
      default:
        return this.markers.marker(`Ref ${id}`, `!Ref ${id}`, id);
    }
  }

  // --- Conditions ----------------------------------------------------------------------------------

  /**
   * A condition's value from its definition, when the template decides it: true or false, or undefined when
   * it depends on something unknown. `defaults` collects the parameters whose Default it read.
   */
  conditionValue(name: string, env: Env, defaults: Set<string>, depth = 0): boolean | undefined {
    const node = this.template.conditions.get(name);
    return node && depth < MAX_DEPTH ? this.condition(node, env, defaults, depth + 1) : undefined;
  }

  private condition(node: SyntaxNode | undefined, env: Env, defaults: Set<string>, depth: number): boolean | undefined {
    const intrinsic = this.intrinsicOf(node);
    if (!intrinsic) return undefined;
    const args = intrinsic.arg?.kind === 'seq' ? intrinsic.arg.items : [];
    const values = () => args.map((a) => this.condition(a, env, defaults, depth + 1));
    switch (intrinsic.fn) {
      case 'Fn::Equals': {
        if (args.length !== 2) return undefined;
        const [a, b] = args.map((a) => this.operand(a, env, defaults, depth));
        return a === undefined || b === undefined ? undefined : a === b;
      }
      case 'Fn::Not': {
        const [value] = values();
        return value === undefined ? undefined : !value;
      }
      case 'Fn::And': {
        const all = values();
        return all.includes(false) ? false : all.includes(undefined) ? undefined : true;
      }
      case 'Fn::Or': {
        const all = values();
        return all.includes(true) ? true : all.includes(undefined) ? undefined : false;
      }
      case 'Condition': {
        const name = literalString(intrinsic.arg);
        if (name === undefined) return undefined;
        const option = env.choices[name];
        return option !== undefined ? option === 'true' : this.conditionValue(name, env, defaults, depth);
      }
      default:
        return undefined;
    }
  }

  /** An operand of Fn::Equals as text, when known. */
  private operand(node: SyntaxNode | undefined, env: Env, defaults: Set<string>, depth: number): string | undefined {
    const intrinsic = this.intrinsicOf(node);
    if (intrinsic?.fn === 'Ref') {
      const name = literalString(intrinsic.arg);
      const parameter = name === undefined ? undefined : this.template.parameters.get(name);
      if (!parameter || !name) return undefined;
      if (parameter.allowedValues) return env.choices[name];
      if (typeof parameter.default !== 'string') return undefined;
      defaults.add(name);
      return parameter.default;
    }
    const value = this.evaluate(node, env, depth).value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return typeof value === 'string' && !hasUnknown(value) ? value : undefined;
  }

  // --- Fn::GetAtt -----------------------------------------------------------------------------------

  private getAttTarget(arg: SyntaxNode | undefined, env: Env, depth: number): { logicalId: string; attribute: string } | undefined {
    const text = literalString(arg);
    if (text !== undefined) {
      // `!GetAtt Logical.Attr.With.Dots`: logical ids have no dots, attribute names may.
      const dot = text.indexOf('.');
      return dot > 0 ? { logicalId: text.slice(0, dot), attribute: text.slice(dot + 1) } : undefined;
    }
    if (arg?.kind !== 'seq' || arg.items.length !== 2) return undefined;
    const logicalId = literalString(arg.items[0]);
    const attribute = this.evaluate(arg.items[1], env, depth + 1).value;
    if (logicalId === undefined || typeof attribute !== 'string' || hasUnknown(attribute)) return undefined;
    return { logicalId, attribute };
  }

  getAtt(logicalId: string, attribute: string, env: Env, depth: number): unknown {
    const resource = this.template.resources.get(logicalId);
    const expression = `${logicalId}.${attribute}`;
    if (!resource)
      return this.markers.marker(`GetAtt ${expression}`, `!GetAtt ${expression} (${logicalId} is not declared in this template)`);
    const partition = this.pseudo('AWS::Partition');
    const region = this.pseudo('AWS::Region');
    const account = this.pseudo('AWS::AccountId');
    const name = () => this.resourceRef(resource, env, depth);
    const whole = (value: string) => this.markers.whole(value, { fn: 'GetAtt', name: logicalId, attribute });
    switch (`${resource.type} ${attribute}`) {
      case 'AWS::IAM::Role Arn': {
        const path = this.propertyText(resource, 'Path', env, depth) ?? '/';
        return whole(`arn:${partition}:iam::${account}:role${path.startsWith('/') ? path : `/${path}`}${name()}`);
      }
      case 'AWS::Logs::LogGroup Arn':
        return whole(`arn:${partition}:logs:${region}:${account}:log-group:${name()}:*`);
      case 'AWS::ECR::Repository Arn':
        return whole(`arn:${partition}:ecr:${region}:${account}:repository/${name()}`);
      case 'AWS::ECR::Repository RepositoryUri':
        return whole(`${account}.dkr.ecr.${region}.amazonaws.com/${name()}`);
      case 'AWS::S3::Bucket Arn':
        return whole(`arn:${partition}:s3:::${name()}`);
      case 'AWS::KMS::Key Arn':
        return whole(
          `arn:${partition}:kms:${region}:${account}:key/${this.markers.marker(`Ref ${logicalId}`, `the key id of ${logicalId}`, logicalId)}`,
        );
      case 'AWS::SecretsManager::Secret Id':
      case 'AWS::IAM::ManagedPolicy PolicyArn':
        return name();
      default:
        return this.markers.marker(`GetAtt ${expression}`, `!GetAtt ${expression}`, expression);
    }
  }

  // --- Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap ----------------------------------------

  private sub(arg: SyntaxNode | undefined, env: Env, depth: number): string | undefined {
    let templateNode = arg;
    const variables = new Map<string, unknown>();
    if (arg?.kind === 'seq') {
      templateNode = arg.items[0];
      const map = arg.items[1];
      if (map?.kind === 'map') {
        for (const entry of lastEntries(map)) variables.set(entry.key, this.evaluate(entry.value, env, depth + 1).value);
      }
    }
    const text = literalString(templateNode);
    if (text === undefined) return undefined;
    let out = '';
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('${', i);
      const close = open < 0 ? -1 : text.indexOf('}', open + 2);
      if (open < 0 || close < 0) {
        out += text.slice(i);
        break;
      }
      out += text.slice(i, open);
      const inner = text.slice(open + 2, close);
      if (inner.startsWith('!')) {
        // `${!Literal}` is the text `${Literal}`.
        out += `\${${inner.slice(1)}}`;
      } else {
        const name = inner.trim();
        const value = variables.has(name) ? variables.get(name) : this.subVariable(name, env, depth);
        out += this.asText(value, `Sub ${name}`, `\${${name}}`);
      }
      i = close + 1;
    }
    return out;
  }

  private subVariable(name: string, env: Env, depth: number): unknown {
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) return this.getAtt(name.slice(0, dot), name.slice(dot + 1), env, depth);
    if (this.template.parameters.has(name) || this.template.resources.has(name) || PSEUDO.has(name)) return this.ref(name, env, depth);
    return this.markers.marker(`Ref ${name}`, `\${${name}} (not declared in this template)`);
  }

  /** A value inside a string: text as is, numbers and booleans written out, anything else unknown. */
  private asText(value: unknown, canonical: string, description: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.markers.marker(canonical, description);
  }

  private join(arg: SyntaxNode | undefined, env: Env, depth: number): string | undefined {
    if (arg?.kind !== 'seq' || arg.items.length !== 2) return undefined;
    const delimiter = this.evaluate(arg.items[0], env, depth + 1).value;
    const list = this.evaluate(arg.items[1], env, depth + 1).value;
    if (typeof delimiter !== 'string' || hasUnknown(delimiter) || !Array.isArray(list)) return undefined;
    return list.map((item, i) => this.asText(item, `Join item ${i} ${sourceText(this.text, arg)}`, `an item of !Join`)).join(delimiter);
  }

  private select(arg: SyntaxNode | undefined, env: Env, depth: number): unknown {
    if (arg?.kind !== 'seq' || arg.items.length !== 2) return undefined;
    const index = this.evaluate(arg.items[0], env, depth + 1).value;
    const list = this.evaluate(arg.items[1], env, depth + 1).value;
    const i = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : undefined;
    if (i === undefined || !Array.isArray(list) || i >= list.length) return undefined;
    return list[i];
  }

  private split(arg: SyntaxNode | undefined, env: Env, depth: number): string[] | undefined {
    if (arg?.kind !== 'seq' || arg.items.length !== 2) return undefined;
    const delimiter = this.evaluate(arg.items[0], env, depth + 1).value;
    const source = this.evaluate(arg.items[1], env, depth + 1).value;
    // An unknown part may hold the delimiter: the pieces are then unknown.
    if (typeof delimiter !== 'string' || delimiter === '' || typeof source !== 'string' || hasUnknown(source)) return undefined;
    return source.split(delimiter);
  }

  private findInMap(arg: SyntaxNode | undefined, env: Env, depth: number): unknown {
    if (arg?.kind !== 'seq' || arg.items.length < 3) return undefined;
    const keys = arg.items.slice(0, 3).map((item) => this.evaluate(item, env, depth + 1).value);
    if (!keys.every((k) => typeof k === 'string' || typeof k === 'number') || keys.some(hasUnknown)) return undefined;
    const [map, first, second] = keys.map(String);
    const found = valueOf(valueOf(valueOf(this.template.mappings, map), first), second);
    if (found) return this.evaluate(found, env, depth + 1).value;
    // AWS::LanguageExtensions: [Map, K1, K2, {DefaultValue: x}].
    const fallback = valueOf(arg.items[3], 'DefaultValue');
    return fallback ? this.evaluate(fallback, env, depth + 1).value : undefined;
  }
}

function emptyAt(offset: number): ScalarNode {
  return { kind: 'scalar', start: offset, end: offset, value: null, style: 'plain' };
}

// --- Choice points -------------------------------------------------------------------------------------

export interface ChoicePoint {
  name: string;
  /** How messages name it: "condition IsProd", "parameter CpuParam". */
  label: string;
  options: string[];
}

/**
 * The choice points a value depends on, in document order: every condition of an Fn::If in it, and every
 * parameter with AllowedValues it refers to (by Ref or inside Fn::Sub).
 */
export function choicePointsOf(evaluator: Evaluator, template: Template, node: SyntaxNode | undefined): ChoicePoint[] {
  const points = new Map<string, ChoicePoint>();
  const addParameter = (name: string) => {
    const parameter = template.parameters.get(name);
    if (parameter?.allowedValues && !points.has(name)) {
      points.set(name, { name, label: `parameter ${name}`, options: parameter.allowedValues });
    }
  };
  const visit = (n: SyntaxNode | undefined, depth: number) => {
    if (!n || depth > MAX_DEPTH) return;
    const intrinsic = evaluator.intrinsicOf(n);
    if (intrinsic?.fn === 'Fn::If' && intrinsic.arg?.kind === 'seq') {
      const condition = literalString(intrinsic.arg.items[0]);
      if (condition !== undefined && !points.has(condition)) {
        points.set(condition, { name: condition, label: `condition ${condition}`, options: ['true', 'false'] });
      }
    }
    if (intrinsic?.fn === 'Ref') {
      const name = literalString(intrinsic.arg);
      if (name) addParameter(name);
    }
    if (intrinsic?.fn === 'Fn::Sub') {
      const templateNode = intrinsic.arg?.kind === 'seq' ? intrinsic.arg.items[0] : intrinsic.arg;
      const text = literalString(templateNode) ?? '';
      for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
        const close = text.indexOf('}', i);
        if (close < 0) break;
        addParameter(text.slice(i + 2, close).trim());
      }
    }
    if (n.kind === 'tag') visit(n.value, depth + 1);
    else if (n.kind === 'map') for (const entry of n.entries) visit(entry.value, depth + 1);
    else if (n.kind === 'seq') for (const item of n.items) visit(item, depth + 1);
  };
  visit(node, 0);
  return [...points.values()];
}

/** Every combination of options of the points, at most `limit` of them: points that do not fit are left out. */
export function combinations(points: readonly ChoicePoint[], limit: number): { used: ChoicePoint[]; choices: Record<string, string>[] } {
  const used: ChoicePoint[] = [];
  let count = 1;
  for (const point of points) {
    if (count * point.options.length > limit) continue;
    used.push(point);
    count *= point.options.length;
  }
  let choices: Record<string, string>[] = [{}];
  for (const point of used) choices = choices.flatMap((c) => point.options.map((option) => ({ ...c, [point.name]: option })));
  return { used, choices };
}
