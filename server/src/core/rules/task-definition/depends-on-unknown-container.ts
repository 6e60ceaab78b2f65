// dependsOn must name containers of the same task definition.
import type { Rule } from '../../rule';
import { containerItems, containerNamesKnown, containersByName, literalString } from '../../taskdef/containers';

export const dependsOnUnknownContainer: Rule = {
  meta: {
    id: 'depends-on-unknown-container',
    title: 'dependsOn must name a container of the same task definition',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    // A container the template leaves unknown may be the one named.
    if (!containerNamesKnown(subject)) return;
    const byName = containersByName(subject);
    for (const { item: dependency } of containerItems(subject, 'dependsOn')) {
      const target = literalString(dependency.value.containerName);
      if (target === undefined || byName.has(target)) continue;
      const names = [...byName.keys()].map((n) => `"${n}"`).join(', ');
      report({
        path: [...dependency.path, 'containerName'],
        message: `No container is named "${target}"${names ? `; the containers are ${names}` : ''}. dependsOn can only wait for a container of this task definition.`,
      });
    }
  },
};
