// The dependency condition must suit its target: HEALTHY needs a health check, COMPLETE and SUCCESS a
// container that is allowed to exit (not essential).
import { isObject, isPlaceholder } from '../../json';
import type { Rule } from '../../rule';
import { containerItems, containersByName, isEssential, literalString } from '../../taskdef/containers';
import { isWrittenCommand } from './health-check-command';

function hasHealthCheck(container: Record<string, unknown>): boolean {
  return isObject(container.healthCheck) && isWrittenCommand(container.healthCheck.command);
}

export const dependsOnCondition: Rule = {
  meta: {
    id: 'depends-on-condition',
    title: 'dependsOn conditions must suit the target: HEALTHY needs a health check, COMPLETE/SUCCESS a non-essential container',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const byName = containersByName(subject);
    for (const { item: dependency } of containerItems(subject, 'dependsOn')) {
      const targetName = literalString(dependency.value.containerName);
      const condition = literalString(dependency.value.condition);
      const target = targetName === undefined ? undefined : byName.get(targetName);
      if (!target || condition === undefined) continue;
      const path = [...dependency.path, 'condition'];
      if (condition === 'HEALTHY' && !hasHealthCheck(target.value)) {
        report({
          path,
          message: `Condition HEALTHY waits for "${targetName}" to pass its health check, but "${targetName}" has no healthCheck, so it never becomes healthy. Add a healthCheck to it or use START.`,
          related: [{ path: [...subject.path, ...target.path, 'name'], message: `"${targetName}" has no healthCheck` }],
        });
      }
      if ((condition === 'COMPLETE' || condition === 'SUCCESS') && isEssential(target.value) && !isPlaceholder(target.value.essential)) {
        report({
          path,
          message: `Condition ${condition} waits for "${targetName}" to exit, but "${targetName}" is essential (the default), and an essential container that exits stops the task. ECS does not allow ${condition} on an essential container: set "essential": false on "${targetName}".`,
          related: [{ path: [...subject.path, ...target.path, 'name'], message: `"${targetName}" is essential` }],
        });
      }
    }
  },
};
