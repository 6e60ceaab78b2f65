// With awsvpc (and host) networking the container's port is the port of the task's own interface (or of the
// instance): a hostPort can only repeat containerPort.
import { remove, set } from '../../model';
import { type JsonPath, isObject } from '../../json';
import type { Fix, Rule } from '../../rule';
import { containersOf, effectiveNetworkMode, requiresFargate, taskOf } from '../../taskdef/model';

interface HostPortFixData {
  /** Relative to the subject: the port mapping object. */
  mapping: JsonPath;
  containerPort: number;
  hostPort: number;
}

export const awsvpcHostPort: Rule<HostPortFixData> = {
  meta: {
    id: 'awsvpc-host-port',
    title: 'With awsvpc (or host) networking, hostPort must be left out or equal containerPort',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task) return;
    const mode = effectiveNetworkMode(task);
    const fargate = requiresFargate(task);
    if (mode !== 'awsvpc' && mode !== 'host' && !fargate) return;
    const label =
      mode === 'host' && !fargate
        ? 'networkMode "host"'
        : fargate && mode !== 'awsvpc'
          ? 'Fargate (which uses awsvpc)'
          : 'networkMode "awsvpc"';
    const why =
      mode === 'host' && !fargate
        ? "the container listens on the instance's own ports, so there is nothing to map"
        : "every task has its own network interface, so the container port is the task's port";
    containersOf(subject).forEach((container, containerIndex) => {
      const mappings = container.value.portMappings;
      if (!Array.isArray(mappings)) return;
      mappings.forEach((mapping, index) => {
        if (!isObject(mapping)) return;
        const { hostPort, containerPort } = mapping;
        if (typeof hostPort !== 'number' || typeof containerPort !== 'number' || hostPort === containerPort) return;
        const zero = hostPort === 0 ? ' (0 asks for a dynamic host port, which only the bridge mode has)' : '';
        report({
          path: [...container.path, 'portMappings', index, 'hostPort'],
          message: `With ${label}, hostPort must be left out or equal containerPort ${containerPort}, not ${hostPort}${zero} (container "${container.name ?? `#${containerIndex + 1}`}"): ${why}.`,
          data: { mapping: [...container.path, 'portMappings', index], containerPort, hostPort },
        });
      });
    });
  },
  fix({ subjectPath, data: d }) {
    if (!d || !Array.isArray(d.mapping) || typeof d.containerPort !== 'number') return [];
    const hostPort = [...subjectPath, ...d.mapping, 'hostPort'];
    // Both fixes are safe: ECS takes only these two spellings here, and they mean the same.
    const setPort: Fix = {
      title: `Set hostPort to ${d.containerPort} (the containerPort)`,
      safe: true,
      edits: [set(hostPort, d.containerPort)],
    };
    const removePort: Fix = { title: 'Remove hostPort', safe: true, edits: [remove(hostPort)] };
    const ordered = d.hostPort === 0 ? [removePort, setPort] : [setPort, removePort];
    ordered[0].isPreferred = true;
    return ordered.filter((f) => f.edits.length > 0);
  },
};
