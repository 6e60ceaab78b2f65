// Service Connect finds the port to serve by name: each serviceConnectConfiguration.services[].portName must be
// the name of a portMappings entry of the task definition ("The portName must match the name of one of the
// portMappings from all the containers in the task definition of this Amazon ECS service"). A port mapping has no
// name unless the task definition gives it one.
import { type JsonPath, isPlaceholder } from '../../json';
import { inFile, set } from '../../model';
import type { Fix, Rule } from '../../rule';
import { containerPortsOf } from '../../ecs-service/ports';
import { containerNamesKnown } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';
import { basenameOf } from '../../uris';
import { linkedOf, taskLabel } from './_linked';

interface PortNameData {
  /** Absolute path of portName. */
  path: JsonPath;
  names: string[];
  /** The task definition's only port mapping, which has no name: the fix can give it this one. */
  nameMapping?: { uri?: string; path: JsonPath; name: string; port?: number; container?: string };
}

export const serviceConnectPortName: Rule<PortNameData> = {
  meta: {
    id: 'service-connect-port-name',
    title: 'A Service Connect portName must name a portMappings entry of the task definition',
    defaultSeverity: 'error',
    appliesTo: ['service'],
    fixable: true,
  },
  check({ subject, model, document, report }) {
    const linked = linkedOf(subject, model, document);
    if (!linked?.link || linked.view.serviceConnectEnabled?.value === false) return;
    const { view, link } = linked;
    const containers = containersOf(link.subject);
    const ports = containers.map((c) => ({ container: c, ports: containerPortsOf(c.value) }));
    if (!containerNamesKnown(link.subject) || ports.some((p) => !p.ports.known)) return;
    const names = ports.flatMap((p) => p.ports.names.map((n) => n.name));
    const label = taskLabel(link, document);
    for (const service of view.serviceConnectServices) {
      const portName = service.portName?.value;
      if (!service.portName || typeof portName !== 'string' || isPlaceholder(portName) || names.includes(portName)) continue;
      const mappings = ports.filter((p) => p.ports.mappings > 0);
      const only =
        mappings.length === 1 && mappings[0].ports.mappings === 1 && mappings[0].ports.names.length === 0 ? mappings[0] : undefined;
      report({
        path: service.portName.path,
        message: names.length
          ? `Service Connect port "${portName}" is not a port mapping name of ${label}: its names are ${names.join(', ')}. ECS rejects the service.`
          : `Service Connect port "${portName}" names a port mapping, but ${label} names none of its port mappings ("name" in portMappings). ECS rejects the service.`,
        data: {
          path: [...subject.path, ...service.portName.path],
          names,
          nameMapping: only && {
            uri: link.uri,
            path: [...link.subject.path, ...only.container.path, 'portMappings', 0, 'name'],
            name: portName,
            port: only.ports.ports[0],
            container: only.container.name,
          },
        },
        related: link.uri
          ? [{ file: link.uri, path: [...link.subject.path, 'containerDefinitions'], message: `containers of ${label}` }]
          : undefined,
      });
    }
  },
  fix({ data, document }) {
    if (!data) return [];
    const fixes: Fix[] = data.names.slice(0, 8).map((name, i) => ({
      title: `Use port name ${name}`,
      isPreferred: i === 0 && data.names.length === 1,
      edits: [set(data.path, name)],
    }));
    const mapping = data.nameMapping;
    if (mapping) {
      const here = !mapping.uri || mapping.uri === document.uri;
      const edit = set(mapping.path, mapping.name);
      if (here || document.workspace?.file(mapping.uri!)) {
        const port = mapping.port !== undefined ? `port ${mapping.port}` : 'the port mapping';
        fixes.push({
          title:
            `Name ${port} of container ${mapping.container ?? ''} "${mapping.name}"${here ? '' : ` (${basenameOf(mapping.uri!)})`}`.replace(
              '  ',
              ' ',
            ),
          isPreferred: fixes.length === 0,
          edits: here ? [edit] : inFile(mapping.uri!, [edit]),
        });
      }
    }
    return fixes;
  },
};
