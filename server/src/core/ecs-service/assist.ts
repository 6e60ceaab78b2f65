// Hover and completion in services and AppSpecs: on taskDefinition, which task definition it was linked to
// (file, size, platform, containers) and how it was found; on a load balancer's containerName and containerPort,
// and on a Service Connect portName, the task definition's containers, ports and port names, which completion
// offers too; and the values of the fields that take one of a list (launchType, platformVersion, ...).
import { ASSIGN_PUBLIC_IP, DEPLOYMENT_CONTROLLERS, FARGATE_CAPACITY_PROVIDERS, LAUNCH_TYPES } from './facts';
import { type JsonPath, isObject } from '../json';
import type { Subject } from '../model';
import { type CompletionEntry, type CompletionProvider, type HoverProvider, type PositionContext, valueEntry } from '../position';
import { formatGb, formatVcpu, parseCpu, parseMemory } from '../taskdef/fargate-sizes';
import { type ContainerRef, containersOf, effectiveNetworkMode, isWindows, taskOf } from '../taskdef/model';
import { basenameOf } from '../uris';
import type { DocumentContext } from '../workspace';
import { type LinkResult, type TaskDefinitionLink, linkedTaskDefinition } from './link';
import { PLATFORM_VERSIONS } from './platform';
import { containerPortsOf } from './ports';

/** What the cursor is on, in a service's or AppSpec's own terms (AppSpec paths lose their Properties prefix). */
type Place =
  | { field: 'taskDefinition' }
  | { field: 'containerName' | 'containerPort'; lb: JsonPath }
  | { field: 'portName' }
  | { field: 'platformVersion' | 'launchType' | 'assignPublicIp' | 'capacityProvider' | 'deploymentControllerType' };

function placeOf(context: PositionContext): Place | undefined {
  const { subject } = context;
  if (subject.kind !== 'service' && subject.kind !== 'appspec') return undefined;
  let path = context.relativePath.map((s) => (typeof s === 'string' ? s.toLowerCase() : s));
  if (subject.kind === 'appspec') {
    if (path[0] !== 'properties') return undefined;
    path = path.slice(1);
  }
  const is = (...shape: (string | number)[]) =>
    path.length === shape.length && shape.every((s, i) => (s === -1 ? typeof path[i] === 'number' : path[i] === s));
  const relative = context.relativePath;
  if (is('taskdefinition')) return { field: 'taskDefinition' };
  if (is('loadbalancers', -1, 'containername') || is('loadbalancerinfo', 'containername'))
    return { field: 'containerName', lb: relative.slice(0, -1) };
  if (is('loadbalancers', -1, 'containerport') || is('loadbalancerinfo', 'containerport'))
    return { field: 'containerPort', lb: relative.slice(0, -1) };
  if (is('serviceconnectconfiguration', 'services', -1, 'portname')) return { field: 'portName' };
  if (is('platformversion')) return { field: 'platformVersion' };
  if (is('launchtype')) return { field: 'launchType' };
  if (is('networkconfiguration', 'awsvpcconfiguration', 'assignpublicip')) return { field: 'assignPublicIp' };
  if (is('capacityproviderstrategy', -1, 'capacityprovider')) return { field: 'capacityProvider' };
  if (is('deploymentcontroller', 'type')) return { field: 'deploymentControllerType' };
  return undefined;
}

function linkOf(context: PositionContext): LinkResult {
  return linkedTaskDefinition(context.subject, context.model, context.document);
}

function fileOf(link: TaskDefinitionLink, document: DocumentContext): string {
  return link.uri && link.uri !== document.uri ? `\`${basenameOf(link.uri)}\`` : 'this document';
}

function portsText(container: ContainerRef): string {
  const ports = containerPortsOf(container.value);
  const list = [
    ...ports.ports.map((port) => {
      const named = ports.names.find((n) => n.port === port);
      return named ? `${port} (\`${named.name}\`)` : String(port);
    }),
    ...ports.ranges.map(([a, b]) => `${a}-${b}`),
  ];
  return list.length ? list.join(', ') : 'no port mappings';
}

/** The hover's summary of a linked task definition. */
function taskSummary(link: TaskDefinitionLink, document: DocumentContext): string[] {
  const task = taskOf(link.subject) ?? {};
  const cpu = parseCpu(task.cpu);
  const memory = parseMemory(task.memory);
  const size =
    cpu !== undefined && memory !== undefined
      ? `${formatVcpu(cpu)}, ${formatGb(memory)} (cpu ${cpu}, memory ${memory})`
      : 'not set at task level';
  const platform = isObject(task.runtimePlatform) ? task.runtimePlatform : {};
  const os = typeof platform.operatingSystemFamily === 'string' ? platform.operatingSystemFamily : isWindows(task) ? 'WINDOWS' : 'LINUX';
  const arch = typeof platform.cpuArchitecture === 'string' ? platform.cpuArchitecture : 'X86_64';
  const compatibilities = Array.isArray(task.requiresCompatibilities) ? task.requiresCompatibilities.join(', ') : 'not set';
  const lines = [
    `| size | platform | network mode | compatibilities |`,
    `|---|---|---|---|`,
    `| ${size} | ${os} / ${arch} | ${effectiveNetworkMode(task) ?? '?'} | ${compatibilities} |`,
    '',
    'Containers:',
    ...containersOf(link.subject).map((c) => `- \`${c.name ?? '?'}\`: ${portsText(c)}`),
  ];
  const family = typeof task.family === 'string' ? ` (family \`${task.family}\`)` : '';
  return [`Linked to the task definition in ${fileOf(link, document)}${family}, found by ${link.how}.`, '', ...lines];
}

export const serviceHover: HoverProvider = {
  hover(context) {
    const place = placeOf(context);
    if (!place) return undefined;
    const result = linkOf(context);
    const link = result.link;
    if (place.field === 'taskDefinition') {
      const lines = ['**Task definition**', ''];
      if (!link) {
        lines.push(
          `No task definition was found for it: ${result.why ?? 'none is in the workspace'}. The checks against the task definition (load balancer container and port, network mode, platform version, ECS Exec) are skipped.`,
        );
        return lines.join('\n');
      }
      return [...lines, ...taskSummary(link, context.document)].join('\n');
    }
    if (!link) return undefined;
    if (place.field === 'containerName' || place.field === 'containerPort') {
      const name = valueNear(context.subject, place.lb, 'containerName');
      const containers = containersOf(link.subject);
      const container = containers.find((c) => c.name === name);
      const where = `in the task definition in ${fileOf(link, context.document)}`;
      if (place.field === 'containerPort' && container) {
        return [
          `**Ports of container \`${container.name}\`** ${where}`,
          '',
          portsText(container),
          '',
          'The load balancer must use one of these container ports.',
        ].join('\n');
      }
      return [`**Containers** ${where}`, '', ...containers.map((c) => `- \`${c.name ?? '?'}\`: ${portsText(c)}`)].join('\n');
    }
    if (place.field === 'portName') {
      const names = containersOf(link.subject).flatMap((c) =>
        containerPortsOf(c.value).names.map((n) => `- \`${n.name}\`: port ${n.port ?? '?'} of container \`${c.name ?? '?'}\``),
      );
      return [
        `**Port names** in the task definition in ${fileOf(link, context.document)}`,
        '',
        ...(names.length ? names : ['None: give a port mapping a `name` for Service Connect to use.']),
      ].join('\n');
    }
    return undefined;
  },
};

/** The value of a sibling key of the load balancer object at `lb` (either case, for AppSpecs). */
function valueNear(subject: Subject, lb: JsonPath, key: string): unknown {
  let value: unknown = subject.value;
  for (const segment of lb)
    value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
  if (!isObject(value)) return undefined;
  const found = Object.keys(value).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : value[found];
}

function numberEntry(port: number, description: string, order: number): CompletionEntry {
  return {
    label: String(port),
    description,
    insertText: String(port),
    value: port,
    kind: 'value',
    sortText: String(order).padStart(3, '0'),
  };
}

function valuesOf(list: readonly string[], descriptions: Record<string, string> = {}): CompletionEntry[] {
  return list.map((value, i) => valueEntry(value, descriptions[value], i));
}

export const serviceCompletion: CompletionProvider = {
  complete(context) {
    if (context.onKey) return undefined;
    const place = placeOf(context);
    if (!place) return undefined;
    switch (place.field) {
      case 'launchType':
        return valuesOf(LAUNCH_TYPES, { FARGATE: 'Fargate on-demand' });
      case 'assignPublicIp':
        return valuesOf(ASSIGN_PUBLIC_IP);
      case 'deploymentControllerType':
        return valuesOf(DEPLOYMENT_CONTROLLERS, {
          ECS: 'rolling update',
          CODE_DEPLOY: 'blue/green with CodeDeploy',
          EXTERNAL: 'a third-party controller',
        });
      default:
        break;
    }
    const link = linkOf(context).link;
    const task = link ? taskOf(link.subject) : undefined;
    if (place.field === 'capacityProvider') {
      return valuesOf(task && isWindows(task) ? ['FARGATE'] : FARGATE_CAPACITY_PROVIDERS, { FARGATE_SPOT: 'interruptible, cheaper' });
    }
    if (place.field === 'platformVersion') {
      const os = task && isWindows(task) ? 'windows' : 'linux';
      const versions = PLATFORM_VERSIONS[os].versions.filter((v) => !('retired' in v)).map((v) => v.version);
      return valuesOf(['LATEST', ...versions], { LATEST: `${PLATFORM_VERSIONS[os].latest} today` });
    }
    if (!link) return undefined;
    const containers = containersOf(link.subject);
    if (place.field === 'containerName') {
      const ordered = [...containers].sort(
        (a, b) => Number(containerPortsOf(b.value).ports.length > 0) - Number(containerPortsOf(a.value).ports.length > 0),
      );
      return ordered.filter((c) => c.name !== undefined).map((c, i) => valueEntry(c.name!, portsText(c), i));
    }
    if (place.field === 'containerPort') {
      const name = valueNear(context.subject, place.lb, 'containerName');
      const chosen = containers.filter((c) => c.name === name);
      const entries: CompletionEntry[] = [];
      for (const container of chosen.length ? chosen : containers) {
        for (const port of containerPortsOf(container.value).ports) {
          if (!entries.some((e) => e.value === port)) entries.push(numberEntry(port, `container ${container.name ?? '?'}`, entries.length));
        }
      }
      return entries;
    }
    if (place.field === 'portName') {
      const names = containers.flatMap((c) =>
        containerPortsOf(c.value).names.map((n) => ({ name: n.name, text: `port ${n.port ?? '?'} of ${c.name ?? '?'}` })),
      );
      return names.map((n, i) => valueEntry(n.name, n.text, i));
    }
    return undefined;
  },
};
