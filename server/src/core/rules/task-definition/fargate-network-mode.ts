// Fargate tasks run in awsvpc mode: each task gets its own elastic network interface.
import { hasKey, isPlaceholder } from '../../json';
import { set } from '../../model';
import type { Rule } from '../../rule';
import { requiresFargate, taskOf } from '../../taskdef/model';

export const fargateNetworkMode: Rule = {
  meta: {
    id: 'fargate-network-mode',
    title: 'Fargate requires networkMode "awsvpc"',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task || !requiresFargate(task)) return;
    const mode = task.networkMode;
    if (mode === 'awsvpc' || isPlaceholder(mode)) return;
    if (!hasKey(task, 'networkMode') || mode === null) {
      report({
        path: ['requiresCompatibilities'],
        target: 'key',
        message: 'Fargate requires networkMode "awsvpc", and this task definition sets none (ECS then uses "bridge").',
      });
      return;
    }
    report({
      path: ['networkMode'],
      message: `Fargate requires networkMode "awsvpc", not ${JSON.stringify(mode)}.`,
    });
  },
  fix({ subjectPath }) {
    return [
      {
        title: 'Set networkMode to "awsvpc"',
        isPreferred: true,
        safe: true,
        edits: [set([...subjectPath, 'networkMode'], 'awsvpc')],
      },
    ];
  },
};
