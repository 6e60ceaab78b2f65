// The workspace index: every file the server or the CLI has read, parsed by its source. Cross-file checks
// read each file's model (core/workspace.ts WorkspaceView); fixes that edit another file render their
// model edits through that file's source, against the text it was parsed from.
// A file's text is parsed when something first asks for it (`file`, `files`), not when it is set: an open
// document that changes on every keystroke is parsed once when another document looks across files, or
// when the editor's sync asks after a quiet period, never once per change.
// Sources read the other files through it (SourceFiles: a Terraform module's sibling .tf files, a file()
// target). A parse notes what it read (texts, folder listings, who reads a file name); setting or deleting
// a file drops the parses that read it, which are made again when next asked for. Who may read a file name
// comes from each document's `mentions` (a scan of its text, made when first needed), never from a parse.
import { basenameOf, canonicalUri, dirnameOf } from '../core/uris';
import type { SkippedFile, WorkspaceView } from '../core/workspace';
import { type SourceDocument, type SourceFiles, fileMentions, parseDocument, prepareFor } from '../sources';

interface Entry {
  readonly text: string;
  readonly languageId?: string;
  /** The parse of `text`, once asked for. */
  document?: SourceDocument;
  /** What that parse read (keys of `watchers`). */
  watched?: ReadonlySet<string>;
}

/** Keys of what a parse read: a file's text, a folder's listing, the readers of a file name. */
const textKey = (uri: string) => `t:${canonicalUri(uri)}`;
const listKey = (folder: string, suffix = '') => `l:${suffix.toLowerCase()}:${canonicalUri(folder)}`;
const readersKey = (name: string) => `r:${name}`;

export class WorkspaceIndex implements WorkspaceView, SourceFiles {
  private readonly entries = new Map<string, Entry>();
  /** The uris of each canonical uri (one file can be spelt several ways: drive letter case, escapes). */
  private readonly spellings = new Map<string, Set<string>>();
  /** Files left out of the index, and why, by canonical URI. */
  private readonly skippedFiles = new Map<string, SkippedFile>();
  /** Canonical folder uri -> the uris indexed in it. */
  private readonly folders = new Map<string, Set<string>>();
  /** The name suffixes (lower case) some parse listed folders with: whose lists a file coming or going changes. */
  private readonly listedSuffixes = new Set<string>();
  /** What a parse read -> the uris whose parse read it. */
  private readonly watchers = new Map<string, Set<string>>();
  /** File name -> the uris whose text mentions it (SourceFiles.readers), for the files scanned so far. */
  private readonly mentioned = new Map<string, Set<string>>();
  /** The names each scanned uri mentions. */
  private readonly mentionsOf = new Map<string, readonly string[]>();
  /** Uris whose mentions are to be scanned again (set or deleted since): done when readers are next asked. */
  private readonly unscanned = new Set<string>();
  private generation = 0;

  /**
   * `compact`: a file first parsed while every file is looked through (`files()`: a cross-file lookup) keeps
   * its model and lets its syntax trees go (SourceDocument.compact): the server's many files, most of
   * which no one is editing. A file parsed for the language service (`parseOf`) or by name keeps them.
   */
  constructor(
    public roots: string[] = [],
    private readonly compact = false,
  ) {}

  /** Changes whenever a file is set or deleted, so callers can cache per version. */
  get version(): number {
    return this.generation;
  }

  /** Records a file's text; it is parsed when first asked for. */
  set(uri: string, text: string, languageId?: string): void {
    // The first Terraform file starts loading the HCL parser where it loads on demand (the server).
    void prepareFor(uri, languageId);
    const before = this.entries.get(uri);
    this.skippedFiles.delete(canonicalUri(uri));
    this.generation++;
    // The same text again (an open document also read from disk): its parse still holds.
    if (before && before.text === text && before.languageId === languageId) return;
    this.entries.set(uri, { text, languageId });
    if (before) {
      this.forget(uri, before);
      if (before.text !== text) this.changed(textKey(uri));
      this.unscanned.add(uri);
      return;
    }
    const key = canonicalUri(uri);
    let spellings = this.spellings.get(key);
    if (!spellings) this.spellings.set(key, (spellings = new Set()));
    spellings.add(uri);
    const folder = canonicalUri(dirnameOf(uri));
    let inFolder = this.folders.get(folder);
    if (!inFolder) this.folders.set(folder, (inFolder = new Set()));
    inFolder.add(uri);
    this.changed(textKey(uri));
    this.listChanged(folder, uri);
    this.unscanned.add(uri);
  }

  /**
   * A source has loaded what it needs (the HCL parser): a new version, so that what was computed from the
   * stand-ins parsed before (which the index never keeps) is computed again.
   */
  sourcesLoaded(): void {
    this.generation++;
  }

  delete(uri: string): void {
    const had = this.skippedFiles.delete(canonicalUri(uri));
    if (!this.drop(uri) && had) this.generation++;
  }

  /** Records a file that is left out of the index, and why (it replaces an entry for it). */
  skip(uri: string, skipped: SkippedFile): void {
    this.drop(uri);
    this.skippedFiles.set(canonicalUri(uri), skipped);
    this.generation++;
  }

  skipped(uri: string): SkippedFile | undefined {
    return this.skippedFiles.get(canonicalUri(uri));
  }

  /** Drops the entry of `uri` (a new version of the index when there was one); whether there was one. */
  private drop(uri: string): boolean {
    const before = this.entries.get(uri);
    if (!before) return false;
    this.entries.delete(uri);
    this.forget(uri, before);
    const key = canonicalUri(uri);
    const spellings = this.spellings.get(key);
    spellings?.delete(uri);
    if (spellings?.size === 0) this.spellings.delete(key);
    const folder = canonicalUri(dirnameOf(uri));
    const inFolder = this.folders.get(folder);
    inFolder?.delete(uri);
    if (inFolder?.size === 0) this.folders.delete(folder);
    this.generation++;
    this.changed(textKey(uri));
    this.listChanged(folder, uri);
    this.unscanned.add(uri);
    return true;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /**
   * A parse of the file's current text made elsewhere (the CLI's first pass, of a file read alone): used, not
   * repeated. Not for a document whose source reads other files (its parse depends on them).
   */
  adopt(document: SourceDocument): void {
    const entry = this.entries.get(document.uri);
    if (entry && !entry.document && entry.text === document.text && !document.provisional) {
      entry.document = document;
      this.watch(document.uri, entry, new Set([textKey(document.uri)]));
    }
  }

  /** The index's parse of the file when `text` (in language `languageId`) is its current text, made now if need be. */
  parseOf(uri: string, text: string, languageId: string | undefined): SourceDocument | undefined {
    const entry = this.entries.get(uri);
    if (entry?.text !== text || entry.languageId !== languageId) return undefined;
    this.scanMentions();
    return this.parsed(uri, entry);
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
    if (!entry) return undefined;
    this.scanMentions();
    return this.parsed(uri, entry);
  }

  *files(): Iterable<SourceDocument> {
    this.scanMentions();
    for (const [uri, entry] of this.entries) yield this.parsed(uri, entry, this.compact);
  }

  /** SourceFiles: the text of an indexed file, under any spelling of its URI. */
  read(uri: string): string | undefined {
    const exact = this.entries.get(uri);
    if (exact) return exact.text;
    for (const known of this.spellings.get(canonicalUri(uri)) ?? []) return this.entries.get(known)?.text;
    return undefined;
  }

  /** SourceFiles: the indexed files of a folder; with `suffix`, those whose name ends with it (in any case). */
  list(folderUri: string, suffix?: string): readonly string[] {
    const inFolder = this.folders.get(canonicalUri(folderUri)) ?? [];
    if (!suffix) return [...inFolder];
    const lower = suffix.toLowerCase();
    const listed: string[] = [];
    for (const uri of inFolder) if (uri.toLowerCase().endsWith(lower)) listed.push(uri);
    return listed;
  }

  /** SourceFiles: the files whose text mentions this file's name (they may read it: a module's file() call). */
  readers(uri: string): readonly string[] {
    this.scanMentions();
    return [...(this.mentioned.get(basenameOf(uri)) ?? [])];
  }

  private parsed(uri: string, entry: Entry, compact = false): SourceDocument {
    if (entry.document) return entry.document;
    const watched = new Set<string>([textKey(uri)]);
    const files: SourceFiles = {
      read: (other) => {
        watched.add(textKey(other));
        return this.read(other);
      },
      list: (folder, suffix) => {
        if (suffix) this.listedSuffixes.add(suffix.toLowerCase());
        watched.add(listKey(folder, suffix));
        return this.list(folder, suffix);
      },
      readers: (other) => {
        watched.add(readersKey(basenameOf(other)));
        return this.readers(other);
      },
    };
    const document = parseDocument({ uri, text: entry.text, languageId: entry.languageId, files });
    for (const dependency of document.dependencies ?? []) watched.add(textKey(dependency));
    // A stand-in made before its source had loaded: for this request only, parsed again when next asked for.
    if (document.provisional) return document;
    if (compact) document.compact?.();
    entry.document = document;
    this.watch(uri, entry, watched);
    return document;
  }

  private watch(uri: string, entry: Entry, watched: ReadonlySet<string>): void {
    entry.watched = watched;
    for (const key of watched) {
      let set = this.watchers.get(key);
      if (!set) this.watchers.set(key, (set = new Set()));
      set.add(uri);
    }
  }

  /** An entry replaced or removed: its parse no longer watches anything. */
  private forget(uri: string, entry: Entry): void {
    for (const key of entry.watched ?? []) {
      const set = this.watchers.get(key);
      set?.delete(uri);
      if (set?.size === 0) this.watchers.delete(key);
    }
  }

  /** A file came into or left `folder` (canonical): drops the parses that listed it, whole or by a suffix `uri` has. */
  private listChanged(folder: string, uri: string): void {
    this.changed(listKey(folder));
    const lower = uri.toLowerCase();
    for (const suffix of this.listedSuffixes) if (lower.endsWith(suffix)) this.changed(listKey(folder, suffix));
  }

  /** Drops the parses that read `key`. */
  private changed(key: string): void {
    const stale = this.watchers.get(key);
    if (!stale) return;
    for (const uri of [...stale]) {
      const entry = this.entries.get(uri);
      if (!entry) continue;
      this.forget(uri, entry);
      entry.document = undefined;
      entry.watched = undefined;
    }
  }

  /** Brings `mentioned` up to date; a name mentioned or no longer mentioned drops the parses that asked for its readers. */
  private scanMentions(): void {
    if (this.unscanned.size === 0) return;
    for (const uri of [...this.unscanned]) {
      const before = this.mentionsOf.get(uri) ?? [];
      const text = this.entries.get(uri)?.text;
      const after = text === undefined ? [] : (fileMentions(uri, text) ?? []);
      const kept = new Set(after);
      for (const name of before) {
        if (kept.has(name)) continue;
        this.mentioned.get(name)?.delete(uri);
        if (this.mentioned.get(name)?.size === 0) this.mentioned.delete(name);
        this.changed(readersKey(name));
      }
      const old = new Set(before);
      for (const name of after) {
        if (old.has(name)) continue;
        let set = this.mentioned.get(name);
        if (!set) this.mentioned.set(name, (set = new Set()));
        set.add(uri);
        this.changed(readersKey(name));
      }
      if (after.length) this.mentionsOf.set(uri, after);
      else this.mentionsOf.delete(uri);
    }
    this.unscanned.clear();
  }
}
