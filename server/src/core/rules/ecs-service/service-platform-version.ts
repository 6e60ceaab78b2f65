// A service that pins `platformVersion` runs every task on that Fargate platform version, and each version has
// only the features of its changelog: 8 and 16 vCPU, EFS volumes, ephemeralStorage, pidMode "task", ARM64,
// environmentFiles, Secrets Manager JSON keys, SYS_PTRACE and ECS Exec need Linux 1.4.0; secrets, FireLens,
// container dependencies and Fargate Spot 1.3.0 (facts/fargate-platform-versions.json). Tasks that need a newer
// version fail to start. LATEST is always fine; a version that does not exist, or was retired, fails too.
import type { JsonPath } from '../../json';
import { isPlaceholder } from '../../json';
import { set } from '../../model';
import type { RelatedLocation, Rule } from '../../rule';
import { runsOnFargate } from '../../ecs-service/model';
import {
  PLATFORM_VERSIONS,
  type PlatformOs,
  compareVersions,
  serviceFeatures,
  taskFeatures,
  versionInfo,
} from '../../ecs-service/platform';
import { isWindows } from '../../taskdef/model';
import { linkedOf, serviceLabel, taskLabel } from './_linked';

interface VersionData {
  /** Absolute path of platformVersion. */
  path: JsonPath;
  /** The versions the fix offers (LATEST first). */
  choices: string[];
}

export const servicePlatformVersion: Rule<VersionData> = {
  meta: {
    id: 'service-platform-version',
    title: 'A pinned Fargate platformVersion must exist and have every feature the task definition and service use',
    defaultSeverity: 'error',
    appliesTo: ['service', 'appspec'],
    fixable: true,
  },
  check({ subject, model, document, report }) {
    const linked = linkedOf(subject, model, document);
    const field = linked?.view.platformVersion;
    if (!linked || !field || typeof field.value !== 'string' || isPlaceholder(field.value)) return;
    const { view, link, task } = linked;
    if (runsOnFargate(view) === false) return;
    const version = field.value;
    if (version.toUpperCase() === 'LATEST') return;
    const os: PlatformOs | undefined = task ? (isWindows(task) ? 'windows' : 'linux') : undefined;
    const data = { path: [...subject.path, ...field.path], choices: ['LATEST'] };
    const existsFor = (o: PlatformOs) => versionInfo(o, version) !== undefined;
    if (!existsFor('linux') && !existsFor('windows')) {
      report({
        path: field.path,
        message: `There is no Fargate platform version ${JSON.stringify(version)}: Linux tasks run on ${names('linux')}, Windows tasks on ${names('windows')}, or LATEST.`,
        data,
      });
      return;
    }
    if (!os) {
      // Without the task definition only a retirement is certain, and only when no Windows version has the number.
      const info = versionInfo('linux', version);
      if (info?.retired && !existsFor('windows')) {
        report({ path: field.path, message: retiredMessage(version, info.retired), data });
      }
      return;
    }
    const info = versionInfo(os, version);
    if (!info) {
      report({
        path: field.path,
        message: `${taskLabel(link!, document)} runs ${os === 'windows' ? 'Windows' : 'Linux'} containers, and ${version} is not a ${os === 'windows' ? 'Windows' : 'Linux'} platform version (${names(os)} or LATEST).`,
        data,
      });
      return;
    }
    if (info.retired) {
      report({ path: field.path, message: retiredMessage(version, info.retired), data });
      return;
    }
    const features = [...taskFeatures(link!.subject), ...serviceFeatures(view, os)].filter((f) => compareVersions(version, f.needs) < 0);
    if (features.length === 0) return;
    const newest = features.map((f) => f.needs).reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
    const related: RelatedLocation[] = [];
    for (const feature of features) {
      if (feature.where === 'task' && link!.uri) {
        related.push({
          file: link!.uri,
          path: [...link!.subject.path, ...feature.path],
          message: `${feature.title} needs platform version ${feature.needs}`,
        });
      }
    }
    report({
      path: field.path,
      message: `Platform version ${version} is too old for ${serviceLabel(view)}: ${features.map((f) => `${f.title} (${f.where === 'task' ? 'in the task definition' : 'in the service'}) needs ${f.needs}`).join('; ')}. Tasks fail to start; use ${newest} or LATEST.`,
      data: { ...data, choices: ['LATEST', newest] },
      related,
    });
  },
  fix({ data }) {
    if (!data) return [];
    return data.choices.map((choice, i) => ({
      title: `Set platformVersion to ${choice}`,
      isPreferred: i === 0,
      edits: [set(data.path, choice)],
    }));
  },
};

function names(os: PlatformOs): string {
  return PLATFORM_VERSIONS[os].versions
    .filter((v) => !('retired' in v))
    .map((v) => v.version)
    .join(', ');
}

function retiredMessage(version: string, date: string): string {
  return `Fargate platform version ${version} was retired on ${date}: no new task starts on it. Use LATEST (${PLATFORM_VERSIONS.linux.latest} for Linux).`;
}
