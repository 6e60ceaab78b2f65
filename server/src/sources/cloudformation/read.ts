// A template -> the model: the subjects the rules look at, each with where its values are written.
//  - AWS::ECS::TaskDefinition Properties: a task definition in API names (ecs.ts);
//  - AWS::ECS::Service Properties: a service in CreateService names (ecs.ts), with the task-definition resource
//    of the template it runs (`!Ref TaskDef`, `!GetAtt TaskDef.TaskDefinitionArn`) when it names one;
//  - AWS::IAM::Role: the role (RoleInfo: its trust policy, inline Policies, the AWS::IAM::Policy,
//    ManagedPolicy and RolePolicy resources that name it, its ManagedPolicyArns), its trust policy and
//    each inline policy;
//  - AWS::IAM::Policy, RolePolicy and ManagedPolicy (which carries the ARN `!Ref` gives) documents;
//  - the resource policies of Secrets Manager, KMS keys, ECR repositories and S3 buckets.
// A resource whose values depend on choice points (Fn::If conditions, parameters with AllowedValues) gives
// one subject per combination, each with its variant (at most MAX_VARIANTS).
import { isObject } from '../../core/json';
import type { JsonPath, Model, PolicyRef, RoleInfo, Subject, SubjectKind, Variant } from '../../core/model';
import { hasUnknown } from '../../core/unknown';
import { MAX_VARIANTS } from '../../core/variants';
import { SERVICE, type Shape, TASK_DEFINITION, toModel } from './ecs';
import { type Env, type Evaluated, Evaluator, type Loc, Markers, choicePointsOf, combinations } from './evaluate';
import type { Resource, Template } from './template';
import { type SyntaxNode, entryOf, literalString, valueOf } from './syntax';
import { ownObject } from '../text';

/** A subject and where its values are written. */
export interface Located {
  subject: Subject;
  loc: Loc;
}

export interface ReadModel {
  model: Omit<Model, 'duplicateKeys'>;
  /** Every subject with its locations, variants included. */
  located: Located[];
  /** Where each read resource's Properties are written (the first variant), for paths no subject holds. */
  properties: Map<string, Loc>;
  markers: Markers;
  evaluator: Evaluator;
}

/** Resource policies the IAM rules check: the type and the property holding the document. */
const RESOURCE_POLICIES: Record<string, string> = {
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::S3::BucketPolicy': 'PolicyDocument',
};

const POLICY_RESOURCES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy']);

export function readModel(template: Template): ReadModel {
  const markers = new Markers();
  const evaluator = new Evaluator(template, markers);
  const reader = new Reader(template, evaluator);
  reader.read();
  return {
    model: {
      kind: 'cloudformation-template',
      label: labelOf(template),
      value: reader.value,
      subjects: reader.located.map((l) => l.subject),
    },
    located: reader.located,
    properties: reader.properties,
    markers,
    evaluator,
  };
}

function labelOf(template: Template): string {
  const transform = valueOf(template.root, 'Transform');
  const text = template.tree.text;
  if (transform && text.includes('AWS::Serverless')) return 'SAM template';
  if (text.includes('aws:cdk:path')) return 'CloudFormation template (CDK)';
  return 'CloudFormation template';
}

interface Resolution {
  variant?: Variant;
  env: Env;
  properties: Evaluated;
}

class Reader {
  readonly located: Located[] = [];
  readonly properties = new Map<string, Loc>();
  // Model objects have no prototype (sources/source.ts): a logical id such as __proto__ is data.
  readonly value: { Resources: Record<string, { Type: string; Properties: unknown }> } = nullProto({
    Resources: nullProto<Record<string, { Type: string; Properties: unknown }>>({}),
  });
  private readonly roles: { resource: Resource; resolutions: Resolution[]; subject: Located[] }[] = [];
  private readonly attached: { roleName: string; ref: PolicyRef }[] = [];

  constructor(
    private readonly template: Template,
    private readonly evaluator: Evaluator,
  ) {}

  read(): void {
    for (const resource of this.template.resources.values()) {
      if (resource.type === 'AWS::ECS::TaskDefinition') this.taskDefinition(resource);
      else if (resource.type === 'AWS::ECS::Service') this.service(resource);
      else if (resource.type === 'AWS::IAM::Role') this.role(resource);
      else if (POLICY_RESOURCES.has(resource.type)) this.policyResource(resource);
      else if (RESOURCE_POLICIES[resource.type]) this.resourcePolicy(resource, RESOURCE_POLICIES[resource.type]);
    }
    for (const role of this.roles) this.finishRole(role.resource, role.resolutions, role.subject);
  }

  private base(resource: Resource): JsonPath {
    return ['Resources', resource.logicalId, 'Properties'];
  }

  /** The resource's properties, once per combination of its choice points. */
  private resolutions(resource: Resource, convert?: (e: Evaluated) => Evaluated): Resolution[] {
    const fixed: Record<string, string> = resource.condition ? { [resource.condition]: 'true' } : {};
    const points = choicePointsOf(this.evaluator, this.template, resource.properties).filter((p) => !(p.name in fixed));
    const { used, choices } = combinations(points, MAX_VARIANTS);
    const key = entryOf(resource.node, 'Properties')?.keyNode ?? resource.keyNode;
    const envs = choices.flatMap((combination) => {
      const env = this.envOf({ ...fixed, ...combination });
      return env ? [{ combination, env }] : [];
    });
    if (envs.length === 0) envs.push({ combination: choices[0], env: { choices: { ...fixed, ...choices[0] } } });
    const resolutions = envs.map(({ combination, env }): Resolution => {
      const evaluated: Evaluated = resource.properties
        ? this.evaluator.evaluate(resource.properties, env)
        : { value: nullProto({}), loc: { node: resource.node, span: resource.node, children: new Map() } };
      const converted = convert ? convert(evaluated) : evaluated;
      // A finding about a property that is not written lands on the Properties key.
      const properties = { value: converted.value, loc: { ...converted.loc, key } };
      if (used.length === 0) return { env, properties };
      const labels = Object.fromEntries(used.map((p) => [p.name, p.label]));
      return { env, properties, variant: { choices: combination, labels } };
    });
    const first = resolutions[0];
    this.value.Resources[resource.logicalId] = nullProto({ Type: resource.type, Properties: first.properties.value });
    this.properties.set(resource.logicalId, first.properties.loc);
    return resolutions;
  }

  private add(
    kind: SubjectKind,
    resource: Resource,
    resolution: Resolution,
    path: JsonPath,
    value: unknown,
    loc: Loc | undefined,
    extra: Partial<Subject> = {},
  ): Located | undefined {
    if (!loc) return undefined;
    const subject: Subject = { kind, path, value, resource: resource.logicalId, ...extra };
    if (resolution.variant) subject.variant = resolution.variant;
    const located = { subject, loc };
    this.located.push(located);
    return located;
  }

  /**
   * The environment of a combination, or undefined when the template rules it out: a condition chosen true
   * whose definition is false for the chosen parameter values. Where a chosen condition contradicts a
   * parameter's Default (`HasEnvFile` true while EnvFile defaults to ""), that parameter is unknown.
   */
  private envOf(choices: Record<string, string>): Env | undefined {
    const unknownParameters = new Set<string>();
    for (const [name, option] of Object.entries(choices)) {
      if (!this.template.conditions.has(name)) continue;
      const others = Object.fromEntries(Object.entries(choices).filter(([k]) => k !== name));
      const defaults = new Set<string>();
      const value = this.evaluator.conditionValue(name, { choices: others }, defaults);
      if (value === undefined || String(value) === option) continue;
      if (defaults.size === 0) return undefined;
      for (const parameter of defaults) unknownParameters.add(parameter);
    }
    return { choices, unknownParameters };
  }

  private taskDefinition(resource: Resource): void {
    for (const resolution of this.resolutions(resource, converter(TASK_DEFINITION))) {
      this.add('task-definition', resource, resolution, this.base(resource), resolution.properties.value, resolution.properties.loc);
    }
  }

  private service(resource: Resource): void {
    for (const resolution of this.resolutions(resource, converter(SERVICE))) {
      const { value, loc } = resolution.properties;
      const extra: Partial<Subject> = {};
      const name =
        isObject(value) && typeof value.serviceName === 'string' && !hasUnknown(value.serviceName) ? value.serviceName : undefined;
      if (name) extra.name = name;
      const taskDefinition = this.taskDefinitionResource(loc.children?.get('taskDefinition')?.node);
      if (taskDefinition) extra.taskDefinitionResource = taskDefinition;
      this.add('service', resource, resolution, this.base(resource), value, loc, extra);
    }
  }

  /** The task-definition resource a service's TaskDefinition names: `!Ref TaskDef` or `!GetAtt TaskDef.TaskDefinitionArn`. */
  private taskDefinitionResource(node: SyntaxNode | undefined): string | undefined {
    const intrinsic = this.evaluator.intrinsicOf(node);
    let logicalId: string | undefined;
    if (intrinsic?.fn === 'Ref') logicalId = literalString(intrinsic.arg);
    else if (intrinsic?.fn === 'Fn::GetAtt') {
      const arg = intrinsic.arg;
      const [id, attribute] =
        arg?.kind === 'seq' ? [literalString(arg.items[0]), literalString(arg.items[1])] : (literalString(arg)?.split('.') ?? []);
      if (attribute === 'TaskDefinitionArn') logicalId = id;
    }
    return logicalId !== undefined && this.template.resources.get(logicalId)?.type === 'AWS::ECS::TaskDefinition' ? logicalId : undefined;
  }

  private role(resource: Resource): void {
    const resolutions = this.resolutions(resource);
    const subjects: Located[] = [];
    for (const resolution of resolutions) {
      const base = this.base(resource);
      const { value, loc } = resolution.properties;
      const role = this.add('role', resource, resolution, base, value, loc, { name: resource.logicalId });
      if (role) subjects.push(role);
      if (!isObject(value)) continue;
      const trust = policyDocument(value.AssumeRolePolicyDocument);
      if (trust.document) {
        this.add(
          'trust-policy',
          resource,
          resolution,
          [...base, 'AssumeRolePolicyDocument'],
          trust.document,
          childLoc(loc, 'AssumeRolePolicyDocument'),
          {
            name: resource.logicalId,
          },
        );
      }
      if (Array.isArray(value.Policies)) {
        value.Policies.forEach((entry, i) => {
          if (!isObject(entry)) return;
          const document = policyDocument(entry.PolicyDocument).document;
          if (!document) return;
          const name = typeof entry.PolicyName === 'string' ? entry.PolicyName : undefined;
          this.add(
            'identity-policy',
            resource,
            resolution,
            [...base, 'Policies', i, 'PolicyDocument'],
            document,
            childLoc(loc, 'Policies', i, 'PolicyDocument'),
            { name },
          );
        });
      }
    }
    this.roles.push({ resource, resolutions, subject: subjects });
  }

  private policyResource(resource: Resource): void {
    const resolutions = this.resolutions(resource);
    resolutions.forEach((resolution, n) => {
      const { value, loc } = resolution.properties;
      if (!isObject(value)) return;
      const path = [...this.base(resource), 'PolicyDocument'];
      const policy = policyDocument(value.PolicyDocument);
      const name =
        typeof value.PolicyName === 'string'
          ? value.PolicyName
          : typeof value.ManagedPolicyName === 'string'
            ? value.ManagedPolicyName
            : resource.logicalId;
      const extra: Partial<Subject> = { name };
      const managed = resource.type === 'AWS::IAM::ManagedPolicy';
      if (managed) extra.arn = this.evaluator.ref(resource.logicalId, resolution.env, 0) as string;
      if (policy.document) this.add('identity-policy', resource, resolution, path, policy.document, childLoc(loc, 'PolicyDocument'), extra);
      if (n > 0 || policy.value === undefined) return;
      // What it attaches to: roles by name.
      const ref: PolicyRef = {
        path,
        value: policy.value,
        label: `${managed ? 'managed policy' : 'policy'} ${resource.logicalId}`,
        editable: policy.editable,
      };
      const roles = resource.type === 'AWS::IAM::RolePolicy' ? [value.RoleName] : Array.isArray(value.Roles) ? value.Roles : [];
      for (const roleName of roles) if (typeof roleName === 'string') this.attached.push({ roleName, ref });
    });
  }

  private resourcePolicy(resource: Resource, property: string): void {
    for (const resolution of this.resolutions(resource)) {
      const { value, loc } = resolution.properties;
      if (!isObject(value)) continue;
      const policy = policyDocument(value[property]);
      if (policy.document)
        this.add('resource-policy', resource, resolution, [...this.base(resource), property], policy.document, childLoc(loc, property));
    }
  }

  /** The role's RoleInfo: its policies in every resolution (a policy present in one branch may grant), and those that name it. */
  private finishRole(resource: Resource, resolutions: Resolution[], subjects: Located[]): void {
    const base = this.base(resource);
    const name = this.evaluator.ref(resource.logicalId, resolutions[0].env, 0) as string;
    const policies: PolicyRef[] = [];
    const managedPolicyArns: string[] = [];
    let trust: PolicyRef | undefined;
    // Policies the template computes (the whole list, an entry, the properties) may grant anything.
    let complete = true;
    const seen = new Set<string>();
    for (const resolution of resolutions) {
      const value = resolution.properties.value;
      if (!isObject(value)) {
        complete = false;
        continue;
      }
      const listOrAbsent = (v: unknown) => v === undefined || Array.isArray(v);
      if (!listOrAbsent(value.Policies) || !listOrAbsent(value.ManagedPolicyArns)) complete = false;
      const trustPolicy = policyDocument(value.AssumeRolePolicyDocument);
      if (!trust && trustPolicy.value !== undefined) {
        trust = {
          path: [...base, 'AssumeRolePolicyDocument'],
          value: trustPolicy.value,
          label: `trust policy of role ${resource.logicalId}`,
          editable: trustPolicy.editable,
        };
      }
      if (Array.isArray(value.Policies)) {
        value.Policies.forEach((entry, i) => {
          if (!isObject(entry)) {
            complete = false;
            return;
          }
          const document = policyDocument(entry.PolicyDocument);
          if (document.value === undefined) return;
          const key = JSON.stringify([i, document.value]);
          if (seen.has(key)) return;
          seen.add(key);
          const label = `inline policy ${typeof entry.PolicyName === 'string' ? entry.PolicyName : `#${i}`} of role ${resource.logicalId}`;
          // Only the first resolution's text is the model value a fix edits.
          policies.push({
            path: [...base, 'Policies', i, 'PolicyDocument'],
            value: document.value,
            label,
            editable: document.editable && resolution === resolutions[0],
          });
        });
      }
      if (Array.isArray(value.ManagedPolicyArns)) {
        for (const arn of value.ManagedPolicyArns) {
          if (typeof arn !== 'string') complete = false;
          else if (!managedPolicyArns.includes(arn)) managedPolicyArns.push(arn);
        }
      }
    }
    for (const { roleName, ref } of this.attached) if (roleName === name) policies.push(ref);
    const info: RoleInfo = { name, trust, policies, managedPolicyArns, complete, inlinePoliciesPath: [...base, 'Policies'] };
    for (const { subject } of subjects) subject.role = info;
  }
}

/** A policy document property: an object, or a JSON string (IAM takes both); a string built by an intrinsic is unknown. */
function policyDocument(value: unknown): { value?: unknown; document?: Record<string, unknown>; editable: boolean } {
  if (isObject(value)) return { value, document: value, editable: true };
  if (typeof value !== 'string') return { editable: false };
  if (hasUnknown(value)) return { value, editable: false };
  try {
    const parsed: unknown = JSON.parse(value);
    if (isObject(parsed)) return { value: parsed, document: parsed, editable: false };
  } catch {
    // Not JSON: IAM would refuse it, which is not ours to say here.
  }
  return { editable: false };
}

/** Properties in API names (task definitions, services), an object even when the template computes them. */
function converter(shape: Shape): (e: Evaluated) => Evaluated {
  return (e) => {
    const converted = toModel(e.value, e.loc, shape);
    return { value: isObject(converted.value) ? converted.value : {}, loc: converted.loc ?? e.loc };
  };
}

function childLoc(loc: Loc | undefined, ...path: JsonPath): Loc | undefined {
  let current = loc;
  for (const segment of path) current = current?.children?.get(segment);
  return current;
}

/** `object`'s own properties in an object without a prototype. */
function nullProto<T extends object>(object: T): T {
  return Object.assign(ownObject() as T, object);
}
