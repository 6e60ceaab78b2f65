// The workspace index: every file the server or the CLI has read, parsed by its source. Cross-file checks
// read each file's model (core/workspace.ts WorkspaceView); fixes that edit another file render their
// model edits through that file's source, against the text it was parsed from. Sources read the other
// files through it (SourceFiles: a Terraform module's sibling .tf files); a document built from other files
// is parsed again when one of them changes, and so is a file that a changed document reads.
import type { WorkspaceView } from '../core/workspace';
import { canonicalUri, dirnameOf } from '../core/uris';
import { type SourceDocument, type SourceFiles, parseDocument } from '../sources';

export class WorkspaceIndex implements WorkspaceView, SourceFiles {
  private readonly entries = new Map<string, SourceDocument>();
  private readonly languages = new Map<string, string | undefined>();
  /** Canonical folder URI -> the URIs indexed in it. */
  private readonly folders = new Map<string, Set<string>>();
  /** Canonical URI -> the URI it is indexed under. */
  private readonly spellings = new Map<string, string>();
  /** Canonical URI of a file -> the entries whose model was built from it. */
  private readonly dependents = new Map<string, Set<string>>();
  private generation = 0;

  constructor(public roots: string[] = []) {}

  /** Bumped on every change, so callers can tell whether cross-file results are stale. */
  get version(): number {
    return this.generation;
  }

  set(uri: string, text: string, languageId?: string): SourceDocument {
    const before = this.entries.get(uri);
    const entry = this.parse(uri, text, languageId);
    this.refreshRelated(uri, [before, entry]);
    return entry;
  }

  delete(uri: string): void {
    const before = this.entries.get(uri);
    if (!before) return;
    this.entries.delete(uri);
    this.languages.delete(uri);
    this.folders.get(canonicalUri(dirnameOf(uri)))?.delete(uri);
    this.spellings.delete(canonicalUri(uri));
    this.setDependencies(uri, before, undefined);
    this.generation++;
    this.refreshRelated(uri, [before]);
  }

  file(uri: string): SourceDocument | undefined {
    return this.entries.get(uri);
  }

  /** The language id an entry was parsed with. */
  languageOf(uri: string): string | undefined {
    return this.languages.get(uri);
  }

  files(): Iterable<SourceDocument> {
    return this.entries.values();
  }

  /** SourceFiles: the text of an indexed file, under any spelling of its URI. */
  read(uri: string): string | undefined {
    const exact = this.entries.get(uri);
    if (exact) return exact.text;
    const known = this.spellings.get(canonicalUri(uri));
    return known === undefined ? undefined : this.entries.get(known)?.text;
  }

  /** SourceFiles: the entries built from a file's text. */
  readers(uri: string): readonly string[] {
    return [...(this.dependents.get(canonicalUri(uri)) ?? [])];
  }

  /** SourceFiles: the indexed files of a folder. */
  list(folderUri: string): readonly string[] {
    return [...(this.folders.get(canonicalUri(folderUri)) ?? [])];
  }

  private parse(uri: string, text: string, languageId: string | undefined): SourceDocument {
    // The entry is in the index (with its new text) while it is parsed, so that its source sees it listed.
    const entry = parseDocument({ uri, text, languageId, files: this.withText(uri, text) });
    this.setDependencies(uri, this.entries.get(uri), entry);
    this.entries.set(uri, entry);
    this.spellings.set(canonicalUri(uri), uri);
    this.languages.set(uri, languageId);
    const folder = canonicalUri(dirnameOf(uri));
    let inFolder = this.folders.get(folder);
    if (!inFolder) this.folders.set(folder, (inFolder = new Set()));
    inFolder.add(uri);
    this.generation++;
    return entry;
  }

  private withText(uri: string, text: string): SourceFiles {
    return {
      readers: (other) => this.readers(other),
      read: (other) => (canonicalUri(other) === canonicalUri(uri) ? text : this.read(other)),
      list: (folder) => {
        const listed = this.list(folder);
        return canonicalUri(folder) === canonicalUri(dirnameOf(uri)) && !listed.includes(uri) ? [...listed, uri] : listed;
      },
    };
  }

  private setDependencies(uri: string, before: SourceDocument | undefined, after: SourceDocument | undefined): void {
    for (const dependency of before?.dependencies ?? []) this.dependents.get(canonicalUri(dependency))?.delete(uri);
    for (const dependency of after?.dependencies ?? []) {
      const key = canonicalUri(dependency);
      let set = this.dependents.get(key);
      if (!set) this.dependents.set(key, (set = new Set()));
      set.add(uri);
    }
  }

  /** Parses again the entries built from `uri`'s text, and those `uri`'s document reads (before and after the change). */
  private refreshRelated(uri: string, versions: (SourceDocument | undefined)[]): void {
    const related = new Set(this.dependents.get(canonicalUri(uri)) ?? []);
    for (const version of versions) {
      for (const dependency of version?.dependencies ?? []) {
        const known = this.spellings.get(canonicalUri(dependency));
        if (known !== undefined) related.add(known);
      }
    }
    related.delete(uri);
    for (const other of related) {
      const entry = this.entries.get(other);
      if (entry) this.parse(other, entry.text, this.languages.get(other));
    }
  }
}
