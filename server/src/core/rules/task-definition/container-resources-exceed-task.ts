// The containers' cpu and memory must fit in the task size, and a soft limit must not exceed its hard limit.
import { isPlaceholder } from '../../json';
import type { Rule } from '../../rule';
import { parseCpu, parseMemory } from '../../taskdef/fargate-sizes';
import { wholeNumber } from '../../taskdef/containers';
import { containersOf, taskOf } from '../../taskdef/model';

const describe = (parts: { name: string; value: number }[]) => parts.map((p) => `${p.name} ${p.value}`).join(' + ');

export const containerResourcesExceedTask: Rule = {
  meta: {
    id: 'container-resources-exceed-task',
    title: 'Container cpu and memory must fit in the task size; memoryReservation must not exceed memory',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    const containers = containersOf(subject);
    const taskCpu = task && !isPlaceholder(task.cpu) ? parseCpu(task.cpu) : undefined;
    const taskMemory = task && !isPlaceholder(task.memory) ? parseMemory(task.memory) : undefined;

    const cpuParts: { name: string; value: number }[] = [];
    const memoryParts: { name: string; value: number }[] = [];
    for (const container of containers) {
      const name = container.name ?? `containerDefinitions[${container.path[container.path.length - 1]}]`;
      const cpu = wholeNumber(container.value.cpu);
      const memory = wholeNumber(container.value.memory);
      const reservation = wholeNumber(container.value.memoryReservation);
      if (cpu !== undefined && cpu > 0) cpuParts.push({ name, value: cpu });
      if (reservation !== undefined && memory !== undefined && reservation > memory) {
        report({
          path: [...container.path, 'memoryReservation'],
          message: `Container "${name}" reserves ${reservation} MiB (memoryReservation), more than its hard limit of ${memory} MiB (memory): the soft limit must not exceed the hard limit.`,
        });
      }
      if (taskMemory !== undefined && memory !== undefined && memory > taskMemory) {
        report({
          path: [...container.path, 'memory'],
          message: `Container "${name}" has memory ${memory} MiB, more than the task's memory of ${taskMemory} MiB; ECS rejects a container memory greater than the task's.`,
        });
      }
      const counted = reservation ?? memory;
      if (counted !== undefined && counted > 0) memoryParts.push({ name, value: counted });
    }

    const cpuSum = cpuParts.reduce((sum, p) => sum + p.value, 0);
    if (taskCpu !== undefined && cpuSum > taskCpu) {
      report({
        path: ['cpu'],
        message: `The containers reserve ${cpuSum} CPU units (${describe(cpuParts)}), more than the task's cpu of ${taskCpu}. The sum of the containers' cpu must not exceed the task cpu.`,
      });
    }
    const memorySum = memoryParts.reduce((sum, p) => sum + p.value, 0);
    if (taskMemory !== undefined && memorySum > taskMemory) {
      report({
        path: ['memory'],
        message: `The containers reserve ${memorySum} MiB (${describe(memoryParts)}; memoryReservation where set, else memory), more than the task's memory of ${taskMemory} MiB. The sum must not exceed the task memory.`,
      });
    }
  },
};
