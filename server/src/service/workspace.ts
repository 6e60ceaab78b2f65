// The workspace index: every file the server or the CLI has read, parsed by its source. Cross-file checks
// read each file's model (core/workspace.ts WorkspaceView); fixes that edit another file render their
// model edits through that file's source, against the text it was parsed from.
import { canonicalUri } from '../core/uris';
import type { SkippedFile, WorkspaceView } from '../core/workspace';
import { type SourceDocument, parseDocument } from '../sources';

export class WorkspaceIndex implements WorkspaceView {
  private readonly entries = new Map<string, SourceDocument>();
  /** By canonical URI. */
  private readonly skippedFiles = new Map<string, SkippedFile>();
  private generation = 0;

  constructor(public roots: string[] = []) {}

  /** Bumped on every change, so callers can tell whether cross-file results are stale. */
  get version(): number {
    return this.generation;
  }

  set(uri: string, text: string, languageId?: string): SourceDocument {
    const entry = parseDocument({ uri, text, languageId });
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

  file(uri: string): SourceDocument | undefined {
    return this.entries.get(uri);
  }

  files(): Iterable<SourceDocument> {
    return this.entries.values();
  }
}
