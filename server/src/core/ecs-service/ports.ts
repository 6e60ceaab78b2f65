// The ports a container of a task definition maps (portMappings[].containerPort, containerPortRange) and the
// names it gives them (portMappings[].name), as a load balancer, Service Connect or a hover reads them. Pure.
import { type JsonPath, isObject, isPlaceholder } from '../json';
import { portNumber } from './model';

interface NamedPort {
  name: string;
  port?: number;
  /** Relative to the container. */
  path: JsonPath;
}

export interface ContainerPorts {
  ports: number[];
  ranges: [number, number][];
  names: NamedPort[];
  /** Every mapping is written out (no unknown value where a port or a name goes), so a missing port is really missing. */
  known: boolean;
  /** How many port mappings there are (objects). */
  mappings: number;
}

export function containerPortsOf(container: Record<string, unknown>): ContainerPorts {
  const result: ContainerPorts = { ports: [], ranges: [], names: [], known: true, mappings: 0 };
  const list = container.portMappings;
  if (list === undefined || list === null) return result;
  if (!Array.isArray(list)) {
    result.known = false;
    return result;
  }
  list.forEach((mapping, i) => {
    if (!isObject(mapping)) {
      result.known = false;
      return;
    }
    result.mappings++;
    const port = portNumber(mapping.containerPort);
    if (port !== undefined) {
      if (!result.ports.includes(port)) result.ports.push(port);
    } else if (mapping.containerPort !== undefined && mapping.containerPort !== null) {
      result.known = false;
    }
    const range = typeof mapping.containerPortRange === 'string' ? /^(\d+)-(\d+)$/.exec(mapping.containerPortRange) : null;
    if (range) result.ranges.push([Number(range[1]), Number(range[2])]);
    else if (mapping.containerPortRange !== undefined && mapping.containerPortRange !== null) result.known = false;
    if (typeof mapping.name === 'string' && mapping.name !== '') {
      if (isPlaceholder(mapping.name)) result.known = false;
      else result.names.push({ name: mapping.name, port, path: ['portMappings', i, 'name'] });
    } else if (mapping.name !== undefined && mapping.name !== null && mapping.name !== '') {
      result.known = false;
    }
  });
  return result;
}
