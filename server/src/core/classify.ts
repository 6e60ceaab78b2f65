// Recognises what a JSON document is from its content (and, for a new empty file, from its name),
// and lists the "subjects" inside it that rules look at: a task definition, each embedded policy, ...
import { basename } from './uris';
import { type Statement, statementsOf } from './iam/policy';
import { type JsonDocument, type JsonPath, hasKey, isObject, scalarText } from './json';

/** What a whole file is; also the `kind` the CLI prints. */
export type DocumentKind =
  | 'task-definition'
  | 'container-definitions'
  | 'iam-policy'
  | 'iam-trust-policy'
  | 'iam-resource-policy'
  | 'iam-role'
  | 'iam-policy-version'
  | 'iam-authorization-details'
  | 'project-config'
  | 'unknown';

/** What a rule looks at: a part of a document, addressed by its JSON path. */
export type SubjectKind =
  'task-definition' | 'container-definitions' | 'identity-policy' | 'trust-policy' | 'resource-policy' | 'role' | 'project-config';

/** The subjects that are policy documents: what the IAM rules, hovers and completions look at. */
export const POLICY_SUBJECTS: readonly SubjectKind[] = ['identity-policy', 'trust-policy', 'resource-policy'];

export interface Subject {
  kind: SubjectKind;
  path: JsonPath;
  value: unknown;
  /** A name for messages and hover, such as the inline policy's name. */
  name?: string;
}

export interface Classification {
  kind: DocumentKind;
  /** Shown in the editor's language status item. */
  label: string;
  subjects: Subject[];
}

/** Any document that is none of the above, or that is not analysed at all (too large, not text, ...). */
export const UNKNOWN_DOCUMENT: Classification = { kind: 'unknown', label: 'Not an ECS or IAM document', subjects: [] };

/** File names that mean "task definition" even before the file has content. */
export function looksLikeTaskDefinitionName(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const base = basename(fileName).toLowerCase();
  if (!base.endsWith('.json') && !base.endsWith('.jsonc')) return false;
  return /task[-_]?def/.test(base);
}

/** File names that are never ours; skipping them keeps the cost of other JSON near zero. */
export function isForeignFileName(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const base = basename(fileName).toLowerCase();
  return /^(package(-lock)?\.json|tsconfig.*\.json|jsconfig.*\.json|\.eslintrc.*|composer\.(json|lock)|\.babelrc|launch\.json|settings\.json|tasks\.json|extensions\.json)$/.test(
    base,
  );
}

export const PROJECT_CONFIG_FILE = 'fargate-lint.json';

export function classify(document: JsonDocument, fileName?: string): Classification {
  const value = document.value;
  if (fileName && basename(fileName) === PROJECT_CONFIG_FILE && isObject(value)) {
    return { kind: 'project-config', label: 'fargate-lint project file', subjects: [{ kind: 'project-config', path: [], value }] };
  }
  return classifyTaskDefinition(value) ?? classifyIam(value) ?? classifyByName(document, fileName) ?? UNKNOWN_DOCUMENT;
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

function isContainerDefinition(value: unknown): boolean {
  return (
    isObject(value) && (hasKey(value, 'image') || (hasKey(value, 'name') && (hasKey(value, 'portMappings') || hasKey(value, 'essential'))))
  );
}

function classifyByName(document: JsonDocument, fileName: string | undefined): Classification | undefined {
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
function policyKindOf(policy: Record<string, unknown>): 'identity-policy' | 'trust-policy' | 'resource-policy' {
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

function roleSubjects(role: Record<string, unknown>, path: JsonPath, inlineKey = 'Policies'): Subject[] {
  const name = typeof role.RoleName === 'string' ? role.RoleName : undefined;
  const subjects: Subject[] = [{ kind: 'role', path, value: role, name }];
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

function authorizationDetailsSubjects(value: Record<string, unknown>): Subject[] {
  const subjects: Subject[] = [];
  const each = (key: string, visit: (entry: Record<string, unknown>, path: JsonPath) => void) => {
    const list = value[key];
    if (Array.isArray(list)) list.forEach((entry, i) => isObject(entry) && visit(entry, [key, i]));
  };
  each('RoleDetailList', (role, path) => subjects.push(...roleSubjects(role, path, 'RolePolicyList')));
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
    versions.forEach((version, j) => {
      if (isObject(version) && isPolicyDocument(version.Document)) {
        subjects.push({
          kind: 'identity-policy',
          path: [...path, 'PolicyVersionList', j, 'Document'],
          value: version.Document,
          name: scalarText(policy.PolicyName) ?? '',
        });
      }
    });
  });
  return subjects;
}
