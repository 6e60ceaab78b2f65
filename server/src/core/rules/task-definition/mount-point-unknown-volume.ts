// mountPoints mount the task's volumes, which are declared by name in the task-level `volumes`.
import type { Rule } from '../../rule';
import { containerItems, literalString, namesAreKnown, objectItems } from '../../taskdef/containers';
import { taskOf } from '../../taskdef/model';

function volumeNames(task: Record<string, unknown>): string[] {
  return objectItems(task, [], 'volumes')
    .map((v) => v.value.name)
    .filter((n): n is string => typeof n === 'string');
}

export const mountPointUnknownVolume: Rule = {
  meta: {
    id: 'mount-point-unknown-volume',
    title: 'mountPoints[].sourceVolume must name a volume of the task definition',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    // A volume the template leaves unknown may be the one named.
    if (!task || !namesAreKnown(task, 'volumes')) return;
    const names = volumeNames(task);
    for (const { item: mount } of containerItems(subject, 'mountPoints')) {
      const volume = literalString(mount.value.sourceVolume);
      if (volume === undefined || names.includes(volume)) continue;
      report({
        path: [...mount.path, 'sourceVolume'],
        message: names.length
          ? `No volume is named "${volume}"; the task's volumes are ${names.map((n) => `"${n}"`).join(', ')}.`
          : `No volume is named "${volume}": the task definition declares no volumes. Add {"name": "${volume}"} (with its configuration) to "volumes".`,
      });
    }
  },
};
