// The other files a check may look across (a role's policies next to a task definition), as the core sees
// them: each file's URI and model. The service keeps the index (service/workspace.ts); the server feeds it
// from the editor and the disk, the CLI from the paths it is given.
import type { Model } from './model';

/** The project file that names each role's policy files. */
export const PROJECT_CONFIG_FILE = 'fargate-lint.json';

export interface WorkspaceFile {
  /** A URI (server) or an absolute file path turned into a file URI (CLI). */
  readonly uri: string;
  readonly model: Model;
}

/** A file the workspace knows of but does not hold; `reason` follows "it is". */
export interface SkippedFile {
  reason: string;
  /** It was read, and is none of ours (reason: what it is), rather than not read at all (reason: why). */
  read: boolean;
}

export interface WorkspaceView {
  /** URIs of the workspace folders, for files such as fargate-lint.json that live at a root. */
  readonly roots: readonly string[];
  /** Changes whenever a file is added, changed or removed, so that what is derived from all files can be kept until then. */
  readonly version?: number;
  files(): Iterable<WorkspaceFile>;
  file(uri: string): WorkspaceFile | undefined;
  /** Why a file that exists is not among `files()` (too large, a link, not ours), when that is known. */
  skipped?(uri: string): SkippedFile | undefined;
}

/** What a rule, fix or provider knows about the document it looks at, besides its model. */
export interface DocumentContext {
  /** The document's URI, when it has one (to find files that refer to it, or that it refers to). */
  readonly uri?: string;
  readonly fileName?: string;
  /** Other files of the workspace (policies, roles), when the caller indexed them. */
  readonly workspace?: WorkspaceView;
}

/**
 * What several rules and hovers of one analysis ask for about the same subject (its role check, its service's
 * task definition): kept per subject value, for the view of the workspace that analysis looks through (at its
 * version) and the document's uri. A view without a version is never served from the cache. The view is
 * held weakly: an entry, which lives as long as the subject's value, never keeps a finished analysis's view
 * (its own model, its subject lists, its role lookups) alive.
 */
export class PerAnalysisCache<T> {
  private readonly entries = new WeakMap<object, { view?: WeakRef<WorkspaceView>; version?: number; uri?: string; value: T }>();

  get(key: unknown, workspace: WorkspaceView | undefined, uri: string | undefined, make: () => T): T {
    const object = typeof key === 'object' && key !== null ? key : undefined;
    const version = workspace?.version;
    const hit = object && this.entries.get(object);
    if (hit && version !== undefined && hit.view?.deref() === workspace && hit.version === version && hit.uri === uri) return hit.value;
    const value = make();
    if (object) this.entries.set(object, { view: workspace && new WeakRef(workspace), version, uri, value });
    return value;
  }
}

export function uriToFileName(uri: string): string {
  return decodeURIComponent(uri.replace(/[?#].*$/, '')).replace(/^.*\//, '');
}

/**
 * The context with the document itself in its workspace view, as the model being analysed: lookups inside
 * the document (a template's own roles and policies) work without an index, and never see an older copy of
 * its text. The view keeps the index's version, so results cached per version stay valid for one analysis.
 */
export function withOwnModel(context: DocumentContext, model: Model): DocumentContext {
  const uri = context.uri;
  if (!uri) return context;
  const base = context.workspace;
  const own: WorkspaceFile = { uri, model };
  const view: WorkspaceView & { version: number } = {
    roots: base?.roots ?? [],
    version: (base as { version?: number } | undefined)?.version ?? 0,
    *files() {
      yield own;
      for (const file of base?.files() ?? []) if (file.uri !== uri) yield file;
    },
    file: (other) => (other === uri ? own : base?.file(other)),
    // What the base knows of files it left out (project-config-file says why a listed file is not read).
    ...(base?.skipped ? { skipped: (other: string) => base.skipped?.(other) } : {}),
  };
  return { ...context, workspace: view };
}
