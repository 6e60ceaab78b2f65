// ECS Exec (enableExecuteCommand: true) runs the SSM agent inside each container, and the agent talks to
// Systems Manager with the task role: it must allow ssmmessages:CreateControlChannel, CreateDataChannel,
// OpenControlChannel and OpenDataChannel (facts/ecs-services.json). The role's policies are found as the
// execution role's are (role files, fargate-lint.json, templates). The ECS Exec considerations add: the agent
// must write to the container's root file system (readonlyRootFilesystem: true is not supported), and
// initProcessEnabled reaps the agent's orphaned processes.
import { ECS_EXEC } from '../../ecs-service/facts';
import { type Status, checkPermissions, worstStatus } from '../../execution-role/check';
import { type Grant, addStatementsEdits, createPolicyEdits, policyDocumentFor } from '../../execution-role/fixes';
import { resolveRole } from '../../execution-role/resolve-role';
import { type JsonPath, isObject, valueAt } from '../../json';
import { append, inFile, set } from '../../model';
import type { Fix, RelatedLocation, Rule, Severity } from '../../rule';
import { isWindowsContainer } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';
import { referencedRole } from '../../taskdef/roles';
import { basenameOf } from '../../uris';
import { linkedOf, taskLabel } from './_linked';

const ACTIONS = ECS_EXEC.actions;
const GRANT: Grant = { feature: 'ecs-exec', actions: ACTIONS, resources: [ECS_EXEC.resource] };

interface ExecData {
  kind: 'permissions' | 'create-policy' | 'init-process';
  role?: string;
  /** A policy the user owns, where the statement goes; or a role file's inline policies. */
  policy?: { uri: string; path: JsonPath };
  roleFile?: { uri: string; path: JsonPath };
  /** The task definition's file (create-policy: the new policy goes beside it; init-process: edited). */
  taskUri?: string;
  /** init-process: absolute paths of the containers to change in the task definition's file. */
  containers?: JsonPath[];
}

const SEVERITY: Partial<Record<Status, Severity>> = {
  missing: 'error',
  denied: 'error',
  'denied-conditionally': 'warning',
  conditional: 'information',
};

export const serviceExecuteCommand: Rule<ExecData> = {
  meta: {
    id: 'service-execute-command',
    title: 'With ECS Exec on, the task role must allow the ssmmessages channel actions, and containers keep a writable root file system',
    defaultSeverity: 'error',
    appliesTo: ['service'],
    fixable: true,
  },
  check({ subject, model, document, report }) {
    const linked = linkedOf(subject, model, document);
    const exec = linked?.view.enableExecuteCommand;
    if (!linked?.link || !linked.task || !exec || exec.value !== true) return;
    const { link, task } = linked;
    const label = taskLabel(link, document);
    const taskUri = link.uri ?? document.uri;
    const roleField = task.taskRoleArn;
    const taskRole = referencedRole(roleField);
    const taskRolePath = [...link.subject.path, 'taskRoleArn'];
    if (roleField === undefined || roleField === null || roleField === '') {
      report({
        path: exec.path,
        message: `ECS Exec needs a task role, and ${label} has no taskRoleArn: the SSM agent in the containers cannot reach Systems Manager, so execute-command fails. Give the task a role that allows ${ACTIONS.join(', ')}.`,
      });
    } else if (taskRole) {
      const role = resolveRole(taskRole.name, document.workspace, taskUri);
      if (!role) {
        report({
          path: exec.path,
          severity: 'hint',
          message: `The policies of task role ${taskRole.name} are not in the workspace, so they can't be checked. For ECS Exec it must allow ${ACTIONS.join(', ')} on *.`,
          data: taskUri?.startsWith('file:') ? { kind: 'create-policy', role: taskRole.name, taskUri } : undefined,
        });
      } else {
        const results = checkPermissions(
          role,
          ACTIONS.map((action) => ({ action, resources: [['*']], policyResources: ['*'] })),
        );
        const status = worstStatus(results.map((r) => r.status));
        const severity = SEVERITY[status];
        if (severity) {
          const lacking = results.filter((r) => r.status === status).map((r) => r.permission.action);
          const policy =
            role.policies.find((p) => p.editable && p.uri && p.origin === 'project-config') ??
            role.policies.find((p) => p.editable && p.uri);
          const roleFile = role.descriptions.find((d) => d.inlinePoliciesPath);
          const related: RelatedLocation[] = link.uri ? [{ file: link.uri, path: taskRolePath, message: `task role of ${label}` }] : [];
          for (const source of role.policies)
            if (source.uri)
              related.push({ file: source.uri, path: source.path, message: `policy of task role ${role.name}: ${source.label}` });
          report({
            path: exec.path,
            severity,
            message: messageFor(status, role.name, lacking),
            related,
            data:
              status === 'missing'
                ? {
                    kind: 'permissions',
                    role: role.name,
                    policy: policy?.uri ? { uri: policy.uri, path: policy.path } : undefined,
                    roleFile: roleFile?.inlinePoliciesPath ? { uri: roleFile.uri, path: roleFile.inlinePoliciesPath } : undefined,
                  }
                : undefined,
          });
        }
      }
    }
    const containers = containersOf(link.subject).filter((c) => !isWindowsContainer(link.subject, c.value));
    for (const container of containers.filter((c) => c.value.readonlyRootFilesystem === true)) {
      report({
        path: exec.path,
        severity: 'warning',
        message: `Container "${container.name ?? container.path.join('.')}" of ${label} has a read-only root file system, which ECS Exec does not support: the SSM agent must create its files there, so execute-command fails for that container.`,
        related: link.uri
          ? [
              {
                file: link.uri,
                path: [...link.subject.path, ...container.path, 'readonlyRootFilesystem'],
                message: 'read-only root file system',
              },
            ]
          : undefined,
      });
    }
    const withoutInit = containers.filter((c) => {
      const linux = c.value.linuxParameters;
      return !(isObject(linux) && linux.initProcessEnabled !== undefined && linux.initProcessEnabled !== null);
    });
    if (withoutInit.length > 0 && link.uri) {
      report({
        path: exec.path,
        severity: 'hint',
        message: `With ECS Exec, set linuxParameters.initProcessEnabled to true in ${withoutInit.map((c) => `"${c.name ?? '?'}"`).join(', ')} of ${label}: an init process cleans up the processes an exec session leaves behind.`,
        data: { kind: 'init-process', taskUri: link.uri, containers: withoutInit.map((c) => [...link.subject.path, ...c.path]) },
      });
    }
  },
  fix({ data, document }) {
    const workspace = document.workspace;
    if (!data || !workspace) return [];
    const fixes: Fix[] = [];
    if (data.kind === 'permissions') {
      const policyFile = data.policy && workspace.file(data.policy.uri);
      const roleFile = data.roleFile && workspace.file(data.roleFile.uri);
      if (data.policy && policyFile) {
        const edits = addStatementsEdits(policyFile, data.policy.path, [GRANT]);
        if (edits.length)
          fixes.push({
            title: `Add the ECS Exec actions to the policy of task role ${data.role} (${basenameOf(data.policy.uri)})`,
            isPreferred: true,
            edits,
          });
      } else if (data.roleFile && roleFile) {
        const entry = { PolicyName: 'EcsExec', PolicyDocument: policyDocumentFor([GRANT]) };
        const policies = valueAt(roleFile.model.value, data.roleFile.path);
        const edit = Array.isArray(policies) ? append(data.roleFile.path, entry) : set(data.roleFile.path, [entry]);
        fixes.push({
          title: `Add the ECS Exec actions to task role ${data.role} (${basenameOf(data.roleFile.uri)})`,
          isPreferred: true,
          edits: inFile(data.roleFile.uri, [edit]),
        });
      }
    }
    if (data.kind === 'create-policy' && data.taskUri && data.role) {
      fixes.push({
        title: `Create a policy for task role ${data.role} with the ECS Exec actions`,
        edits: createPolicyEdits(data.taskUri, data.role, [GRANT], workspace),
      });
    }
    if (data.kind === 'init-process' && data.taskUri && data.containers?.length) {
      const edits = data.containers.map((path) => set([...path, 'linuxParameters', 'initProcessEnabled'], true));
      fixes.push({ title: `Set initProcessEnabled in ${basenameOf(data.taskUri)}`, edits: inFile(data.taskUri, edits) });
    }
    return fixes;
  },
};

function messageFor(status: Status, role: string, actions: string[]): string {
  const what = actions.join(', ');
  switch (status) {
    case 'denied':
      return `Task role ${role} is denied ${what}, which ECS Exec needs: execute-command cannot open a session in this service's containers.`;
    case 'denied-conditionally':
      return `Task role ${role} may be denied ${what} (a Deny applies under its conditions), which ECS Exec needs.`;
    case 'conditional':
      return `Task role ${role} allows ${what} only under the conditions of its Allow statement; check that they hold for the SSM agent in the task (ECS Exec needs them).`;
    default:
      return `Task role ${role} lacks ${what} on *, which ECS Exec needs: the SSM agent in the containers cannot open its channels, so execute-command fails.`;
  }
}
