// Fargate platform versions (facts/fargate-platform-versions.json): which versions exist, and which features of
// a task definition or a service need a version newer than the one a service pins. Pure.
import facts from '../facts/fargate-platform-versions.json';
import { type JsonPath, isObject } from '../json';
import type { Subject } from '../model';
import { parseCpu } from '../taskdef/fargate-sizes';
import { containersOf, isWindows, taskOf } from '../taskdef/model';
import { parseValueFrom } from '../taskdef/secrets';
import type { ServiceView } from './model';

type FeatureId = keyof typeof facts.features;
export type PlatformOs = 'linux' | 'windows';

interface VersionInfo {
  version: string;
  retired?: string;
}

export const PLATFORM_VERSIONS = facts;

function versionsOf(os: PlatformOs): readonly VersionInfo[] {
  return facts[os].versions;
}

export function versionInfo(os: PlatformOs, version: string): VersionInfo | undefined {
  return versionsOf(os).find((v) => v.version === version);
}

/** Compares dotted versions numerically: negative when a is older. */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface FeatureUse {
  feature: FeatureId;
  title: string;
  /** The oldest platform version that has it, for this operating system. */
  needs: string;
  /** Where it is written: in the task definition (relative to it) or in the service (relative to it). */
  where: 'task' | 'service';
  path: JsonPath;
}

const nonEmpty = (value: unknown) =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0) && value !== false;

function use(feature: FeatureId, os: PlatformOs, where: 'task' | 'service', path: JsonPath, found: FeatureUse[]): void {
  const info = facts.features[feature] as { title: string; linux: string; windows?: string };
  const needs = os === 'windows' ? info.windows : info.linux;
  if (!needs || found.some((f) => f.feature === feature)) return;
  found.push({ feature, title: info.title, needs, where, path });
}

/** The features of a task definition that need a particular platform version, each once (its first place). */
export function taskFeatures(task: Subject): FeatureUse[] {
  const definition = taskOf(task);
  if (!definition) return [];
  const os: PlatformOs = isWindows(definition) ? 'windows' : 'linux';
  const found: FeatureUse[] = [];
  const cpu = parseCpu(definition.cpu);
  if (cpu !== undefined && cpu >= 8192) use('large-task-size', os, 'task', ['cpu'], found);
  if (Array.isArray(definition.volumes)) {
    definition.volumes.forEach((volume, i) => {
      if (isObject(volume) && isObject(volume.efsVolumeConfiguration))
        use('efs-volumes', os, 'task', ['volumes', i, 'efsVolumeConfiguration'], found);
    });
  }
  if (isObject(definition.ephemeralStorage)) use('ephemeral-storage', os, 'task', ['ephemeralStorage'], found);
  if (definition.pidMode === 'task') use('pid-mode-task', os, 'task', ['pidMode'], found);
  const platform = definition.runtimePlatform;
  if (isObject(platform) && platform.cpuArchitecture === 'ARM64') use('arm64', os, 'task', ['runtimePlatform', 'cpuArchitecture'], found);
  if (nonEmpty(definition.proxyConfiguration)) use('proxy-configuration', os, 'task', ['proxyConfiguration'], found);
  for (const container of containersOf(task)) {
    const c = container.value;
    const at = (key: string) => [...container.path, key];
    if (nonEmpty(c.environmentFiles)) use('environment-files', os, 'task', at('environmentFiles'), found);
    if (Array.isArray(c.secrets)) {
      c.secrets.forEach((secret, i) => {
        if (!isObject(secret) || typeof secret.valueFrom !== 'string') return;
        const reference = parseValueFrom(secret.valueFrom);
        if (reference.kind === 'secretsmanager' && (reference.jsonKey || reference.versionStage || reference.versionId)) {
          use('secret-json-key', os, 'task', [...at('secrets'), i, 'valueFrom'], found);
        }
      });
    }
    const linux = c.linuxParameters;
    if (isObject(linux) && isObject(linux.capabilities) && nonEmpty(linux.capabilities.add)) {
      use('sys-ptrace', os, 'task', [...at('linuxParameters'), 'capabilities', 'add'], found);
    }
    if (nonEmpty(c.systemControls)) use('system-controls', os, 'task', at('systemControls'), found);
    const log = isObject(c.logConfiguration) ? c.logConfiguration : undefined;
    if (nonEmpty(c.secrets)) use('secrets', os, 'task', at('secrets'), found);
    else if (log && nonEmpty(log.secretOptions)) use('secrets', os, 'task', [...at('logConfiguration'), 'secretOptions'], found);
    if (log && (log.logDriver === 'awsfirelens' || log.logDriver === 'splunk')) {
      use('firelens-splunk', os, 'task', [...at('logConfiguration'), 'logDriver'], found);
    }
    for (const key of ['dependsOn', 'startTimeout', 'stopTimeout']) {
      if (nonEmpty(c[key])) use('container-dependencies', os, 'task', at(key), found);
    }
    if (nonEmpty(c.repositoryCredentials)) use('private-registry', os, 'task', at('repositoryCredentials'), found);
    if (nonEmpty(c.healthCheck)) use('health-check', os, 'task', at('healthCheck'), found);
  }
  return found;
}

/** The features of a service (ECS Exec, Fargate Spot, service discovery) that need a platform version. */
export function serviceFeatures(view: ServiceView, os: PlatformOs): FeatureUse[] {
  const found: FeatureUse[] = [];
  if (view.enableExecuteCommand?.value === true) use('ecs-exec', os, 'service', view.enableExecuteCommand.path, found);
  const spot = view.strategyItems.find((i) => i.capacityProvider?.value === 'FARGATE_SPOT');
  if (spot?.capacityProvider) use('fargate-spot', os, 'service', spot.capacityProvider.path, found);
  if (view.serviceRegistries) use('service-discovery', os, 'service', view.serviceRegistries.path, found);
  return found;
}
