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
    // Strongly connected components first: an edge is on a cycle exactly when both ends share one. Each
    // cycle found is then spelled out by a search inside its component, for at most MAX_SEARCHES edges, so
    // 10,000 chained containers cost linear time, not one search per edge.
    const component = componentsOf(edges);
    const sizes = new Map<number, number>();
    for (const c of component.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    let searches = 0;
    for (const container of containers) {
      const from = container.name;
      if (from === undefined) continue;
      for (const dependency of objectItems(container.value, container.path, 'dependsOn')) {
        const to = literalString(dependency.value.containerName);
        if (to === undefined || !edges.has(to) || component.get(to) !== component.get(from)) continue;
        const path = [...dependency.path, 'containerName'];
        if (to === from) {
          report({ path, message: `Container "${from}" depends on itself, so it can never start.` });
          continue;
        }
        const back = searches++ < MAX_SEARCHES ? pathBetween(edges, to, from, component) : undefined;
        const size = sizes.get(component.get(from)!)!;
        report({
          path,
          message: back
            ? `Circular dependency ${spell([from, ...back])}: each container waits for the next, so none of them starts.`
            : `Circular dependency: "${from}" waits for "${to}", and "${to}" waits (through ${size - 2} others) for "${from}", so none of them starts.`,
        });
      }
    }
  },
};

const MAX_SEARCHES = 100;
const MAX_NAMES = 12;

/** "a" → "b" → "a"; a long cycle shows its first names and how many there are. */
function spell(cycle: string[]): string {
  const names = cycle.length <= MAX_NAMES ? cycle : [...cycle.slice(0, MAX_NAMES - 2), '…', cycle[cycle.length - 1]];
  const text = names.map((n) => (n === '…' ? n : `"${n}"`)).join(' → ');
  return cycle.length <= MAX_NAMES ? text : `${text} (${cycle.length - 1} containers)`;
}

/** The strongly connected component of each name (Tarjan's algorithm, with an explicit stack). */
function componentsOf(edges: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  const known = new Map([...edges].map(([node, targets]) => [node, targets.filter((t) => edges.has(t))]));
  for (const root of known.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const targets = known.get(frame.node)!;
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        for (;;) {
          const member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
          if (member === frame.node) break;
        }
        components++;
      }
    }
  }
  return component;
}

/** The names on a dependency path from `start` to `goal` (both included) inside one component, breadth first. */
function pathBetween(edges: Map<string, string[]>, start: string, goal: string, component: Map<string, number>): string[] | undefined {
  const previous = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === goal) {
      const path: string[] = [];
      for (let at: string | undefined = node; at !== undefined; at = previous.get(at)) path.push(at);
      return path.reverse();
    }
    for (const next of edges.get(node) ?? []) {
      if (!previous.has(next) && component.get(next) === component.get(start)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}
