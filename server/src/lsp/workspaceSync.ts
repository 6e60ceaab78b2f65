// Keeps the workspace index current for cross-file checks: the files on disk that a source reads (a
// background scan of every workspace folder, with no cap on their number; folders added later are scanned,
// removed ones dropped), the open documents (their text wins over the disk), and file-system watch events.
// When a file that other files depend on changes (a policy, a role, fargate-lint.json, a service or AppSpec, and
// a task definition once the workspace holds services that may run it), `onDependencyChange` fires, debounced,
// so the server can refresh the diagnostics of the files that use it.
//
// An open document's edits are not parsed as they come: the index keeps the text and parses it when
// another document asks for it, or after a quiet period (QUIET_MS without an edit), which is also when a
// change of a policy or role is noticed. A burst of keystrokes costs no parse at all.
import type { WorkDoneProgressReporter } from 'vscode-languageserver';
import { canonicalUri, isInside, sameUri } from '../core/uris';
import type { DocumentKind } from '../core/model';
import { uriToFileName } from '../core/workspace';
import { formatCount } from '../core/messages';
import type { WorkspaceIndex } from '../service/workspace';
import { type SourceDocument, isForeignFileName } from '../sources';
import { type WorkspaceFileSystem, isScanned } from './fileSystem';
import { QuietTimer } from './quietTimer';

export type FileChange = { uri: string; type: 'created' | 'changed' | 'deleted' };

const DEBOUNCE_MS = 100;
/** Why a file read from disk is not kept. */
const NONE_OF_OURS = 'not an ECS or IAM document';
/** Edits of an open document are indexed this long after the last one. */
const QUIET_MS = 250;
/** File events are gathered this long before they are read (a checkout or an editor's double event is one batch). */
const EVENTS_MS = 50;
/** While a long scan runs, the documents that use what it has found are refreshed at most this often. */
const SCAN_REFRESH_MS = 5000;
/** How often the scan's progress is reported. */
const PROGRESS_MS = 250;

/** Kinds whose changes can change another file's diagnostics (task definitions: see WorkspaceSync.isDependency). */
function isDependencyKind(kind: DocumentKind | undefined): boolean {
  return kind !== undefined && kind !== 'unknown' && kind !== 'task-definition' && kind !== 'container-definitions';
}

/** Starts a progress report in the client (window/workDoneProgress), or one that reports nothing. */
export type ProgressFactory = () => Promise<Pick<WorkDoneProgressReporter, 'begin' | 'report' | 'done'>>;

interface Scan {
  readonly root: string;
  cancelled: boolean;
}

export class WorkspaceSync {
  private readonly scans = new Set<Scan>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Open documents by canonical uri. */
  private readonly open = new Set<string>();
  /** Open documents by uri as the editor spells it: whether they are foreign (never indexed). */
  private readonly openUris = new Map<string, { foreign: boolean }>();
  /** Open documents edited since they were last indexed, with their kind before the edits. */
  private readonly edited = new Map<string, DocumentKind | undefined>();
  private readonly quiet = new QuietTimer(QUIET_MS, () => this.indexEdited());
  private readonly events = new Map<string, FileChange['type']>();
  /** hasServices' answer, for the index version it was given for. */
  private services: { version: number; found: boolean } | undefined;
  private eventsTimer: ReturnType<typeof setTimeout> | undefined;
  private eventsDone: Promise<void> = Promise.resolve();
  /**
   * Files a document reads (its dependencies: a module's file() target, `${path.root}/sizes.json`) that were
   * read from disk before it and not kept, being none of ours on their own: read again (claim), so the order
   * the scan finds files in does not matter.
   */
  private readonly wanted = new Set<string>();
  /** Files read from disk while their source was loading (a stand-in parse, kept for now): judged once it has loaded. */
  private readonly undecided = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly files: WorkspaceFileSystem | undefined,
    private readonly onDependencyChange: () => void,
    private readonly log: (message: string) => void = () => undefined,
    private readonly progress?: ProgressFactory,
  ) {}

  /** Reads every folder from disk in the background, with a progress report; `cancel` or `removeRoots` stop it. */
  async scan(roots: readonly string[]): Promise<void> {
    const files = this.files;
    if (!files || roots.length === 0) return;
    const scans = roots.map((root): Scan => ({ root, cancelled: false }));
    scans.forEach((s) => this.scans.add(s));
    const reporter = await this.progress?.().catch(() => undefined);
    reporter?.begin('fargate-lint: indexing the workspace', undefined, 'looking for policies and roles');
    let read = 0;
    let kept = 0;
    let lastReport = Date.now();
    let lastRefresh = Date.now();
    let foundDependency = false;
    // Whether a task definition matters (hasServices) is asked only when a refresh is due: it reads the index.
    let foundTaskDefinition = false;
    for (const scan of scans) {
      try {
        await files.scan(
          scan.root,
          (uri, text) => {
            if (scan.cancelled) return;
            read++;
            const kind = this.fromDisk(uri, text);
            if (kind !== undefined) kept++;
            foundDependency ||= isDependencyKind(kind);
            foundTaskDefinition ||= kind === 'task-definition';
            const now = Date.now();
            if (now - lastReport >= PROGRESS_MS) {
              lastReport = now;
              reporter?.report(`${formatCount(read)} files read, ${formatCount(kept)} kept`);
            }
            if ((foundDependency || foundTaskDefinition) && now - lastRefresh >= SCAN_REFRESH_MS) {
              lastRefresh = now;
              if (foundDependency || this.hasServices()) this.notify();
              foundDependency = foundTaskDefinition = false;
            }
          },
          () => scan.cancelled,
          (uri, reason) => this.skippedOnDisk(uri, reason),
        );
      } catch (error) {
        this.log(`indexing ${scan.root} failed: ${error instanceof Error ? error.message : String(error as string)}`);
      }
      this.scans.delete(scan);
    }
    if (scans.some((s) => !s.cancelled)) await this.claim();
    reporter?.done();
    if (scans.some((s) => !s.cancelled)) {
      this.log(`indexed ${read} files under ${scans.length === 1 ? scans[0].root : `${scans.length} folders`} (${kept} kept)`);
      this.notify();
    }
  }

  /** Workspace folders added (scanned in the background) and removed (their files leave the index). */
  async changeRoots(added: readonly string[], removed: readonly string[]): Promise<void> {
    for (const root of removed) {
      for (const scan of this.scans) if (sameUri(scan.root, root)) scan.cancelled = true;
      this.index.roots = this.index.roots.filter((r) => !sameUri(r, root));
    }
    if (removed.length) {
      const stillCovered = (uri: string) => this.index.roots.some((r) => isInside(uri, r));
      for (const uri of [...this.index.uris()]) {
        if (this.open.has(canonicalUri(uri))) continue;
        if (removed.some((root) => isInside(uri, root)) && !stillCovered(uri)) this.index.delete(uri);
      }
      this.notify();
    }
    const fresh = added.filter((root) => !this.index.roots.some((r) => sameUri(r, root)));
    this.index.roots = [...this.index.roots, ...fresh];
    await this.scan(fresh);
  }

  cancel(): void {
    for (const scan of this.scans) scan.cancelled = true;
    clearTimeout(this.timer);
    this.quiet.cancel();
    clearTimeout(this.eventsTimer);
  }

  /** An open document's text (editor content wins over the disk); indexed lazily. */
  opened(uri: string, text: string, languageId?: string): void {
    let known = this.openUris.get(uri);
    if (!known) {
      this.open.add(canonicalUri(uri));
      // A disk entry for the same file under another spelling of its URI would count twice.
      for (const other of this.index.otherSpellings(uri)) this.index.delete(other);
      known = { foreign: isForeignFileName(uriToFileName(uri)) };
      this.openUris.set(uri, known);
    }
    if (known.foreign) return;
    // The kind before this burst of edits (parsing the previous text only if nothing has yet).
    if (!this.edited.has(uri)) this.edited.set(uri, this.index.has(uri) ? this.index.file(uri)?.model.kind : undefined);
    this.index.set(uri, text, languageId);
    this.quiet.poke();
  }

  /** After the quiet period: parse what was edited, and tell the others if a policy or role changed. */
  private indexEdited(): void {
    let relevant = false;
    for (const [uri, before] of this.edited) {
      relevant ||= this.isDependency(before) || this.isDependency(this.parse(uri)?.model.kind);
    }
    this.edited.clear();
    if (relevant) this.notify();
    // An edited module may read a file the scan did not keep.
    if (this.wanted.size) void this.claim().then((claimed) => claimed && this.notify());
  }

  /** The editor closed it: the disk has the truth again (for a file inside the workspace folders). */
  async closed(uri: string): Promise<void> {
    this.open.delete(canonicalUri(uri));
    this.openUris.delete(uri);
    // Its kind before the last edits, and with them (a policy edited into something else counts).
    const before = this.edited.has(uri) ? this.edited.get(uri) : this.index.file(uri)?.model.kind;
    const editedKind = this.index.file(uri)?.model.kind;
    this.edited.delete(uri);
    const text = this.files && this.rootOf(uri) ? await this.files.read(uri) : undefined;
    if (this.open.has(canonicalUri(uri))) return;
    const after = text === undefined ? (this.index.delete(uri), undefined) : this.fromDisk(uri, text);
    if (this.isDependency(before) || this.isDependency(editedKind) || this.isDependency(after)) this.notify();
  }

  /** File-system watch events (workspace/didChangeWatchedFiles), gathered briefly and read in one batch. */
  watched(changes: readonly FileChange[]): Promise<void> {
    for (const change of changes) this.events.set(change.uri, change.type);
    clearTimeout(this.eventsTimer);
    return new Promise((resolve) => {
      this.eventsTimer = setTimeout(() => {
        const batch = [...this.events];
        this.events.clear();
        this.eventsDone = this.eventsDone.then(() => this.applyEvents(batch)).then(resolve, resolve);
      }, EVENTS_MS);
    });
  }

  private async applyEvents(batch: [string, FileChange['type']][]): Promise<void> {
    let relevant = false;
    for (const [uri, type] of batch) {
      if (this.open.has(canonicalUri(uri))) continue;
      const before = this.index.file(uri)?.model.kind;
      // Events outside the workspace folders (after `.` and `..` are resolved) are never read.
      const root = this.rootOf(uri);
      if (type === 'deleted') {
        if (this.index.has(uri) || this.index.skipped(uri)) this.index.delete(uri);
        // A folder: what was indexed under it goes too.
        else relevant = this.dropUnder(uri) || relevant;
      } else if (this.files && root && isScanned(uri, root, 'file')) {
        const text = await this.files.read(uri);
        if (this.open.has(canonicalUri(uri))) continue;
        if (text === undefined) this.index.delete(uri);
        else this.fromDisk(uri, text);
      } else if (this.files && root && type === 'created' && isScanned(uri, root, 'folder')) {
        // A folder created (or moved) into the workspace: scan it (nothing happens if it is not a folder).
        relevant = (await this.scanFolder(uri)) || relevant;
      }
      relevant ||= this.isDependency(before) || this.isDependency(this.index.file(uri)?.model.kind);
    }
    relevant = (await this.claim()) || relevant;
    if (relevant) this.notify();
  }

  /** The workspace folder `uri` is inside, after `.` and `..` segments are resolved (`file:///ws/../etc` is not in /ws). */
  private rootOf(uri: string): string | undefined {
    let resolved: string;
    try {
      resolved = new URL(uri).href;
    } catch {
      return undefined;
    }
    return this.index.roots.find((root) => isInside(resolved, root) && isInside(uri, root));
  }

  /** A file the scan found and did not read (a link, too large, not a regular file): why is recorded. */
  private skippedOnDisk(uri: string, reason: string): void {
    if (!this.open.has(canonicalUri(uri))) this.index.skip(uri, { reason, read: false });
  }

  private dropUnder(folder: string): boolean {
    const kinds = new Set<DocumentKind | undefined>();
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    for (const uri of [...this.index.uris()]) {
      if (!uri.startsWith(prefix) || this.open.has(canonicalUri(uri))) continue;
      kinds.add(this.index.file(uri)?.model.kind);
      this.index.delete(uri);
    }
    return this.anyDependency(kinds);
  }

  private async scanFolder(folder: string): Promise<boolean> {
    const kinds = new Set<DocumentKind | undefined>();
    await this.files?.scan(
      folder,
      (uri, text) => kinds.add(this.fromDisk(uri, text)),
      () => false,
      (uri, reason) => this.skippedOnDisk(uri, reason),
    );
    const claimed = await this.claim();
    return this.anyDependency(kinds) || claimed;
  }

  /** The index's parse of a file, noting the files it reads that were read from disk and not kept (wanted). */
  private parse(uri: string): SourceDocument | undefined {
    const document = this.index.file(uri);
    for (const dependency of document?.dependencies ?? []) {
      if (this.index.skipped(dependency)?.reason === NONE_OF_OURS) this.wanted.add(dependency);
    }
    return document;
  }

  /** Reads the wanted files again, now that a document reads them; whether one of them matters to others. */
  private async claim(): Promise<boolean> {
    let relevant = false;
    for (const uri of [...this.wanted]) {
      this.wanted.delete(uri);
      const text = this.files && this.rootOf(uri) ? await this.files.read(uri) : undefined;
      if (text === undefined || this.open.has(canonicalUri(uri)) || this.index.skipped(uri)?.reason !== NONE_OF_OURS) continue;
      relevant = this.isDependency(this.fromDisk(uri, text)) || relevant;
    }
    return relevant;
  }

  /** Whether files of these kinds changing matters to others (the index read once, not once per file). */
  private anyDependency(kinds: ReadonlySet<DocumentKind | undefined>): boolean {
    return [...kinds].some(isDependencyKind) || (kinds.has('task-definition') && this.hasServices());
  }

  /** A file read from disk: kept (its kind returned) unless it is open, foreign or none of ours. */
  private fromDisk(uri: string, text: string): DocumentKind | undefined {
    if (this.open.has(canonicalUri(uri)) || isForeignFileName(uriToFileName(uri))) return undefined;
    let kind: DocumentKind | undefined;
    try {
      this.index.set(uri, text);
      const document = this.parse(uri);
      if (document?.provisional) {
        this.undecided.add(uri);
        return document.model.kind;
      }
      kind = document?.model.kind;
    } catch (error) {
      // One file that trips a bug must not stop the scan of the others.
      this.index.delete(uri);
      this.log(`indexing ${uri} failed: ${error instanceof Error ? error.message : String(error as string)}`);
      return undefined;
    }
    // Files from disk that are none of ours are not kept: they cost memory and are never looked at. Only
    // what they are is (fargate-lint.json may name one by mistake).
    if (kind === 'unknown') {
      this.index.skip(uri, { reason: NONE_OF_OURS, read: true });
      return undefined;
    }
    return kind;
  }

  /**
   * A source has loaded what it needs (the HCL parser): what was computed from stand-ins is dropped (a new
   * index version), the files kept undecided are judged, and the files they read that the scan left are claimed.
   */
  async sourcesLoaded(): Promise<void> {
    this.index.sourcesLoaded();
    const undecided = [...this.undecided];
    this.undecided.clear();
    for (const uri of undecided) {
      if (this.open.has(canonicalUri(uri)) || !this.index.has(uri)) continue;
      const document = this.parse(uri);
      if (document?.provisional) this.undecided.add(uri);
      else if (document?.model.kind === 'unknown') this.index.skip(uri, { reason: NONE_OF_OURS, read: true });
    }
    if (this.wanted.size) await this.claim();
  }

  /** A task definition matters to other files once a service or AppSpec in the workspace may run it. */
  private isDependency(kind: DocumentKind | undefined): boolean {
    if (kind === 'task-definition') return this.hasServices();
    return isDependencyKind(kind);
  }

  /** Whether the index holds a service or an AppSpec; asked once per version of the index. */
  private hasServices(): boolean {
    if (this.services?.version === this.index.version) return this.services.found;
    let found = false;
    for (const file of this.index.files()) {
      if (file.model.subjects.some((s) => s.kind === 'service' || s.kind === 'appspec')) {
        found = true;
        break;
      }
    }
    this.services = { version: this.index.version, found };
    return found;
  }

  private notify(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onDependencyChange(), DEBOUNCE_MS);
  }
}
