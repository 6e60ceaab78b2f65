// The workspace index: every file the server or the CLI has read, parsed by its source. Cross-file checks
// read each file's model (core/workspace.ts WorkspaceView); fixes that edit another file render their
// model edits through that file's source, against the text it was parsed from.
// A file's text is parsed when something first asks for it (`file`, `files`), not when it is set: an open
// document that changes on every keystroke is parsed once when another document looks across files, or
// when the editor's sync asks after a quiet period, never once per change.
import { canonicalUri } from '../core/uris';
import type { SkippedFile, WorkspaceView } from '../core/workspace';
import { type SourceDocument, parseDocument } from '../sources';

interface Entry {
  readonly text: string;
  readonly languageId?: string;
  /** The parse of `text`, once asked for. */
  document?: SourceDocument;
}

export class WorkspaceIndex implements WorkspaceView {
  private readonly entries = new Map<string, Entry>();
  /** The uris of each canonical uri (one file can be spelt several ways: drive letter case, escapes). */
  private readonly spellings = new Map<string, Set<string>>();
  /** Files left out of the index, and why, by canonical URI. */
  private readonly skippedFiles = new Map<string, SkippedFile>();
  private generation = 0;

  constructor(public roots: string[] = []) {}

  /** Bumped on every change, so callers can tell whether cross-file results are stale. */
  get version(): number {
    return this.generation;
  }

  /** Records a file's text; it is parsed when first asked for. */
  set(uri: string, text: string, languageId?: string): void {
    const known = this.entries.has(uri);
    this.entries.set(uri, { text, languageId });
    this.skippedFiles.delete(canonicalUri(uri));
    this.generation++;
    if (known) return;
    const key = canonicalUri(uri);
    let spellings = this.spellings.get(key);
    if (!spellings) this.spellings.set(key, (spellings = new Set()));
    spellings.add(uri);
  }

  delete(uri: string): void {
    const had = this.skippedFiles.delete(canonicalUri(uri));
    if (!this.forget(uri) && !had) return;
    this.generation++;
  }

  /** Records a file that is left out of the index, and why (it replaces an entry for it). */
  skip(uri: string, skipped: SkippedFile): void {
    this.forget(uri);
    this.skippedFiles.set(canonicalUri(uri), skipped);
    this.generation++;
  }

  skipped(uri: string): SkippedFile | undefined {
    return this.skippedFiles.get(canonicalUri(uri));
  }

  /** Drops the entry of `uri`; whether there was one. */
  private forget(uri: string): boolean {
    if (!this.entries.delete(uri)) return false;
    const key = canonicalUri(uri);
    const spellings = this.spellings.get(key);
    spellings?.delete(uri);
    if (spellings?.size === 0) this.spellings.delete(key);
    return true;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** A parse of the file's current text made elsewhere (the language service's, of an open document): used, not repeated. */
  adopt(document: SourceDocument): void {
    const entry = this.entries.get(document.uri);
    if (entry && !entry.document && entry.text === document.text) entry.document = document;
  }

  /** The parse this index has made of `text` (in language `languageId`) as the file's current text, for others to use rather than repeat. */
  parseOf(uri: string, text: string, languageId: string | undefined): SourceDocument | undefined {
    const entry = this.entries.get(uri);
    return entry?.text === text && entry.languageId === languageId ? entry.document : undefined;
  }

  /** The other uris that name the same file as `uri`. */
  otherSpellings(uri: string): string[] {
    return [...(this.spellings.get(canonicalUri(uri)) ?? [])].filter((u) => u !== uri);
  }

  /** A file's text, without parsing it. */
  text(uri: string): string | undefined {
    return this.entries.get(uri)?.text;
  }

  /** Every uri, without parsing anything. */
  uris(): Iterable<string> {
    return this.entries.keys();
  }

  file(uri: string): SourceDocument | undefined {
    const entry = this.entries.get(uri);
    return entry && this.parsed(uri, entry);
  }

  *files(): Iterable<SourceDocument> {
    for (const [uri, entry] of this.entries) yield this.parsed(uri, entry);
  }

  private parsed(uri: string, entry: Entry): SourceDocument {
    entry.document ??= parseDocument({ uri, text: entry.text, languageId: entry.languageId });
    return entry.document;
  }
}
