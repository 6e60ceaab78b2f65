// On Fargate, a container's startTimeout and stopTimeout are 2 to 120 seconds.
import type { Rule } from '../../rule';
import { LIMITS } from '../../taskdef/limits';
import { containersOf, requiresFargate, taskOf } from '../../taskdef/model';

export const containerTimeoutRange: Rule = {
  meta: {
    id: 'container-timeout-range',
    title: 'On Fargate, startTimeout and stopTimeout are 2-120 seconds',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
  },
  check({ subject, report }) {
    if (!requiresFargate(taskOf(subject))) return;
    const { min, max } = LIMITS.fargateContainerTimeout;
    for (const container of containersOf(subject)) {
      for (const field of ['startTimeout', 'stopTimeout']) {
        const value = container.value[field];
        if (typeof value !== 'number' || (value >= min && value <= max)) continue;
        const meaning =
          field === 'startTimeout'
            ? 'how long dependents wait for this container'
            : 'how long ECS waits after SIGTERM before killing the container';
        report({
          path: [...container.path, field],
          message: `${field} (${meaning}) is ${value} seconds; on Fargate it must be ${min} to ${max} seconds${field === 'stopTimeout' ? ' (default 30)' : ''}.`,
        });
      }
    }
  },
};
