// What the cross-file checks look for among the workspace's files, found in one walk per workspace version:
// the task-definition, service, AppSpec and role subjects by kind, the roles by name, the managed policies by
// ARN and the fargate-lint.json files. Before, each check walked every file on its own (the ECS service
// links twice, the role lookup, the project files, the customer managed policies), so an edit in a
// workspace of 1,000 files of ours cost several walks over all of them. The lists keep the order of
// `files()`, which the checks that take the first or the nearest match depend on.
import type { Subject, SubjectKind } from './model';
import { type WorkspaceFile, type WorkspaceView, ownModelOf } from './workspace';

export interface SubjectEntry {
  readonly file: WorkspaceFile;
  readonly subject: Subject;
  /** The file's place in `files()`: a file listed before another has a lower one. */
  readonly order: number;
}

/** The kinds the cross-file checks look for (most files of a workspace are policies, which none looks across for). */
type LinkedKind = 'task-definition' | 'service' | 'appspec' | 'role';
const LINKED = new Set<SubjectKind>(['task-definition', 'service', 'appspec', 'role']);

export interface WorkspaceSubjects {
  /** The subjects of a kind, in file order, then subject order. */
  ofKind(kind: LinkedKind): readonly SubjectEntry[];
  /** Role subjects by the role's name. */
  rolesNamed(name: string): readonly SubjectEntry[];
  /** Subjects by `arn` (managed policies), in file order. */
  withArn(arn: string): readonly SubjectEntry[];
  /** The fargate-lint.json files, with their place in `files()`. */
  readonly projectConfigs: readonly { file: WorkspaceFile; order: number }[];
}

const NONE: readonly SubjectEntry[] = [];

/** One walk's lists (by `k:` kind, `r:` role name, `a:` ARN) and the files they came from, in order. */
interface Collected extends WorkspaceSubjects {
  readonly files: readonly WorkspaceFile[];
  readonly lists: ReadonlyMap<string, readonly SubjectEntry[]>;
  readonly projectConfigs: readonly { file: WorkspaceFile; order: number }[];
}

const cache = new WeakMap<WorkspaceView, { version: number; subjects: WorkspaceSubjects }>();

/** Past this many changed files, a new version is walked from scratch rather than patched. */
const MAX_PATCHED = 16;

/**
 * The workspace's subjects, once per version of the view (every call when the view has no versions). A new
 * version where the same files are listed in the same order and only a few of them changed (an edit: one
 * document's new parse) is the last one's lists with those files' entries replaced, so an edit costs a walk
 * that compares each file with the one before, and no work per subject of the files that did not change.
 */
export function workspaceSubjects(workspace: WorkspaceView): WorkspaceSubjects {
  const { version } = workspace;
  if (version === undefined) return collect([...workspace.files()]);
  const hit = cache.get(workspace);
  if (hit?.version === version) return hit.subjects;
  let subjects = derived(workspace, version);
  if (!subjects) {
    const files = [...workspace.files()];
    subjects = (hit && 'lists' in hit.subjects && patched(hit.subjects as Collected, files)) || collect(files);
  }
  cache.set(workspace, { version, subjects });
  return subjects;
}

/** The keys a file's subjects are listed under. */
function eachKey(file: WorkspaceFile, visit: (key: string, subject: Subject) => void): void {
  for (const subject of file.model.subjects) {
    if (LINKED.has(subject.kind)) visit(`k:${subject.kind}`, subject);
    if (subject.kind === 'role' && subject.role) visit(`r:${subject.role.name}`, subject);
    if (subject.arn !== undefined) visit(`a:${subject.arn}`, subject);
  }
}

function made(
  files: readonly WorkspaceFile[],
  lists: ReadonlyMap<string, readonly SubjectEntry[]>,
  projectConfigs: readonly { file: WorkspaceFile; order: number }[],
): Collected {
  return {
    files,
    lists,
    projectConfigs,
    ofKind: (kind) => lists.get(`k:${kind}`) ?? NONE,
    rolesNamed: (name) => lists.get(`r:${name}`) ?? NONE,
    withArn: (arn) => lists.get(`a:${arn}`) ?? NONE,
  };
}

function collect(files: readonly WorkspaceFile[], first = 0): Collected {
  const lists = new Map<string, SubjectEntry[]>();
  const projectConfigs: { file: WorkspaceFile; order: number }[] = [];
  files.forEach((file, i) => {
    const order = first + i;
    if (file.model.kind === 'project-config') projectConfigs.push({ file, order });
    eachKey(file, (key, subject) => {
      const list = lists.get(key);
      if (list) list.push({ file, subject, order });
      else lists.set(key, [{ file, subject, order }]);
    });
  });
  return made(files, lists, projectConfigs);
}

/**
 * The last version's lists with the entries of the files that changed replaced (a changed file is a new
 * object at the same place; lists that change are copied, the last version's stay as they were); undefined
 * when files were added, removed or moved, or many changed.
 */
function patched(before: Collected, files: readonly WorkspaceFile[]): Collected | undefined {
  if (files.length !== before.files.length) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < files.length; i++) {
    if (files[i] === before.files[i]) continue;
    if (files[i].uri !== before.files[i].uri || changed.push(i) > MAX_PATCHED) return undefined;
  }
  const lists = new Map(before.lists);
  const copied = new Set<string>();
  const own = (key: string): SubjectEntry[] => {
    let list = lists.get(key) as SubjectEntry[] | undefined;
    if (!copied.has(key)) {
      copied.add(key);
      lists.set(key, (list = [...(list ?? [])]));
    }
    return list!;
  };
  let projectConfigs = before.projectConfigs;
  for (const order of changed) {
    const old = before.files[order];
    const file = files[order];
    eachKey(old, (key) => {
      const list = own(key);
      for (let j = list.length - 1; j >= 0; j--) if (list[j].file === old) list.splice(j, 1);
    });
    eachKey(file, (key, subject) => {
      const list = own(key);
      let at = list.length;
      while (at > 0 && list[at - 1].order > order) at--;
      list.splice(at, 0, { file, subject, order });
    });
    if (old.model.kind === 'project-config' || file.model.kind === 'project-config') {
      projectConfigs = projectConfigs.filter((c) => c.file !== old);
      if (file.model.kind === 'project-config') projectConfigs = [...projectConfigs, { file, order }].sort((x, y) => x.order - y.order);
    }
  }
  for (const key of copied) if (lists.get(key)?.length === 0) lists.delete(key);
  return made(files, lists, projectConfigs);
}

/**
 * The view of one analysis (withOwnModel: the document's own model first, then the index's other files) from
 * the index's subjects at the same index version (collected once for every analysis, hover and fix at that
 * version): the document's file is left out of each list when that list is first asked for, and its own
 * model put first (order -1), without walking the other files again.
 */
function derived(workspace: WorkspaceView, version: number): WorkspaceSubjects | undefined {
  const own = ownModelOf(workspace);
  if (own?.base.version !== version) return undefined;
  const base = workspaceSubjects(own.base);
  const mine = collect([own.file], -1);
  const uri = own.file.uri;
  const lists = new Map<string, readonly SubjectEntry[]>();
  const joined = (key: string, ours: readonly SubjectEntry[], theirs: readonly SubjectEntry[]) => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = [...ours, ...theirs.filter((e) => e.file.uri !== uri)]));
    return list;
  };
  return {
    projectConfigs: [...mine.projectConfigs, ...base.projectConfigs.filter((c) => c.file.uri !== uri)],
    ofKind: (kind) => joined(`k${kind}`, mine.ofKind(kind), base.ofKind(kind)),
    rolesNamed: (name) => joined(`r${name}`, mine.rolesNamed(name), base.rolesNamed(name)),
    withArn: (arn) => joined(`a${arn}`, mine.withArn(arn), base.withArn(arn)),
  };
}
