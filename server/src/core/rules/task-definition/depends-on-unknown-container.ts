// dependsOn must name containers of the same task definition.
import type { Rule } from '../../rule';
import { containersByName, literalString, objectItems } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';

export const dependsOnUnknownContainer: Rule = {
  meta: {
    id: 'depends-on-unknown-container',
    title: 'dependsOn must name a container of the same task definition',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const byName = containersByName(subject);
    for (const container of containersOf(subject)) {
      for (const dependency of objectItems(container.value, container.path, 'dependsOn')) {
        const target = literalString(dependency.value.containerName);
        if (target === undefined || byName.has(target)) continue;
        const names = [...byName.keys()].map((n) => `"${n}"`).join(', ');
        report({
          path: [...dependency.path, 'containerName'],
          message: `No container is named "${target}"${names ? `; the containers are ${names}` : ''}. dependsOn can only wait for a container of this task definition.`,
        });
      }
    }
  },
};
