// Keeps the workspace index current for cross-file checks: the files on disk that a source reads (read once, lazily,
// after start-up), the open documents (their text wins over the disk), and file-system watch events.
// When a file that other files depend on changes (a policy, a role, fargate-lint.json, a service or AppSpec, and
// a task definition once the workspace holds services that may run it), `onDependencyChange` fires, debounced,
// so the server can refresh the diagnostics of the files that use it.
import { canonicalUri, isInside } from '../core/uris';
import type { DocumentKind } from '../core/model';
import { uriToFileName } from '../core/workspace';
import type { WorkspaceIndex } from '../service/workspace';
import { isForeignFileName } from '../sources';
import type { WorkspaceFileSystem } from './fileSystem';

export type FileChange = { uri: string; type: 'created' | 'changed' | 'deleted' };

const DEBOUNCE_MS = 100;

/** Kinds whose changes can change another file's diagnostics (task definitions: see WorkspaceSync.isDependency). */
function isDependencyKind(kind: DocumentKind | undefined): boolean {
  return kind !== undefined && kind !== 'unknown' && kind !== 'task-definition' && kind !== 'container-definitions';
}

export class WorkspaceSync {
  private scanGeneration = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly open = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly files: WorkspaceFileSystem | undefined,
    private readonly onDependencyChange: () => void,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** (Re)reads every root from disk in the background; a newer call cancels an older one. */
  async scan(roots: readonly string[]): Promise<void> {
    const files = this.files;
    if (!files) return;
    const generation = ++this.scanGeneration;
    const cancelled = () => generation !== this.scanGeneration;
    let count = 0;
    for (const root of roots) {
      if (cancelled()) return;
      try {
        await files.scan(
          root,
          (uri, text) => {
            count++;
            this.fromDisk(uri, text);
          },
          cancelled,
          (uri, reason) => this.index.skip(uri, { reason, read: false }),
        );
      } catch (error) {
        this.log(`indexing ${root} failed: ${error instanceof Error ? error.message : String(error as string)}`);
      }
    }
    if (!cancelled()) {
      this.log(`indexed ${count} files`);
      this.notify();
    }
  }

  cancel(): void {
    this.scanGeneration++;
    clearTimeout(this.timer);
  }

  /** An open document's text (editor content wins over the disk). */
  opened(uri: string, text: string, languageId?: string): void {
    this.open.add(canonicalUri(uri));
    // A disk entry for the same file under another spelling of its URI would count twice.
    for (const file of [...this.index.files()]) {
      if (file.uri !== uri && canonicalUri(file.uri) === canonicalUri(uri)) this.index.delete(file.uri);
    }
    this.set(uri, text, true, languageId);
  }

  /** The editor closed it: the disk has the truth again (for a file inside the workspace folders). */
  async closed(uri: string): Promise<void> {
    this.open.delete(canonicalUri(uri));
    const before = this.index.file(uri)?.model.kind;
    const text = this.files && this.inWorkspace(uri) ? await this.files.read(uri) : undefined;
    if (this.open.has(canonicalUri(uri))) return;
    if (text === undefined) this.index.delete(uri);
    else this.set(uri, text, false);
    if (this.isDependency(before) || this.isDependency(this.index.file(uri)?.model.kind)) this.notify();
  }

  /** File-system watch events (workspace/didChangeWatchedFiles); events outside the workspace folders are ignored, never read. */
  async watched(changes: FileChange[]): Promise<void> {
    let relevant = false;
    for (const change of changes) {
      if (this.open.has(canonicalUri(change.uri)) || !this.inWorkspace(change.uri)) continue;
      const before = this.index.file(change.uri)?.model.kind;
      if (change.type === 'deleted') {
        this.index.delete(change.uri);
      } else {
        const text = this.files ? await this.files.read(change.uri) : undefined;
        if (this.open.has(canonicalUri(change.uri))) continue;
        if (text === undefined) this.index.delete(change.uri);
        else this.set(change.uri, text, false);
      }
      relevant ||= this.isDependency(before) || this.isDependency(this.index.file(change.uri)?.model.kind);
    }
    if (relevant) this.notify();
  }

  /** Inside one of the workspace folders, after `.` and `..` segments are resolved (`file:///ws/../etc` is not in /ws). */
  private inWorkspace(uri: string): boolean {
    let resolved: string;
    try {
      resolved = new URL(uri).href;
    } catch {
      return false;
    }
    return this.index.roots.some((root) => isInside(resolved, root));
  }

  private fromDisk(uri: string, text: string): void {
    if (this.open.has(canonicalUri(uri))) return;
    try {
      this.set(uri, text, false);
    } catch (error) {
      // One file that trips a bug must not stop the scan of the others.
      this.index.delete(uri);
      this.log(`indexing ${uri} failed: ${error instanceof Error ? error.message : String(error as string)}`);
    }
  }

  private set(uri: string, text: string, isOpen: boolean, languageId?: string): void {
    const before = this.index.file(uri)?.model.kind;
    if (isForeignFileName(uriToFileName(uri))) return;
    const entry = this.index.set(uri, text, languageId);
    // Files from disk that are none of ours are not kept: they cost memory and are never looked at. Only
    // what they are is (fargate-lint.json may name one by mistake).
    if (!isOpen && entry.model.kind === 'unknown') this.index.skip(uri, { reason: 'not an ECS or IAM document', read: true });
    if (isOpen && (this.isDependency(before) || this.isDependency(entry.model.kind))) this.notify();
  }

  /** A task definition matters to other files once a service or AppSpec in the workspace may run it. */
  private isDependency(kind: DocumentKind | undefined): boolean {
    if (kind === 'task-definition') return this.hasServices();
    return isDependencyKind(kind);
  }

  private hasServices(): boolean {
    for (const file of this.index.files()) {
      if (file.model.subjects.some((s) => s.kind === 'service' || s.kind === 'appspec')) return true;
    }
    return false;
  }

  private notify(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onDependencyChange(), DEBOUNCE_MS);
  }
}
