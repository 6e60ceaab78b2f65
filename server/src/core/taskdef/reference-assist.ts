// Completion for the fields that refer to other parts of the same task definition: dependsOn (container
// and condition), mountPoints[].sourceVolume (the task's volumes) and volumesFrom[].sourceContainer.
import { type JsonPath, scalarText } from '../json';
import { type CompletionEntry, type CompletionProvider, type PositionContext, valueEntry } from '../position';
import { objectItems } from './containers';
import { DEPENDS_ON_CONDITIONS } from './limits';
import { containersOf, taskOf } from './model';

/** Where the cursor is, relative to the container: e.g. ['dependsOn', 0, 'containerName']. */
function containerField(context: PositionContext): { containerIndex: number; field: JsonPath } | undefined {
  const path = context.relativePath;
  const base = context.subject.kind === 'task-definition' ? 1 : 0;
  if (base === 1 && path[0] !== 'containerDefinitions') return undefined;
  const index = path[base];
  if (typeof index !== 'number') return undefined;
  return { containerIndex: index, field: path.slice(base + 1) };
}

/** The other containers of the task, by name, with their image as the description. */
function otherContainers(context: PositionContext, containerIndex: number): CompletionEntry[] {
  const containers = containersOf(context.subject).filter((c) => c.path[c.path.length - 1] !== containerIndex && c.name);
  return containers.map((c, i) => {
    const image = typeof c.value.image === 'string' ? c.value.image : undefined;
    const essential = c.value.essential === false ? 'not essential' : 'essential';
    const health = c.value.healthCheck ? ', has a health check' : '';
    return valueEntry(c.name!, image, i, `Container \`${c.name}\` (${essential}${health}).`);
  });
}

function conditions(context: PositionContext, containerIndex: number, dependencyIndex: number): CompletionEntry[] {
  // Knowing the target lets us mark the conditions it cannot take.
  const container = containersOf(context.subject).find((c) => c.path[c.path.length - 1] === containerIndex);
  const dependency = container
    ? objectItems(container.value, container.path, 'dependsOn').find((d) => d.index === dependencyIndex)
    : undefined;
  const targetName = dependency?.value.containerName;
  const target = containersOf(context.subject).find((c) => c.name !== undefined && c.name === targetName)?.value;
  return Object.entries(DEPENDS_ON_CONDITIONS).map(([condition, meaning], i) => {
    let note: string | undefined;
    if (target && condition === 'HEALTHY' && !target.healthCheck) note = `${scalarText(targetName) ?? ''} has no healthCheck`;
    if (target && (condition === 'COMPLETE' || condition === 'SUCCESS') && target.essential !== false)
      note = `${scalarText(targetName) ?? ''} is essential`;
    return valueEntry(condition, note ? `not allowed: ${note}` : meaning.split('.')[0], i, meaning);
  });
}

function volumes(context: PositionContext): CompletionEntry[] | undefined {
  const task = taskOf(context.subject);
  if (!task) return undefined;
  return objectItems(task, [], 'volumes').flatMap((volume, i) => {
    const name = volume.value.name;
    if (typeof name !== 'string' || name === '') return [];
    const kind = [
      'efsVolumeConfiguration',
      'fsxWindowsFileServerVolumeConfiguration',
      'dockerVolumeConfiguration',
      'host',
      'configuredAtLaunch',
    ].find((k) => volume.value[k] !== undefined && volume.value[k] !== null);
    const description =
      kind === 'efsVolumeConfiguration'
        ? 'EFS'
        : kind === 'host'
          ? 'bind mount'
          : kind
            ? kind.replace(/VolumeConfiguration$/, '')
            : 'task storage';
    return [valueEntry(name, description, i)];
  });
}

export const referenceCompletion: CompletionProvider = {
  complete(context) {
    if (context.onKey) return undefined;
    const where = containerField(context);
    if (!where) return undefined;
    const [list, index, field] = where.field;
    if (where.field.length !== 3 || typeof index !== 'number') return undefined;
    if (list === 'dependsOn' && field === 'containerName') return otherContainers(context, where.containerIndex);
    if (list === 'dependsOn' && field === 'condition') return conditions(context, where.containerIndex, index);
    if (list === 'volumesFrom' && field === 'sourceContainer') return otherContainers(context, where.containerIndex);
    if (list === 'mountPoints' && field === 'sourceVolume') return volumes(context);
    return undefined;
  },
};
