// Container names identify containers within a task (dependsOn, volumesFrom, load balancers, logs).
import type { Rule } from '../../rule';
import { containersOf } from '../../taskdef/model';

export const duplicateContainerName: Rule = {
  meta: {
    id: 'duplicate-container-name',
    title: 'Container names must be unique within a task definition',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const seen = new Map<string, (string | number)[]>();
    for (const container of containersOf(subject)) {
      const name = container.name;
      if (name === undefined || name === '') continue;
      const first = seen.get(name);
      if (!first) {
        seen.set(name, [...container.path, 'name']);
        continue;
      }
      report({
        path: [...container.path, 'name'],
        message: `Another container is already named "${name}"; container names must be unique within a task definition.`,
        related: [{ path: [...subject.path, ...first], message: `first container named "${name}"` }],
      });
    }
  },
};
