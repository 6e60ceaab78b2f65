// A host port (with its protocol) can be mapped once per task. In awsvpc and host mode the containers
// share one network namespace and the host port is the container port, so two containers cannot expose
// the same port; in bridge mode only fixed host ports can clash (0 or none means a dynamic port).
import type { JsonPath } from '../../json';
import type { Rule } from '../../rule';
import { objectItems, wholeNumber } from '../../taskdef/containers';
import { containersOf, effectiveNetworkMode, taskOf } from '../../taskdef/model';

interface Mapping {
  container: string;
  path: JsonPath;
}

export const duplicatePortMapping: Rule = {
  meta: {
    id: 'duplicate-port-mapping',
    title: 'A host port and protocol can be mapped only once per task (in awsvpc and host mode: a container port)',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    // A bare container list does not say its network mode: only fixed host ports are compared then.
    const mode = task ? effectiveNetworkMode(task) : undefined;
    if (mode === 'none') return;
    const shared = mode === 'awsvpc' || mode === 'host';
    const seen = new Map<string, Mapping>();
    for (const container of containersOf(subject)) {
      const name = container.name ?? `containerDefinitions[${container.path[container.path.length - 1]}]`;
      for (const mapping of objectItems(container.value, container.path, 'portMappings')) {
        const containerPort = wholeNumber(mapping.value.containerPort);
        const hostPort = wholeNumber(mapping.value.hostPort);
        const port = shared ? (hostPort ?? containerPort) : hostPort;
        if (port === undefined || port === 0) continue;
        const protocol = typeof mapping.value.protocol === 'string' ? mapping.value.protocol.toLowerCase() : 'tcp';
        const key = `${protocol}/${port}`;
        const field = shared && hostPort === undefined ? 'containerPort' : 'hostPort';
        const here = { container: name, path: [...mapping.path, field] };
        const first = seen.get(key);
        if (!first) {
          seen.set(key, here);
          continue;
        }
        const where = first.container === name ? 'earlier in this container' : `by container "${first.container}"`;
        const why = shared
          ? `in ${mode} mode the containers of a task share one network interface, so a port can be exposed once`
          : 'a fixed host port can be bound once';
        report({
          path: here.path,
          message: `${protocol.toUpperCase()} port ${port} is already mapped ${where}: ${why}, and ECS rejects the task definition ("host port is mapped multiple times").`,
          related: [{ path: [...subject.path, ...first.path], message: `${protocol.toUpperCase()} port ${port} first mapped here` }],
        });
      }
    }
  },
};
