// ephemeralStorage.sizeInGiB asks Fargate for more task storage than the default 20 GiB: 21 to 200 GiB.
import { remove, set } from '../../model';
import { isObject } from '../../json';
import type { Fix, Rule } from '../../rule';
import { taskOf } from '../../taskdef/model';

const EPHEMERAL_STORAGE = { min: 21, max: 200, default: 20 } as const;

interface EphemeralStorageFixData {
  size: number;
}

export const fargateEphemeralStorage: Rule<EphemeralStorageFixData> = {
  meta: {
    id: 'fargate-ephemeral-storage',
    title: 'ephemeralStorage.sizeInGiB must be between 21 and 200',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const storage = taskOf(subject)?.ephemeralStorage;
    if (!isObject(storage)) return;
    const size = storage.sizeInGiB;
    if (typeof size !== 'number' || (size >= EPHEMERAL_STORAGE.min && size <= EPHEMERAL_STORAGE.max)) return;
    const detail =
      size < EPHEMERAL_STORAGE.min
        ? `Every Fargate task already gets ${EPHEMERAL_STORAGE.default} GiB without this setting; it only asks for more, from ${EPHEMERAL_STORAGE.min} GiB`
        : `Fargate gives a task at most ${EPHEMERAL_STORAGE.max} GiB of storage; for more, mount an EFS volume`;
    report({
      path: ['ephemeralStorage', 'sizeInGiB'],
      message: `ephemeralStorage.sizeInGiB must be between ${EPHEMERAL_STORAGE.min} and ${EPHEMERAL_STORAGE.max}, not ${size}. ${detail}.`,
      data: { size },
    });
  },
  fix({ subjectPath, data: d }) {
    if (!d || typeof d.size !== 'number') return [];
    const setSize = (value: number): Fix => ({
      title: `Set sizeInGiB to ${value}`,
      edits: [set([...subjectPath, 'ephemeralStorage', 'sizeInGiB'], value)],
    });
    if (d.size > EPHEMERAL_STORAGE.max) return [{ ...setSize(EPHEMERAL_STORAGE.max), isPreferred: true }];
    const removal: Fix = {
      title: `Remove ephemeralStorage (the task gets the default ${EPHEMERAL_STORAGE.default} GiB)`,
      // Asking for exactly the default is what leaving the field out means: safe to apply.
      safe: d.size === EPHEMERAL_STORAGE.default,
      isPreferred: d.size === EPHEMERAL_STORAGE.default,
      edits: [remove([...subjectPath, 'ephemeralStorage'])],
    };
    const minimum = { ...setSize(EPHEMERAL_STORAGE.min), isPreferred: d.size !== EPHEMERAL_STORAGE.default };
    return (d.size === EPHEMERAL_STORAGE.default ? [removal, minimum] : [minimum, removal]).filter((f) => f.edits.length > 0);
  },
};
