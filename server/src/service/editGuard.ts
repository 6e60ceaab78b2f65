// The one gate every code action's edit passes through (quick fixes and Fix all): what a fix may write.
//  - The document the fix was asked for: at the version the request saw, with every change inside its text.
//  - Another file: only one the server has read, as it read it. An open document at its version (the editor
//    refuses the edit if it moved on); a file read from disk only while the disk still holds the text the
//    index parsed (compared before offering; when it differs, the platform reads it again). Every change
//    inside that text, none overlapping.
//  - A new file: only where nothing is, a symbolic link included (a link to nothing would be written through
//    to wherever it points), created with overwrite and ignoreIfExists false, its content in the same edit,
//    so that the editor refuses the whole edit if a file appeared there since. A name that is taken goes back
//    to the fix, which picks another (service/codeActions.ts); a fix with no other name is not offered.
//  - Another file or a new one only inside a workspace folder, with symbolic links resolved on both sides
//    (the target's real path inside a folder's real path): never outside, never through a link that leaves.
// A client that cannot apply versioned document changes gets only fixes of the document itself.
import type {
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { canonicalUri, isInside } from '../core/uris';
import type { TextChange } from '../sources/source';
import type { RenderedEdits } from './edits';
import type { WorkspaceIndex } from './workspace';

/** What the guard asks the disk (implemented in node/workspaceFiles.ts). */
export interface FileProbe {
  /** The text of a file, or undefined when it can't or shouldn't be read (not file:, too large, gone). */
  read(uri: string): Promise<string | undefined>;
  /**
   * Whether anything is at `uri`, without following a symbolic link at the end (a link to nothing is
   * something). Undefined when it cannot tell (not a file: URI, no permission).
   */
  exists(uri: string): Promise<boolean | undefined>;
  /**
   * The file: URI of `uri` with every symbolic link resolved; for a path that does not exist, its nearest
   * existing folder resolved and the rest appended. Undefined when it cannot be resolved.
   */
  realUri(uri: string): Promise<string | undefined>;
}

/** What the guard needs from the platform; the LSP glue provides it (lsp/server.ts). */
export interface EditPlatform {
  /** What the client can apply (its `workspace.workspaceEdit` capabilities). */
  readonly client: { readonly documentChanges: boolean; readonly createFiles: boolean };
  /** A document open in the editor, as the editor has it. */
  openDocument(uri: string): { readonly version: number; getText(): string } | undefined;
  /** The disk; absent: no other file than the open ones can be edited, and none created. */
  readonly files?: FileProbe;
  /** A file the index read from disk no longer has that text there. */
  stale?(uri: string): void;
  /** Why a fix was not offered, for the server's log. */
  log?(message: string): void;
}

/** Without a platform (tests in-process): fixes of the document itself only. */
const DOCUMENT_ONLY: EditPlatform = {
  client: { documentChanges: true, createFiles: false },
  openDocument: () => undefined,
};

/** The edit to offer; or the new files whose names are taken (the fix may pick others); or why there is none. */
export type GuardResult = { edit: WorkspaceEdit } | { taken: string[] } | { refused: string };

export class EditGuard {
  constructor(private readonly platform: EditPlatform = DOCUMENT_ONLY) {}

  /**
   * Checks rendered fix edits against the rules above and turns them into the WorkspaceEdit to offer.
   * `textDocument` is the document the fix was asked for; `workspace` the index the other documents come
   * from, with the workspace folders.
   */
  async check(rendered: RenderedEdits, textDocument: TextDocument, workspace: WorkspaceIndex | undefined): Promise<GuardResult> {
    const { client, files } = this.platform;
    const roots = workspace?.roots ?? [];
    const targets = [...rendered.changes.keys(), ...rendered.creates.map((c) => c.uri)].map(sameFileKey);
    if (new Set(targets).size !== targets.length) return this.refuse('it names one file twice');

    const edits: { uri: string; version: number | null; text: string; changes: readonly TextChange[] }[] = [];
    for (const [uri, { document: target, changes }] of rendered.changes) {
      if (!inBounds(changes, target.text.length)) return this.refuse(`a change of ${uri} lies outside the text it was computed on`);
      if (uri === textDocument.uri) {
        if (target.text !== textDocument.getText()) return this.refuse(`${uri} changed since it was read`);
        edits.push({ uri, version: textDocument.version, text: target.text, changes });
        continue;
      }
      if (!client.documentChanges) return this.refuse(`the client cannot apply versioned edits to ${uri}`);
      const open = this.platform.openDocument(uri);
      if (open) {
        if (open.getText() !== target.text) return this.refuse(`${uri} changed since it was read`);
      } else {
        if (!files) return this.refuse(`${uri} cannot be read again`);
        if ((await files.read(uri)) !== target.text) {
          this.platform.stale?.(uri);
          return this.refuse(`${uri} changed on disk since it was read`);
        }
      }
      if (!(await this.insideWorkspace(uri, roots))) return this.refuse(`${uri} is not inside a workspace folder`);
      edits.push({ uri, version: open ? open.version : null, text: target.text, changes });
    }

    const taken: string[] = [];
    for (const { uri } of rendered.creates) {
      if (!client.documentChanges || !client.createFiles) return this.refuse(`the client cannot create ${uri}`);
      if (!files) return this.refuse(`whether ${uri} exists cannot be checked`);
      const exists = workspace?.file(uri) || this.platform.openDocument(uri) ? true : await files.exists(uri);
      if (exists === undefined) return this.refuse(`whether ${uri} exists cannot be checked`);
      if (exists) taken.push(uri);
      else if (!(await this.insideWorkspace(uri, roots))) return this.refuse(`${uri} is not inside a workspace folder`);
    }
    if (taken.length) return { taken };

    if (!client.documentChanges) {
      // Only the document itself is left (everything else was refused above).
      return { edit: { changes: Object.fromEntries(edits.map((e) => [e.uri, textEdits(e, textDocument)])) } };
    }
    const documentChanges: (CreateFile | TextDocumentEdit)[] = [];
    for (const { uri, content } of rendered.creates) {
      documentChanges.push(
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
        {
          textDocument: { uri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }],
        },
      );
    }
    for (const edit of edits) {
      const identifier: OptionalVersionedTextDocumentIdentifier = { uri: edit.uri, version: edit.version };
      documentChanges.push({ textDocument: identifier, edits: textEdits(edit, textDocument) });
    }
    return { edit: { documentChanges } };
  }

  /** The real path of `uri` lies inside the real path of a workspace folder. */
  private async insideWorkspace(uri: string, roots: readonly string[]): Promise<boolean> {
    const files = this.platform.files;
    if (!files) return false;
    const real = await files.realUri(uri);
    if (real === undefined) return false;
    for (const root of roots) {
      const realRoot = await files.realUri(root);
      if (realRoot !== undefined && isInside(real, realRoot)) return true;
    }
    return false;
  }

  private refuse(reason: string): GuardResult {
    this.platform.log?.(`fix not offered: ${reason}`);
    return { refused: reason };
  }
}

/** One form per file for comparisons: `.` and `..` resolved, then core/uris.ts canonicalUri. */
function sameFileKey(uri: string): string {
  let resolved = uri;
  try {
    resolved = new URL(uri).href;
  } catch {
    // not a URL: compared as it is
  }
  return canonicalUri(resolved);
}

/** Every change within [0, length], none overlapping another. */
function inBounds(changes: readonly TextChange[], length: number): boolean {
  const sorted = [...changes].sort((a, b) => a.offset - b.offset);
  let end = 0;
  for (const c of sorted) {
    if (!Number.isInteger(c.offset) || !Number.isInteger(c.length) || c.length < 0 || c.offset < end || c.offset + c.length > length)
      return false;
    end = c.offset + c.length;
  }
  return true;
}

/** Text edits with positions in the text the changes were computed on. */
function textEdits(edit: { uri: string; text: string; changes: readonly TextChange[] }, textDocument: TextDocument): TextEdit[] {
  const positions = edit.uri === textDocument.uri ? textDocument : TextDocument.create(edit.uri, 'json', 0, edit.text);
  return edit.changes.map((c) => ({
    range: { start: positions.positionAt(c.offset), end: positions.positionAt(c.offset + c.length) },
    newText: c.newText,
  }));
}
