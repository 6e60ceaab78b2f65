// Containers that wait for each other in a circle never start.
import type { Rule } from '../../rule';
import { literalString, objectItems } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';

export const dependsOnCycle: Rule = {
  meta: {
    id: 'depends-on-cycle',
    title: 'Container dependencies must not form a cycle',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const containers = containersOf(subject);
    const edges = new Map<string, string[]>();
    for (const container of containers) {
      if (container.name === undefined || edges.has(container.name)) continue;
      const targets = objectItems(container.value, container.path, 'dependsOn')
        .map((d) => literalString(d.value.containerName))
        .filter((t): t is string => t !== undefined);
      edges.set(container.name, targets);
    }
    for (const container of containers) {
      const from = container.name;
      if (from === undefined) continue;
      for (const dependency of objectItems(container.value, container.path, 'dependsOn')) {
        const to = literalString(dependency.value.containerName);
        if (to === undefined || !edges.has(to)) continue;
        const back = pathBetween(edges, to, from);
        if (!back) continue;
        const cycle = [from, ...back].map((n) => `"${n}"`).join(' → ');
        report({
          path: [...dependency.path, 'containerName'],
          message:
            to === from
              ? `Container "${from}" depends on itself, so it can never start.`
              : `Circular dependency ${cycle}: each container waits for the next, so none of them starts.`,
        });
      }
    }
  },
};

/** The names on a dependency path from `start` to `goal` (both included), breadth first; undefined if none. */
function pathBetween(edges: Map<string, string[]>, start: string, goal: string): string[] | undefined {
  const previous = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === goal) {
      const path: string[] = [];
      for (let at: string | undefined = node; at !== undefined; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of edges.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}
