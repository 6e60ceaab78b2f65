// Parsing a document once per version (by its source), and deciding which documents are not worth parsing at all.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type SourceDocument, isForeignFileName, sourceFor, unanalysedDocument } from '../sources';
import { uriToFileName } from '../core/workspace';

/** Task definitions are at most 64 KiB and policies smaller; account dumps can be a few MB. */
export const MAX_DOCUMENT_LENGTH = 8 * 1024 * 1024;

export interface DocumentModel {
  readonly version: number;
  readonly document: SourceDocument;
  /** Why the document was not analysed, when it was not. */
  readonly skipped?: string;
}

export function skipReason(text: string): string | undefined {
  if (text.length > MAX_DOCUMENT_LENGTH) return `larger than ${MAX_DOCUMENT_LENGTH / 1024 / 1024} MB`;
  if (text.slice(0, 8192).includes('\u0000')) return 'not a text file';
  return undefined;
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
  try {
    return { version, document: shared?.(uri, text, textDocument.languageId) ?? sourceFor(input).parse(input) };
  } catch {
    // jsonc-parser recurses per nesting level; absurdly deep input overflows the stack.
    return { version, document: unanalysedDocument(uri, ''), skipped: 'nested too deeply to analyse' };
  }
}

/** Keeps the parsed form of recently used documents, keyed by uri and version. */
export class ModelCache {
  private readonly models = new Map<string, DocumentModel>();

  /** `compact`: a model that falls out lets its document's syntax trees go (the server's many open documents). */
  constructor(
    private readonly capacity = 20,
    private readonly compact = false,
  ) {}

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
    if (this.models.size > this.capacity) {
      const [oldest, evicted] = this.models.entries().next().value!;
      this.models.delete(oldest);
      if (this.compact) evicted.document.compact?.();
    }
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
