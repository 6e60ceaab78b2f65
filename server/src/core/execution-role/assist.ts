// Hover and completion for the execution role: on an image, a secret's valueFrom and executionRoleArn in a
// task definition; on a policy that an execution role uses (which task definitions rely on it); and in
// fargate-lint.json (role names from the task definitions, paths of the workspace's policy files).
import { type JsonPath, isObject } from '../json';
import { type CompletionProvider, type HoverProvider, type PositionContext, valueEntry } from '../position';
import { taskOf } from '../taskdef/model';
import { referencedRole } from '../taskdef/roles';
import type { WorkspaceFile, WorkspaceView } from '../workspace';
import { type PermissionResult, type RequirementResult, type RoleCheck, type Status, cachedCheck } from './check';
import { type Permission, type Requirement, describePermissions, parsedImage, parsedValueFrom } from './requirements';
import { hasUnknown } from '../unknown';
import { MANAGED_POLICIES_CHECKED, MANAGED_POLICIES_PACKAGE, type ResolvedRole, awsManagedPolicies, resolveRole } from './resolve-role';
import { basenameOf, dirnameOf, relativePath, sameUri } from '../uris';

const STATUS_TEXT: Record<Status, string> = {
  granted: '✓ allowed',
  'denied-conditionally': '⚠ allowed, but a conditional Deny may block it',
  conditional: 'ℹ allowed only under conditions',
  unknown: '? not known (some policies are not in the workspace)',
  missing: '✗ not allowed',
  denied: '✗ denied',
};

const KMS_NOTE =
  'If the secret or parameter is encrypted with a **customer managed KMS key**, the execution role also needs `kms:Decrypt` on that key (the default AWS managed key needs nothing). The task definition does not say which key is used, so this is not checked.';

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

function requirementAt(check: RoleCheck, path: JsonPath): Requirement | undefined {
  return check.requirements.find((r) => samePath(r.path, path));
}

function resultOf(check: RoleCheck, requirement: Requirement): RequirementResult | undefined {
  return check.results.find((r) => r.requirement === requirement);
}

function permissionLines(permissions: Permission[], results: PermissionResult[] | undefined): string[] {
  return permissions.map((p, i) => {
    const status = results?.[i] ? ` — ${STATUS_TEXT[results[i].status]}` : '';
    return `- \`${p.action}\` on \`${p.policyResources.join('` or `')}\`${status}`;
  });
}

function roleLine(check: RoleCheck): string {
  if (!check.roleArn) return 'This task definition names **no execution role** (`executionRoleArn`).';
  if (!check.role) return `The policies of execution role \`${check.roleArn.name}\` are not in the workspace, so they are not checked.`;
  return `Checked against execution role \`${check.roleArn.name}\`.`;
}

function imageHover(context: PositionContext, check: RoleCheck, image: string): string {
  const reference = parsedImage(image);
  const lines = ['**Container image**', ''];
  if (reference.registryKind === 'ecr') {
    lines.push(
      `Private Amazon ECR repository \`${reference.repository}\``,
      '',
      '| registry account | Region | partition | tag / digest |',
      '|---|---|---|---|',
      `| ${reference.account} | ${reference.region} | ${reference.partition} | ${reference.digest ? `\`@${reference.digest}\`` : `\`${reference.tag ?? 'latest'}\`${reference.tag ? '' : ' (default)'}`} |`,
      '',
    );
    if (reference.fips) lines.push('FIPS endpoint (`dkr.ecr-fips`).', '');
    if (reference.dualStack) lines.push('Dual-stack endpoint (IPv4 and IPv6).', '');
    const requirement = requirementAt(check, context.relativePath);
    if (requirement) {
      lines.push(
        'To pull it, the **execution role** needs:',
        ...permissionLines(requirement.permissions, resultOf(check, requirement)?.permissions),
        '',
        roleLine(check),
      );
    }
    lines.push('', 'A repository in another account also needs its repository policy to allow the execution role.');
  } else if (reference.registryKind === 'ecr-public') {
    lines.push('Amazon ECR Public: pulled anonymously, so the execution role needs no ECR permission.');
  } else if (reference.registryKind === 'docker-hub') {
    lines.push(
      `Docker Hub image \`${reference.repository}\`${reference.tag ? ` tag \`${reference.tag}\`` : ''}: no AWS permission is needed (private Docker Hub images need \`repositoryCredentials\`).`,
    );
  } else {
    lines.push(
      `Registry \`${reference.host}\` (not ECR): no ECR permission is needed; a private registry needs \`repositoryCredentials\`.`,
    );
  }
  return lines.join('\n');
}

function secretHover(context: PositionContext, check: RoleCheck, valueFrom: string, title: string): string | undefined {
  const reference = parsedValueFrom(valueFrom);
  const lines = [`**${title}**`, ''];
  // A value a template computes as a whole (which service is unknown): the hover says it is unknown.
  if (reference.kind === 'invalid' && hasUnknown(valueFrom)) return undefined;
  if (reference.kind === 'invalid') {
    lines.push(`ECS can't use this value: ${reference.reason}.`);
    return lines.join('\n');
  }
  if (reference.kind === 'secretsmanager') {
    lines.push(
      '| service | secret | Region | account |',
      '|---|---|---|---|',
      `| Secrets Manager | \`${reference.name}\`${reference.complete ? (hasUnknown(reference.secretId) ? ' (full ARN)' : ` (full ARN, suffix \`${reference.secretId.slice(-6)}\`)`) : ' (partial ARN: no random suffix)'} | ${reference.region} | ${reference.account} |`,
    );
    const parts = [
      reference.jsonKey && `JSON key \`${reference.jsonKey}\``,
      reference.versionStage && `stage \`${reference.versionStage}\``,
      reference.versionId && `version \`${reference.versionId}\``,
    ].filter(Boolean);
    if (parts.length) lines.push('', `Injects ${parts.join(', ')} of the secret.`);
  } else {
    const region = reference.region ?? "the task's own Region";
    const account = reference.account ?? "the task's account";
    lines.push(
      '| service | parameter | Region | account |',
      '|---|---|---|---|',
      `| SSM Parameter Store | \`${reference.name}\` | ${region} | ${account} |`,
    );
    if (reference.form === 'name')
      lines.push(
        '',
        'Given by name: the parameter must be in the Region where the task runs (a parameter in another Region needs its full ARN).',
      );
  }
  const requirement = requirementAt(check, context.relativePath);
  if (requirement) {
    lines.push(
      '',
      'The **execution role** needs:',
      ...permissionLines(requirement.permissions, resultOf(check, requirement)?.permissions),
      '',
      roleLine(check),
    );
  }
  lines.push('', KMS_NOTE);
  return lines.join('\n');
}

function executionRoleHover(context: PositionContext, check: RoleCheck): string {
  const lines = [
    '**Task execution role**',
    '',
    'The role ECS and Fargate use to start the task: pull the image, create log streams, read secrets. The application uses the *task role* (`taskRoleArn`) instead.',
    '',
  ];
  if (!check.roleArn) return lines.join('\n');
  const role = check.role ?? resolveRole(check.roleArn.name, context.document.workspace, context.document.uri);
  lines.push(`Role \`${check.roleArn.name}\`${'account' in check.roleArn ? ` in account ${check.roleArn.account}` : ''}.`, '');
  if (!role) {
    lines.push(
      'Its policies are **not in the workspace** (no role file, account authorization details or `fargate-lint.json` entry names it), so nothing is checked.',
    );
  } else {
    lines.push(...whereFound(role));
  }
  if (check.requirements.length === 0) {
    lines.push('', 'This task definition needs nothing from it (no private ECR image, awslogs, secrets or environment files).');
    return lines.join('\n');
  }
  lines.push('', '**What this task definition needs from it**', '');
  for (const requirement of check.requirements) {
    const result = resultOf(check, requirement);
    lines.push(
      `- to ${requirement.reason}: ${describePermissions(requirement.permissions)}${result ? ` — ${STATUS_TEXT[result.status]}` : ''}`,
    );
  }
  return lines.join('\n');
}

function whereFound(role: ResolvedRole): string[] {
  const lines = ['Described in ' + role.descriptions.map((d) => `\`${basenameOf(d.uri)}\``).join(', ') + '.', ''];
  if (role.trust) lines.push(`Trust policy: ${role.trust.label}.`);
  lines.push(role.policies.length ? 'Permission policies:' : 'No permission policies.');
  for (const policy of role.policies) lines.push(`- ${policy.label}`);
  for (const arn of role.unknownManagedPolicies)
    lines.push(`- \`${arn}\` — not known offline: permissions it may grant count as *unknown*`);
  for (const file of role.missingFiles) lines.push(`- \`${file}\` — listed in fargate-lint.json but not in the workspace`);
  if (role.policies.some((p) => p.origin === 'managed')) {
    lines.push(
      '',
      `AWS managed policies as of ${MANAGED_POLICIES_CHECKED} (${MANAGED_POLICIES_PACKAGE.name} ${MANAGED_POLICIES_PACKAGE.version}).`,
    );
  }
  return lines;
}

export const executionRoleHoverProvider: HoverProvider = {
  hover(context) {
    if (context.subject.kind !== 'task-definition' || !taskOf(context.subject)) return undefined;
    const path = context.relativePath;
    const value = context.value;
    if (path.length === 1 && path[0] === 'executionRoleArn') {
      return executionRoleHover(context, cachedCheck(context.subject, context.document.workspace, context.document.uri));
    }
    if (context.onKey || typeof value !== 'string') return undefined;
    const last = path[path.length - 1];
    if (path[0] === 'containerDefinitions' && path.length === 3 && last === 'image') {
      return imageHover(context, cachedCheck(context.subject, context.document.workspace, context.document.uri), value);
    }
    if (last === 'valueFrom' && (path[path.length - 3] === 'secrets' || path[path.length - 3] === 'secretOptions')) {
      return secretHover(
        context,
        cachedCheck(context.subject, context.document.workspace, context.document.uri),
        value,
        path[path.length - 3] === 'secrets' ? 'Secret for an environment variable' : 'Secret log-driver option',
      );
    }
    if (last === 'credentialsParameter') {
      return secretHover(
        context,
        cachedCheck(context.subject, context.document.workspace, context.document.uri),
        value,
        'Private registry credentials (Secrets Manager)',
      );
    }
    return undefined;
  },
};

// --- The other direction: who relies on this policy file? -----------------------------------------

export interface Dependent {
  uri: string;
  family?: string;
  role: string;
  as: 'execution role' | 'task role';
}

/** Task definitions in the workspace whose execution (or task) role uses the file `uri`. */
export function dependentsOf(uri: string, workspace: WorkspaceView | undefined): Dependent[] {
  if (!workspace) return [];
  const found: Dependent[] = [];
  for (const { file, task } of taskDefinitions(workspace)) {
    for (const [key, as] of [
      ['executionRoleArn', 'execution role'],
      ['taskRoleArn', 'task role'],
    ] as const) {
      const arn = referencedRole(task[key]);
      if (!arn) continue;
      const role = resolveRole(arn.name, workspace, file.uri);
      if (!role || !usesFile(role, uri)) continue;
      found.push({ uri: file.uri, family: typeof task.family === 'string' ? task.family : undefined, role: role.name, as });
    }
  }
  return found;
}

/** Every task definition in the workspace (a template may hold several), with its file. */
function* taskDefinitions(workspace: WorkspaceView | undefined): Generator<{ file: WorkspaceFile; task: Record<string, unknown> }> {
  for (const file of workspace?.files() ?? []) {
    for (const subject of file.model.subjects) {
      const task = taskOf(subject);
      if (task) yield { file, task };
    }
  }
}

function usesFile(role: ResolvedRole, uri: string): boolean {
  return (
    [...role.policies, ...(role.trust ? [role.trust] : [])].some((p) => p.uri && sameUri(p.uri, uri)) ||
    role.descriptions.some((d) => sameUri(d.uri, uri))
  );
}

/** Files a task definition's roles are read from: policies, role files, fargate-lint.json. */
const ROLE_SOURCE_SUBJECTS = new Set(['identity-policy', 'trust-policy', 'role', 'project-config']);

export const dependentsHover: HoverProvider = {
  hover(context) {
    if (!context.document.uri || !ROLE_SOURCE_SUBJECTS.has(context.subject.kind)) return undefined;
    // On the policy's (or role's) own top-level keys, where no other hover has something to say.
    const top =
      context.relativePath.length === 1 && (context.onKey || ['Version', 'RoleName', 'Id'].includes(String(context.relativePath[0])));
    const configRole =
      context.subject.kind === 'project-config' &&
      context.relativePath.length === 2 &&
      context.relativePath[0] === 'roles' &&
      context.onKey;
    if (!top && !configRole) return undefined;
    const dependents = dependentsOf(context.document.uri, context.document.workspace).filter(
      (d) => !configRole || d.role === context.relativePath[1],
    );
    if (dependents.length === 0) return undefined;
    const lines = [`**Used by ${dependents.length} task definition${dependents.length === 1 ? '' : 's'}**`, ''];
    for (const d of dependents) {
      lines.push(
        `- \`${relativePath(dirnameOf(context.document.uri), d.uri)}\`${d.family ? ` (family \`${d.family}\`)` : ''} as ${d.as} \`${d.role}\``,
      );
    }
    if (dependents.some((d) => d.as === 'execution role')) {
      lines.push('', 'Removing a permission they need here shows up at once as an `execution-role-permission` problem in those files.');
    }
    return lines.join('\n');
  },
};

// --- fargate-lint.json -------------------------------------------------------------------------------

function roleNamesInWorkspace(workspace: WorkspaceView | undefined): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const { file, task } of taskDefinitions(workspace)) {
    for (const key of ['executionRoleArn', 'taskRoleArn']) {
      const arn = referencedRole(task[key]);
      // A name a template computes is not a name to write in fargate-lint.json.
      if (arn && !hasUnknown(arn.name)) names.set(arn.name, [...(names.get(arn.name) ?? []), `${key} of ${basenameOf(file.uri)}`]);
    }
  }
  return names;
}

function policyFiles(workspace: WorkspaceView | undefined, kind: 'identity-policy' | 'trust-policy'): WorkspaceFile[] {
  return [...(workspace?.files() ?? [])].filter(
    (f) => f.model.subjects.length === 1 && f.model.subjects[0].kind === kind && f.model.subjects[0].path.length === 0,
  );
}

export const projectConfigCompletion: CompletionProvider = {
  complete(context) {
    if (context.subject.kind !== 'project-config') return undefined;
    const path = context.relativePath;
    const config = isObject(context.subject.value) ? context.subject.value : {};
    if (path.length === 2 && path[0] === 'roles' && context.onKey) {
      const existing = isObject(config.roles) ? Object.keys(config.roles) : [];
      const names = [...roleNamesInWorkspace(context.document.workspace)].filter(([name]) => !existing.includes(name) || name === path[1]);
      return names.map(([name, where], i) => ({
        label: JSON.stringify(name),
        description: where[0],
        detail: where.join(', '),
        insertText: `${JSON.stringify(name)}: {\n\t"policies": [$1]\n}`,
        snippet: true,
        kind: 'property' as const,
        sortText: String(i).padStart(4, '0'),
      }));
    }
    if (context.onKey || !context.document.uri || path[0] !== 'roles' || path.length < 3) return undefined;
    const folder = dirnameOf(context.document.uri);
    const relative = (file: WorkspaceFile) => relativePath(folder, file.uri);
    if (path.length === 3 && path[2] === 'trustPolicy') {
      return policyFiles(context.document.workspace, 'trust-policy').map((f, i) => valueEntry(relative(f), 'trust policy', i));
    }
    if (path.length === 4 && path[2] === 'policies') {
      return policyFiles(context.document.workspace, 'identity-policy').map((f, i) => valueEntry(relative(f), 'permission policy', i));
    }
    if (path.length === 4 && path[2] === 'managedPolicyArns') {
      return awsManagedPolicies().map(({ arn, name }, i) => valueEntry(arn, name, i));
    }
    return undefined;
  },
};
