// Parsing a document once per version, and deciding which documents are not worth parsing at all.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type JsonDocument, MAX_NESTING_DEPTH, parseJson, tooDeepAt } from '../core/json';
import { type Classification, UNKNOWN_DOCUMENT, classify, isForeignFileName } from '../core/classify';
import { uriToFileName } from '../core/workspace';

/** Task definitions are at most 64 KiB and policies smaller; account dumps can be a few MB (the read cap, node/read.ts). */
const MAX_DOCUMENT_LENGTH = 4 * 1024 * 1024;

export interface DocumentModel {
  readonly uri: string;
  readonly version: number;
  readonly fileName: string;
  readonly document: JsonDocument;
  readonly classification: Classification;
  /** Why the document was not analysed, when it was not. */
  readonly skipped?: string;
}

const EMPTY: JsonDocument = { text: '', root: undefined, value: undefined, syntaxProblems: [] };

export function skipReason(text: string): string | undefined {
  if (text.length > MAX_DOCUMENT_LENGTH) return `larger than ${MAX_DOCUMENT_LENGTH / 1024 / 1024} MB`;
  if (text.slice(0, 8192).includes('\u0000')) return 'not a text file';
  if (tooDeepAt(text) >= 0) return `nested more than ${MAX_NESTING_DEPTH} levels deep`;
  return undefined;
}

/** The message of a file-skipped diagnostic. */
export function skippedMessage(reason: string): string {
  return `Skipped: the file is ${reason}.`;
}

/** The parsed form of this exact text, when something (the workspace index) has it already. */
export type ParsedElsewhere = (uri: string, text: string) => { document: JsonDocument; classification: Classification } | undefined;

function buildModel(uri: string, version: number, text: string, parsed: ParsedElsewhere): DocumentModel {
  const fileName = uriToFileName(uri);
  if (isForeignFileName(fileName)) return { uri, version, fileName, document: EMPTY, classification: UNKNOWN_DOCUMENT };
  const skipped = skipReason(text);
  if (skipped) return { uri, version, fileName, document: EMPTY, classification: UNKNOWN_DOCUMENT, skipped };
  // The index parsed the same text (open documents and the CLI's files are in it): once is enough.
  const known = parsed(uri, text);
  if (known) return { uri, version, fileName, ...known };
  const document = parseJson(text);
  return { uri, version, fileName, document, classification: classify(document, fileName) };
}

/** Keeps the parsed form of recently used documents, keyed by uri and version. */
export class ModelCache {
  private readonly models = new Map<string, DocumentModel>();

  constructor(
    private readonly parsed: ParsedElsewhere = () => undefined,
    private readonly capacity = 20,
  ) {}

  get(textDocument: TextDocument): DocumentModel {
    const cached = this.models.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) {
      // Re-insert to mark as most recently used.
      this.models.delete(textDocument.uri);
      this.models.set(textDocument.uri, cached);
      return cached;
    }
    const model = buildModel(textDocument.uri, textDocument.version, textDocument.getText(), this.parsed);
    this.models.set(textDocument.uri, model);
    if (this.models.size > this.capacity) this.models.delete(this.models.keys().next().value!);
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
