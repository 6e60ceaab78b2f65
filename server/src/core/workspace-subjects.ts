// What the cross-file checks look for among the workspace's files, found in one walk per view of the
// workspace at one version: the task-definition, service, AppSpec and role subjects by kind, the roles by
// name, the managed policies by ARN and the fargate-lint.json files. Before, each check walked every file on
// its own within one analysis (the ECS service links twice, the role lookup, the project files, the
// customer managed policies). The lists keep the order of `files()`, which the checks that take the first
// or the nearest match depend on.
import type { Subject, SubjectKind } from './model';
import type { WorkspaceFile, WorkspaceView } from './workspace';

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

const cache = new WeakMap<WorkspaceView, { version: number; subjects: WorkspaceSubjects }>();

/**
 * The workspace's subjects, once per version of the view (every call when the view has no versions). Kept
 * with the view, not with the index under it: each analysis has its own view (withOwnModel), which lives
 * as long as its results, while a list kept with the index until its next version would keep the edited
 * document's last parse alive while the next one is made (measured: ~25 % more garbage-collection time
 * on a 64 KiB task definition).
 */
export function workspaceSubjects(workspace: WorkspaceView): WorkspaceSubjects {
  const { version } = workspace;
  if (version === undefined) return collect(workspace.files());
  const hit = cache.get(workspace);
  if (hit?.version === version) return hit.subjects;
  const subjects = collect(workspace.files());
  cache.set(workspace, { version, subjects });
  return subjects;
}

function collect(files: Iterable<WorkspaceFile>): WorkspaceSubjects {
  const lists = new Map<string, SubjectEntry[]>();
  const projectConfigs: { file: WorkspaceFile; order: number }[] = [];
  const push = (key: string, entry: SubjectEntry) => {
    const list = lists.get(key);
    if (list) list.push(entry);
    else lists.set(key, [entry]);
  };
  let order = 0;
  for (const file of files) {
    if (file.model.kind === 'project-config') projectConfigs.push({ file, order });
    for (const subject of file.model.subjects) {
      const linked = LINKED.has(subject.kind);
      if (!linked && subject.arn === undefined) continue;
      const entry = { file, subject, order };
      if (linked) push(`k:${subject.kind}`, entry);
      if (subject.kind === 'role' && subject.role) push(`r:${subject.role.name}`, entry);
      if (subject.arn !== undefined) push(`a:${subject.arn}`, entry);
    }
    order++;
  }
  return {
    projectConfigs,
    ofKind: (kind) => lists.get(`k:${kind}`) ?? NONE,
    rolesNamed: (name) => lists.get(`r:${name}`) ?? NONE,
    withArn: (arn) => lists.get(`a:${arn}`) ?? NONE,
  };
}
