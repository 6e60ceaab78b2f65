// The other JSON files a check may look across (a role's policies next to a task definition).
// Pure bookkeeping: the server feeds it from the editor and the disk, the CLI from the paths it is given.
import { type JsonDocument, parseJson } from './json';
import { type Classification, classify } from './classify';

export interface WorkspaceFile {
  /** A URI (server) or an absolute file path turned into a file URI (CLI). */
  readonly uri: string;
  readonly document: JsonDocument;
  readonly classification: Classification;
}

export interface WorkspaceView {
  /** URIs of the workspace folders, for files such as fargate-lint.json that live at a root. */
  readonly roots: readonly string[];
  files(): Iterable<WorkspaceFile>;
  file(uri: string): WorkspaceFile | undefined;
}

export class WorkspaceIndex implements WorkspaceView {
  private readonly entries = new Map<string, WorkspaceFile>();
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
    this.generation++;
    return entry;
  }

  delete(uri: string): void {
    if (this.entries.delete(uri)) this.generation++;
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
