// A load balancer sends traffic to one container and port of the task: `loadBalancers[].containerName` (an
// AppSpec's LoadBalancerInfo.ContainerName) must be a container of the task definition, and `containerPort` one
// of that container's portMappings. Otherwise create-service fails ("The container web does not have a container
// port 8080 in the task definition"), and a CodeDeploy blue/green deployment fails once traffic starts to shift.
import { type JsonPath, isPlaceholder } from '../../json';
import { append, inFile, set } from '../../model';
import type { Fix, Rule } from '../../rule';
import { portNumber } from '../../ecs-service/model';
import { containerPortsOf } from '../../ecs-service/ports';
import { containerNamesKnown, containersByName } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';
import { basenameOf } from '../../uris';
import { linkedOf, taskLabel } from './_linked';

interface ContainerData {
  /** Absolute path of the value to replace. */
  path: JsonPath;
  kind: 'name' | 'port';
  /** The values the fix offers, in order. */
  choices: (string | number)[];
  /** The port is written as a string ("80", as AppSpecs do): the fix writes one too. */
  asString?: boolean;
  /** Add the port to the container instead: the task-definition file and the container's portMappings path. */
  addPort?: { uri?: string; path: JsonPath; port: number; container: string };
}

export const serviceLoadBalancerContainer: Rule<ContainerData> = {
  meta: {
    id: 'service-load-balancer-container',
    title: "A load balancer's containerName and containerPort must be a container and port of the task definition",
    defaultSeverity: 'error',
    appliesTo: ['service', 'appspec'],
    fixable: true,
  },
  check({ subject, model, document, report }) {
    const linked = linkedOf(subject, model, document);
    if (!linked?.link) return;
    const { view, link } = linked;
    const label = taskLabel(link, document);
    const byName = containersByName(link.subject);
    const outcome = view.form === 'appspec' ? 'the deployment fails when CodeDeploy shifts traffic to it' : 'ECS rejects the service';
    for (const lb of view.loadBalancers) {
      const name = lb.containerName?.value;
      if (typeof name !== 'string' || isPlaceholder(name) || !lb.containerName) continue;
      const container = byName.get(name);
      if (!container) {
        if (!containerNamesKnown(link.subject)) continue;
        const names = containersOf(link.subject)
          .filter((c) => c.name !== undefined)
          .sort((a, b) => Number(containerPortsOf(b.value).ports.length > 0) - Number(containerPortsOf(a.value).ports.length > 0))
          .map((c) => c.name!);
        report({
          path: lb.containerName.path,
          message: `Container "${name}" is not in ${label}: its containers are ${names.join(', ') || 'none'}. The load balancer must name one of them, or ${outcome}.`,
          data: { path: [...subject.path, ...lb.containerName.path], kind: 'name', choices: names },
          related: link.uri
            ? [{ file: link.uri, path: [...link.subject.path, 'containerDefinitions'], message: `containers of ${label}` }]
            : undefined,
        });
        continue;
      }
      const portField = lb.containerPort;
      const port = portNumber(portField?.value);
      if (!portField || port === undefined) continue;
      const ports = containerPortsOf(container.value);
      if (!ports.known || ports.ports.includes(port) || ports.ranges.some(([from, to]) => port >= from && port <= to)) continue;
      const mappingsPath: JsonPath = [...link.subject.path, ...container.path, 'portMappings'];
      report({
        path: portField.path,
        message:
          ports.ports.length || ports.ranges.length
            ? `Container "${name}" of ${label} has no container port ${port}: its ports are ${describePorts(ports.ports, ports.ranges)}. The load balancer must use one of them, or ${outcome}.`
            : `Container "${name}" of ${label} maps no port at all, so the load balancer cannot send it traffic on port ${port}; ${outcome}.`,
        data: {
          path: [...subject.path, ...portField.path],
          kind: 'port',
          choices: ports.ports,
          asString: typeof portField.value === 'string',
          addPort: { uri: link.uri, path: mappingsPath, port, container: name },
        },
        related: link.uri ? [{ file: link.uri, path: mappingsPath, message: `port mappings of container ${name}` }] : undefined,
      });
    }
  },
  fix({ data, document }) {
    if (!data) return [];
    const fixes: Fix[] = data.choices.slice(0, 8).map((choice, i) => ({
      title: data.kind === 'name' ? `Use container ${choice}` : `Use port ${choice}`,
      isPreferred: i === 0 && data.choices.length === 1,
      edits: [set(data.path, data.kind === 'port' && data.asString ? String(choice) : choice)],
    }));
    const add = data.addPort;
    if (add) {
      const here = !add.uri || add.uri === document.uri;
      const edit = append(add.path, { containerPort: add.port });
      if (here || document.workspace?.file(add.uri!)) {
        fixes.push({
          title: `Add container port ${add.port} to container ${add.container}${here ? '' : ` (${basenameOf(add.uri!)})`}`,
          edits: here ? [edit] : inFile(add.uri!, [edit]),
        });
      }
    }
    return fixes;
  },
};

function describePorts(ports: number[], ranges: [number, number][]): string {
  return [...ports.map(String), ...ranges.map(([a, b]) => `${a}-${b}`)].join(', ');
}
