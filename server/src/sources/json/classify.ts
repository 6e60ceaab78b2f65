// What a JSON document is, from its content (and, for a new empty file, from its name), and the subjects
// inside it that rules look at: a task definition, each policy, each role with the policies attached to it.
import { basename } from '../../core/uris';
import { type Statement, statementsOf } from '../../core/iam/policy';
import { hasKey, isObject, scalarText } from '../../core/json';
import { type JsonPath, type Model, type PolicyRef, type RoleInfo, type Subject, UNKNOWN_MODEL } from '../../core/model';
import { PROJECT_CONFIG_FILE } from '../../core/workspace';
import type { ParsedJson } from './parse';

/** The model without the duplicate keys, which the parser adds. */
type Classification = Omit<Model, 'value' | 'duplicateKeys'>;

/** File names that mean "task definition" even before the file has content. */
export function looksLikeTaskDefinitionName(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const base = basename(fileName).toLowerCase();
  if (!base.endsWith('.json') && !base.endsWith('.jsonc')) return false;
  return /task[-_]?def/.test(base);
}

export function classify(document: ParsedJson, fileName?: string): Model {
  const value = document.value;
  const classification = classifyValue(document, fileName) ?? UNKNOWN_MODEL;
  return { ...classification, value, duplicateKeys: classification.kind === 'unknown' ? [] : document.duplicateKeys };
}

function classifyValue(document: ParsedJson, fileName: string | undefined): Classification | undefined {
  const value = document.value;
  if (fileName && basename(fileName) === PROJECT_CONFIG_FILE && isObject(value)) {
    return { kind: 'project-config', label: 'fargate-lint project file', subjects: [{ kind: 'project-config', path: [], value }] };
  }
  return (
    classifyTaskDefinition(value) ??
    classifyService(value) ??
    classifyAppSpec(value) ??
    classifyIam(value) ??
    classifyByName(document, fileName)
  );
}

function classifyTaskDefinition(value: unknown): Classification | undefined {
  if (isObject(value)) {
    // Elastic Beanstalk's multi-container Dockerrun.aws.json borrows containerDefinitions but is not ECS input.
    if (hasKey(value, 'AWSEBDockerrunVersion')) return undefined;
    if (hasKey(value, 'containerDefinitions')) {
      return { kind: 'task-definition', label: 'ECS task definition', subjects: [{ kind: 'task-definition', path: [], value }] };
    }
    const inner = value.taskDefinition;
    if (isObject(inner) && hasKey(inner, 'containerDefinitions')) {
      return {
        kind: 'task-definition',
        label: 'ECS task definition (describe-task-definition output)',
        subjects: [{ kind: 'task-definition', path: ['taskDefinition'], value: inner }],
      };
    }
    return undefined;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isContainerDefinition)) {
    return {
      kind: 'container-definitions',
      label: 'ECS container definitions',
      subjects: [{ kind: 'container-definitions', path: [], value }],
    };
  }
  return undefined;
}

// --- ECS services and CodeDeploy AppSpecs ---------------------------------------------------------------

/** Fields only a service has (CreateService / UpdateService input, describe-services output). */
const SERVICE_KEYS = [
  'loadBalancers',
  'networkConfiguration',
  'launchType',
  'capacityProviderStrategy',
  'deploymentConfiguration',
  'deploymentController',
  'serviceConnectConfiguration',
];
/** Fields of run-task input, which shares launchType and networkConfiguration with services. */
const RUN_TASK_KEYS = ['overrides', 'count', 'startedBy', 'group', 'referenceId'];

function isService(value: unknown): boolean {
  if (!isObject(value) || hasKey(value, 'containerDefinitions')) return false;
  const named = typeof value.serviceName === 'string' || typeof value.service === 'string';
  if (named && hasKey(value, 'taskDefinition')) return true;
  if (RUN_TASK_KEYS.some((key) => hasKey(value, key))) return false;
  return SERVICE_KEYS.some((key) => hasKey(value, key));
}

function serviceSubject(value: Record<string, unknown>, path: JsonPath): Subject {
  const name = typeof value.serviceName === 'string' ? value.serviceName : typeof value.service === 'string' ? value.service : undefined;
  return { kind: 'service', path, value, name };
}

/** create-service / update-service input (ecspresso's ecs-service-def.json), their output, describe-services output. */
function classifyService(value: unknown): Classification | undefined {
  if (!isObject(value)) return undefined;
  if (isService(value)) return { kind: 'ecs-service', label: 'ECS service definition', subjects: [serviceSubject(value, [])] };
  if (isObject(value.service) && isService(value.service)) {
    return { kind: 'ecs-service', label: 'ECS service (create-service output)', subjects: [serviceSubject(value.service, ['service'])] };
  }
  const list = value.services;
  if (Array.isArray(list) && list.some((s) => isObject(s) && (hasKey(s, 'serviceArn') || isService(s)))) {
    const subjects = list.flatMap((s, i) => (isObject(s) ? [serviceSubject(s, ['services', i])] : []));
    return { kind: 'ecs-service', label: 'ECS services (describe-services output)', subjects };
  }
  return undefined;
}

/** The key of `object` that is `name` without regard to case (AppSpecs are written both ways). */
function keyWithoutCase(object: Record<string, unknown>, name: string): string | undefined {
  return Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
}

/**
 * A CodeDeploy AppSpec for ECS: `Resources` is a list of `{ Name: { Type: AWS::ECS::Service, Properties } }`. The
 * CloudFormation source gives YAML AppSpecs the same model with it.
 */
export function classifyAppSpec(value: unknown): Classification | undefined {
  if (!isObject(value)) return undefined;
  const resourcesKey = keyWithoutCase(value, 'Resources');
  const resources = resourcesKey === undefined ? undefined : value[resourcesKey];
  if (!resourcesKey || !Array.isArray(resources)) return undefined;
  const subjects: Subject[] = [];
  resources.forEach((entry, i) => {
    if (!isObject(entry)) return;
    for (const [name, resource] of Object.entries(entry)) {
      if (!isObject(resource)) continue;
      const typeKey = keyWithoutCase(resource, 'Type');
      const propertiesKey = keyWithoutCase(resource, 'Properties');
      const type = typeKey === undefined ? undefined : resource[typeKey];
      const properties = propertiesKey === undefined ? undefined : resource[propertiesKey];
      const ecsProperties =
        isObject(properties) && (keyWithoutCase(properties, 'LoadBalancerInfo') || keyWithoutCase(properties, 'TaskDefinition'));
      if (type === 'AWS::ECS::Service' || (type === undefined && ecsProperties)) {
        subjects.push({ kind: 'appspec', path: [resourcesKey, i, name], value: resource, name });
      }
    }
  });
  return subjects.length ? { kind: 'codedeploy-appspec', label: 'CodeDeploy AppSpec (ECS)', subjects } : undefined;
}

function isContainerDefinition(value: unknown): boolean {
  return (
    isObject(value) && (hasKey(value, 'image') || (hasKey(value, 'name') && (hasKey(value, 'portMappings') || hasKey(value, 'essential'))))
  );
}

function classifyByName(document: ParsedJson, fileName: string | undefined): Classification | undefined {
  if (!looksLikeTaskDefinitionName(fileName)) return undefined;
  const value = document.value;
  if (document.text.trim() === '' || (isObject(value) && !hasKey(value, 'Statement'))) {
    return { kind: 'task-definition', label: 'ECS task definition', subjects: [{ kind: 'task-definition', path: [], value: value ?? {} }] };
  }
  if (Array.isArray(value)) {
    return {
      kind: 'container-definitions',
      label: 'ECS container definitions',
      subjects: [{ kind: 'container-definitions', path: [], value }],
    };
  }
  return undefined;
}

// --- IAM -------------------------------------------------------------------------------------------

function isPolicyDocument(value: unknown): value is Record<string, unknown> & { Statement: unknown } {
  return isObject(value) && hasKey(value, 'Statement');
}

/** The action strings of a statement (Action or NotAction), wildcards included. */
function actionStrings(statement: Statement): string[] {
  return statement.action?.items.map((item) => item.value) ?? [];
}

/** Resource policies whose statements leave out Resource: the policy's own resource is implied. */
const RESOURCE_IMPLIED_SERVICES = ['ecr', 'ecr-public'];

/**
 * What a standalone policy document is, from its statements:
 * - statements with a principal and an assume-role action: a role trust policy (even with a stray
 *   Resource, which the structure rule then reports);
 * - every statement with a principal and a resource (or an ECR repository policy, which names none):
 *   a resource-based policy;
 * - otherwise an identity policy; a Principal in it is a mistake the structure rule reports.
 */
export function policyKindOf(policy: Record<string, unknown>): 'identity-policy' | 'trust-policy' | 'resource-policy' {
  const statements = statementsOf(policy);
  const withPrincipal = statements.filter((s) => s.principal !== undefined);
  if (withPrincipal.length === 0) return 'identity-policy';
  if (withPrincipal.some((s) => actionStrings(s).some((a) => /^sts:(AssumeRole|\*)/i.test(a)))) return 'trust-policy';
  if (withPrincipal.length < statements.length) return 'identity-policy';
  if (statements.some((s) => s.resource !== undefined)) return 'resource-policy';
  const actions = statements.flatMap(actionStrings);
  const impliedResource =
    actions.length > 0 && actions.every((a) => RESOURCE_IMPLIED_SERVICES.includes(a.slice(0, a.indexOf(':')).toLowerCase()));
  return impliedResource ? 'resource-policy' : 'identity-policy';
}

function policySubject(value: Record<string, unknown>, path: JsonPath, name?: string): Subject {
  return { kind: policyKindOf(value), path, value, name };
}

const POLICY_LABELS = {
  'identity-policy': 'IAM policy',
  'trust-policy': 'IAM role trust policy',
  'resource-policy': 'IAM resource policy',
} as const;
const POLICY_KINDS = {
  'identity-policy': 'iam-policy',
  'trust-policy': 'iam-trust-policy',
  'resource-policy': 'iam-resource-policy',
} as const;

function classifyIam(value: unknown): Classification | undefined {
  if (!isObject(value)) return undefined;
  if (isPolicyDocument(value)) {
    const subject = policySubject(value, []);
    const policyKind = subject.kind as keyof typeof POLICY_LABELS;
    return { kind: POLICY_KINDS[policyKind], label: POLICY_LABELS[policyKind], subjects: [subject] };
  }
  const version = value.PolicyVersion;
  if (isObject(version) && isPolicyDocument(version.Document)) {
    // A managed policy version is always an identity policy, whatever its statements say.
    return {
      kind: 'iam-policy-version',
      label: 'IAM policy version (get-policy-version output)',
      subjects: [{ kind: 'identity-policy', path: ['PolicyVersion', 'Document'], value: version.Document }],
    };
  }
  if (isRole(value)) {
    return { kind: 'iam-role', label: 'IAM role', subjects: roleSubjects(value, []) };
  }
  if (isObject(value.Role) && isRole(value.Role)) {
    return { kind: 'iam-role', label: 'IAM role (get-role output)', subjects: roleSubjects(value.Role, ['Role']) };
  }
  if (
    ['RoleDetailList', 'UserDetailList', 'GroupDetailList'].some((k) => Array.isArray(value[k])) ||
    (Array.isArray(value.Policies) && value.Policies.some((p) => isObject(p) && Array.isArray(p.PolicyVersionList)))
  ) {
    return { kind: 'iam-authorization-details', label: 'IAM account authorization details', subjects: authorizationDetailsSubjects(value) };
  }
  if (
    isPolicyDocument(value.PolicyDocument) &&
    !hasKey(value, 'PolicyName') &&
    ['ManagedPolicyName', 'Roles', 'Users', 'Groups', 'Description', 'Path'].some((k) => hasKey(value, k))
  ) {
    // AWS::IAM::ManagedPolicy properties: a customer managed policy, whatever its statements hold.
    const name = typeof value.ManagedPolicyName === 'string' ? value.ManagedPolicyName : undefined;
    return {
      kind: 'iam-policy',
      label: 'IAM managed policy (AWS::IAM::ManagedPolicy properties)',
      subjects: [{ kind: 'identity-policy', path: ['PolicyDocument'], value: value.PolicyDocument, name }],
    };
  }
  if (typeof value.PolicyName === 'string' && isPolicyDocument(value.PolicyDocument)) {
    // get-role-policy / get-user-policy / get-group-policy output, or AWS::IAM::Policy properties.
    const name = value.PolicyName;
    return {
      kind: 'iam-policy',
      label: 'IAM inline policy',
      subjects: [{ kind: 'identity-policy', path: ['PolicyDocument'], value: value.PolicyDocument, name }],
    };
  }
  return undefined;
}

function isRole(value: unknown): boolean {
  return (
    isObject(value) &&
    (hasKey(value, 'AssumeRolePolicyDocument') ||
      (hasKey(value, 'RoleName') && (hasKey(value, 'Policies') || hasKey(value, 'ManagedPolicyArns'))))
  );
}

/**
 * A role (the AWS::IAM::Role properties shape, get-role output, or an entry of RoleDetailList) and its
 * policies: the role itself, its trust policy and each inline policy.
 */
function roleSubjects(role: Record<string, unknown>, path: JsonPath, from: 'role-file' | 'authorization-details' = 'role-file'): Subject[] {
  const name = typeof role.RoleName === 'string' ? role.RoleName : undefined;
  const inlineKey = from === 'role-file' ? 'Policies' : 'RolePolicyList';
  const subject: Subject = { kind: 'role', path, value: role, name };
  if (name !== undefined) subject.role = roleInfo(role, path, name, from);
  const subjects: Subject[] = [subject];
  if (isPolicyDocument(role.AssumeRolePolicyDocument)) {
    subjects.push({ kind: 'trust-policy', path: [...path, 'AssumeRolePolicyDocument'], value: role.AssumeRolePolicyDocument, name });
  }
  const inline = role[inlineKey];
  if (Array.isArray(inline)) {
    inline.forEach((entry, i) => {
      if (isObject(entry) && isPolicyDocument(entry.PolicyDocument)) {
        const policyName = typeof entry.PolicyName === 'string' ? entry.PolicyName : undefined;
        subjects.push({
          kind: 'identity-policy',
          path: [...path, inlineKey, i, 'PolicyDocument'],
          value: entry.PolicyDocument,
          name: policyName,
        });
      }
    });
  }
  return subjects;
}

/** What the execution-role checks need of a role: its trust policy, inline policies and managed policy ARNs. */
function roleInfo(role: Record<string, unknown>, path: JsonPath, name: string, from: 'role-file' | 'authorization-details'): RoleInfo {
  const inlineKey = from === 'role-file' ? 'Policies' : 'RolePolicyList';
  const trustDocument = policyDocument(role.AssumeRolePolicyDocument);
  const trust: PolicyRef | undefined =
    trustDocument === undefined
      ? undefined
      : {
          path: [...path, 'AssumeRolePolicyDocument'],
          value: trustDocument,
          label: 'trust policy',
          editable: isObject(role.AssumeRolePolicyDocument),
        };
  const policies: PolicyRef[] = [];
  const inline = role[inlineKey];
  if (Array.isArray(inline)) {
    inline.forEach((entry, i) => {
      if (!isObject(entry)) return;
      const document = policyDocument(entry.PolicyDocument);
      if (document === undefined) return;
      const policyName = typeof entry.PolicyName === 'string' ? entry.PolicyName : `#${i}`;
      policies.push({
        path: [...path, inlineKey, i, 'PolicyDocument'],
        value: document,
        label: `inline policy ${policyName}`,
        editable: isObject(entry.PolicyDocument),
      });
    });
  }
  const managedPolicyArns: string[] = [];
  if (from === 'role-file' && Array.isArray(role.ManagedPolicyArns)) {
    for (const arn of role.ManagedPolicyArns) managedPolicyArns.push(arnText(arn));
  }
  if (from === 'authorization-details' && Array.isArray(role.AttachedManagedPolicies)) {
    for (const attached of role.AttachedManagedPolicies) if (isObject(attached)) managedPolicyArns.push(arnText(attached.PolicyArn));
  }
  // A role file without Policies and ManagedPolicyArns may have policies it does not show; IAM's own
  // output lists them all. Inline policies are added to role files only (not to IAM's output).
  return from === 'role-file'
    ? {
        name,
        trust,
        policies,
        managedPolicyArns,
        complete: 'Policies' in role || 'ManagedPolicyArns' in role,
        inlinePoliciesPath: [...path, 'Policies'],
      }
    : { name, trust, policies, managedPolicyArns, complete: true };
}

/** A policy document, also in the URL-encoded string form the IAM API returns. */
function policyDocument(value: unknown): unknown {
  if (isObject(value)) return value;
  if (typeof value !== 'string') return undefined;
  for (const decode of [(s: string) => s, decodeURIComponent]) {
    try {
      const parsed = JSON.parse(decode(value));
      if (isObject(parsed)) return parsed;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

/** A managed policy ARN, also from CloudFormation's `{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/..."}`. */
function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['Fn::Sub'] === 'string') return value['Fn::Sub'];
  return JSON.stringify(value) ?? '';
}

function authorizationDetailsSubjects(value: Record<string, unknown>): Subject[] {
  const subjects: Subject[] = [];
  const each = (key: string, visit: (entry: Record<string, unknown>, path: JsonPath) => void) => {
    const list = value[key];
    if (Array.isArray(list)) list.forEach((entry, i) => isObject(entry) && visit(entry, [key, i]));
  };
  each('RoleDetailList', (role, path) => subjects.push(...roleSubjects(role, path, 'authorization-details')));
  for (const [key, inlineKey] of [
    ['UserDetailList', 'UserPolicyList'],
    ['GroupDetailList', 'GroupPolicyList'],
  ]) {
    each(key, (principal, path) => {
      const inline = principal[inlineKey];
      if (!Array.isArray(inline)) return;
      inline.forEach((entry, j) => {
        if (isObject(entry) && isPolicyDocument(entry.PolicyDocument)) {
          subjects.push({
            kind: 'identity-policy',
            path: [...path, inlineKey, j, 'PolicyDocument'],
            value: entry.PolicyDocument,
            name: scalarText(entry.PolicyName) ?? '',
          });
        }
      });
    });
  }
  each('Policies', (policy, path) => {
    const versions = policy.PolicyVersionList;
    if (!Array.isArray(versions)) return;
    // The default version is the one attached roles get: it carries the ARN they attach it by.
    const defaultIndex = versions.findIndex((v) => isObject(v) && (v.IsDefaultVersion === true || v.VersionId === policy.DefaultVersionId));
    versions.forEach((version, j) => {
      if (isObject(version) && isPolicyDocument(version.Document)) {
        const subject: Subject = {
          kind: 'identity-policy',
          path: [...path, 'PolicyVersionList', j, 'Document'],
          value: version.Document,
          name: scalarText(policy.PolicyName) ?? '',
        };
        if (j === defaultIndex && typeof policy.Arn === 'string') subject.arn = policy.Arn;
        subjects.push(subject);
      }
    });
  });
  return subjects;
}
