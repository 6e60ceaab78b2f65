// A task definition holds at most 10 containers (a service quota that cannot be raised).
import type { Rule } from '../../rule';
import { LIMITS } from '../../taskdef/limits';
import { containersOf } from '../../taskdef/model';

export const tooManyContainers: Rule = {
  meta: {
    id: 'too-many-containers',
    title: 'A task definition has at most 10 containers',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const max = LIMITS.maxContainers;
    const containers = containersOf(subject);
    if (containers.length <= max) return;
    report({
      path: containers[max].path,
      message: `This is container ${max + 1} of ${containers.length}; a task definition holds at most ${max} containers (a quota AWS does not raise). Split the containers across task definitions.`,
    });
  },
};
