// volumesFrom mounts the volumes of another container of the same task.
import type { Rule } from '../../rule';
import { containerItems, containerNamesKnown, containersByName, literalString } from '../../taskdef/containers';

export const volumesFromUnknownContainer: Rule = {
  meta: {
    id: 'volumes-from-unknown-container',
    title: 'volumesFrom must name another container of the same task definition',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const byName = containersByName(subject);
    for (const { container, item: entry } of containerItems(subject, 'volumesFrom')) {
      const source = literalString(entry.value.sourceContainer);
      if (source === undefined) continue;
      const path = [...entry.path, 'sourceContainer'];
      if (source === container.name) {
        report({
          path,
          message: `Container "${source}" cannot mount volumes from itself; volumesFrom names another container of the task.`,
        });
      } else if (!byName.has(source) && containerNamesKnown(subject)) {
        const names = [...byName.keys()]
          .filter((n) => n !== container.name)
          .map((n) => `"${n}"`)
          .join(', ');
        report({
          path,
          message: `No container is named "${source}"${names ? `; the other containers are ${names}` : ''}. volumesFrom can only mount the volumes of a container of this task definition.`,
        });
      }
    }
  },
};
