// The other JSON files a check may look across (a role's policies next to a task definition).
// Pure bookkeeping: the server feeds it from the editor and the disk, the CLI from the paths it is given.
import { type JsonDocument, parseJson } from './json';
import { type Classification, classify } from './classify';
import { canonicalUri } from './uris';

export interface WorkspaceFile {
  /** A URI (server) or an absolute file path turned into a file URI (CLI). */
  readonly uri: string;
  readonly document: JsonDocument;
  readonly classification: Classification;
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
  files(): Iterable<WorkspaceFile>;
  file(uri: string): WorkspaceFile | undefined;
  /** Why a file that exists is not among `files()` (too large, a link, not ours), when that is known. */
  skipped?(uri: string): SkippedFile | undefined;
}

export class WorkspaceIndex implements WorkspaceView {
  private readonly entries = new Map<string, WorkspaceFile>();
  /** By canonical URI. */
  private readonly skippedFiles = new Map<string, SkippedFile>();
  private generation = 0;

  constructor(public roots: string[] = []) {}

  /** Bumped on every change, so callers can tell whether cross-file results are stale. */
  get version(): number {
    return this.generation;
  }

  set(uri: string, text: string): WorkspaceFile {
    const document = parseJson(text);
    const entry = { uri, document, classification: classify(document, uriToFileName(uri)) };
    this.entries.set(uri, entry);
    this.skippedFiles.delete(canonicalUri(uri));
    this.generation++;
    return entry;
  }

  delete(uri: string): void {
    const had = this.skippedFiles.delete(canonicalUri(uri));
    if (this.entries.delete(uri) || had) this.generation++;
  }

  /** Records a file that is left out of the index, and why (it replaces an entry for it). */
  skip(uri: string, skipped: SkippedFile): void {
    this.entries.delete(uri);
    this.skippedFiles.set(canonicalUri(uri), skipped);
    this.generation++;
  }

  skipped(uri: string): SkippedFile | undefined {
    return this.skippedFiles.get(canonicalUri(uri));
  }

  file(uri: string): WorkspaceFile | undefined {
    return this.entries.get(uri);
  }

  files(): Iterable<WorkspaceFile> {
    return this.entries.values();
  }
}

export function uriToFileName(uri: string): string {
  return decodeURIComponent(uri.replace(/[?#].*$/, '')).replace(/^.*\//, '');
}
