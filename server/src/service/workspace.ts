// The workspace index: every file the server or the CLI has read, parsed by its source. Cross-file checks
// read each file's model (core/workspace.ts WorkspaceView); fixes that edit another file render their
// model edits through that file's source, against the text it was parsed from.
import type { WorkspaceView } from '../core/workspace';
import { type SourceDocument, parseDocument } from '../sources';

export class WorkspaceIndex implements WorkspaceView {
  private readonly entries = new Map<string, SourceDocument>();
  private generation = 0;

  constructor(public roots: string[] = []) {}

  /** Bumped on every change, so callers can tell whether cross-file results are stale. */
  get version(): number {
    return this.generation;
  }

  set(uri: string, text: string, languageId?: string): SourceDocument {
    const entry = parseDocument({ uri, text, languageId });
    this.entries.set(uri, entry);
    this.generation++;
    return entry;
  }

  delete(uri: string): void {
    if (this.entries.delete(uri)) this.generation++;
  }

  file(uri: string): SourceDocument | undefined {
    return this.entries.get(uri);
  }

  files(): Iterable<SourceDocument> {
    return this.entries.values();
  }
}
