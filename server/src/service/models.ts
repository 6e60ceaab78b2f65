// Parsing a document once per version (by its source), and deciding which documents are not worth parsing at all.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_NESTING_DEPTH, type SourceDocument, isForeignFileName, sourceFor, tooDeepAt, unanalysedDocument } from '../sources';
import { sanitizeMessage } from '../core/messages';
import { uriToFileName } from '../core/workspace';

/** Task definitions are at most 64 KiB and policies smaller; account dumps can be a few MB (the read cap, lsp/fileSystem.ts SCAN_LIMITS). */
const MAX_DOCUMENT_LENGTH = 4 * 1024 * 1024;

export interface DocumentModel {
  readonly version: number;
  readonly document: SourceDocument;
  /** Why the document was not analysed, when it was not. */
  readonly skipped?: string;
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

/** A parse of the same text made elsewhere (the workspace index's), to use instead of parsing again. */
export type SharedParse = (uri: string, text: string, languageId: string) => SourceDocument | undefined;

function buildModel(textDocument: TextDocument, shared?: SharedParse): DocumentModel {
  const { uri, version } = textDocument;
  const text = textDocument.getText();
  if (isForeignFileName(uriToFileName(uri))) return { version, document: unanalysedDocument(uri, '') };
  const skipped = skipReason(text);
  if (skipped) return { version, document: unanalysedDocument(uri, ''), skipped };
  const input = { uri, text, languageId: textDocument.languageId };
  const source = sourceFor(input);
  try {
    // The index parsed the same text with the same source (open documents and the CLI's files are in it): once is enough.
    const reused = shared?.(uri, text, textDocument.languageId);
    if (reused?.source === source.id) return { version, document: reused };
    return { version, document: source.parse(input) };
  } catch {
    // Sources never throw (sources/source.ts); if one does, this document is not analysed, and the others are.
    return { version, document: unanalysedDocument(uri, ''), skipped: 'not analysed (its source failed on it)' };
  }
}

/** Keeps the parsed form of recently used documents, keyed by uri and version. */
export class ModelCache {
  private readonly models = new Map<string, DocumentModel>();

  constructor(private readonly capacity = 20) {}

  get(textDocument: TextDocument, shared?: SharedParse): DocumentModel {
    const cached = this.models.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) {
      // Re-insert to mark as most recently used.
      this.models.delete(textDocument.uri);
      this.models.set(textDocument.uri, cached);
      return cached;
    }
    const model = buildModel(textDocument, shared);
    this.models.set(textDocument.uri, model);
    if (this.models.size > this.capacity) this.models.delete(this.models.keys().next().value!);
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
