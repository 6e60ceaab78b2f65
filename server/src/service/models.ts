// Parsing a document once per version (by its source), and deciding which documents are not worth parsing at all.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_NESTING_DEPTH, type SourceDocument, isForeignFileName, sourceFor, tooDeepAt, unanalysedDocument } from '../sources';
import { sanitizeMessage } from '../core/messages';
import { uriToFileName } from '../core/workspace';
import type { WorkspaceIndex } from './workspace';

/** Task definitions are at most 64 KiB and policies smaller; account dumps can be a few MB (the read cap, lsp/fileSystem.ts SCAN_LIMITS). */
const MAX_DOCUMENT_LENGTH = 4 * 1024 * 1024;

export interface DocumentModel {
  readonly version: number;
  readonly document: SourceDocument;
  /** Why the document was not analysed, when it was not. */
  readonly skipped?: string;
  /** The workspace index's version when the document was read (its model may be built from other files). */
  readonly workspaceVersion?: number;
}

/** Why a text is not analysed at all (it follows "the file is"), or undefined. */
export function skipReason(text: string): string | undefined {
  if (text.length > MAX_DOCUMENT_LENGTH) return `larger than ${MAX_DOCUMENT_LENGTH / 1024 / 1024} MB`;
  if (text.slice(0, 8192).includes('\u0000')) return 'not a text file';
  if (tooDeepAt(text) >= 0) return `nested more than ${MAX_NESTING_DEPTH} levels deep`;
  return undefined;
}

/** The message of a file-skipped diagnostic (a reason may quote an error, so it is escaped: core/messages.ts). */
export function skippedMessage(reason: string): string {
  return sanitizeMessage(`Skipped: the file is ${reason}.`);
}

function buildModel(textDocument: TextDocument, workspace: WorkspaceIndex | undefined): DocumentModel {
  const { uri, version } = textDocument;
  const text = textDocument.getText();
  const workspaceVersion = workspace?.version;
  if (isForeignFileName(uriToFileName(uri))) return { version, document: unanalysedDocument(uri, '') };
  const skipped = skipReason(text);
  if (skipped) return { version, document: unanalysedDocument(uri, ''), skipped };
  try {
    // The workspace index's parse when it holds this text (an open document is in it), with the other files
    // its source reads; else a parse of the document that may still read the indexed files.
    const indexed = workspace?.parseOf(uri, text, textDocument.languageId);
    if (indexed) return { version, document: indexed, workspaceVersion };
    const input = { uri, text, languageId: textDocument.languageId, files: workspace };
    return { version, document: sourceFor(input).parse(input), workspaceVersion };
  } catch {
    // Sources never throw (sources/source.ts); if one does, this document is not analysed, and the others are.
    return { version, document: unanalysedDocument(uri, ''), skipped: 'not analysed (its source failed on it)' };
  }
}

/**
 * Keeps the parsed form of recently used documents, keyed by uri and version. A document built from other
 * files (a Terraform module's) is read again when the workspace has changed since.
 */
export class ModelCache {
  private readonly models = new Map<string, DocumentModel>();

  /** `compact`: a model that falls out lets its document's syntax trees go (the server's many open documents). */
  constructor(
    private readonly capacity = 20,
    private readonly workspace?: WorkspaceIndex,
    private readonly compact = false,
  ) {}

  get(textDocument: TextDocument): DocumentModel {
    const cached = this.models.get(textDocument.uri);
    if (cached && cached.version === textDocument.version && this.current(cached, textDocument)) {
      // Re-insert to mark as most recently used.
      this.models.delete(textDocument.uri);
      this.models.set(textDocument.uri, cached);
      return cached;
    }
    const model = buildModel(textDocument, this.workspace);
    // A stand-in made before its source had loaded (sources/source.ts `provisional`) is not kept.
    if (model.document.provisional) return model;
    this.models.set(textDocument.uri, model);
    if (this.models.size > this.capacity) {
      const [oldest, evicted] = this.models.entries().next().value!;
      this.models.delete(oldest);
      if (this.compact) evicted.document.compact?.();
    }
    return model;
  }

  /** Whether a cached model still holds: nothing it was built from changed (the index has kept its parse). */
  private current(cached: DocumentModel, textDocument: TextDocument): boolean {
    const workspace = this.workspace;
    if (!workspace || cached.skipped || cached.workspaceVersion === workspace.version) return true;
    const indexed = workspace.parseOf(textDocument.uri, cached.document.text, textDocument.languageId);
    return indexed ? indexed === cached.document : !cached.document.dependencies?.length;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
