// Completion: where our providers own a position (task size, IAM actions, ...) only their values are
// offered; elsewhere, for JSON, the schema's keys, enums and snippets. Providers write JSON text; another
// syntax renders each entry's model value through its source and leaves out what it cannot render.
import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  InsertTextFormat,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt } from '../core/assist';
import type { Cursor } from '../core/model';
import type { CompletionEntry } from '../core/position';
import type { WorkspaceView } from '../core/workspace';
import type { SourceDocument } from '../sources';
import type { DocumentModel } from './models';
import { positionContextOf } from './position';
import { jsonDocumentOf, schemaDocumentOf, schemaFor } from './schemas';

export class CompletionService {
  async complete(
    textDocument: TextDocument,
    model: DocumentModel,
    position: Position,
    workspace?: WorkspaceView,
  ): Promise<CompletionList | null> {
    const document = model.document;
    if (document.model.kind === 'unknown') return null;
    const context = positionContextOf(document, textDocument.offsetAt(position), workspace);
    const entries = context && completionsAt(context);
    if (context && entries) {
      const items = entries.flatMap((e) => toItem(e, document, textDocument, context, position) ?? []);
      return { isIncomplete: false, items };
    }
    const json = jsonDocumentOf(document);
    const binding = json && schemaFor(json.model);
    if (!binding) return null;
    return binding.service.doComplete(textDocument, position, schemaDocumentOf(binding, model, textDocument));
  }
}

function toItem(
  entry: CompletionEntry,
  document: SourceDocument,
  textDocument: TextDocument,
  cursor: Cursor,
  position: Position,
): CompletionItem | undefined {
  const newText =
    document.source === 'json' ? entry.insertText : entry.value !== undefined ? document.render(entry.value, cursor) : undefined;
  if (newText === undefined) return undefined;
  return {
    label: entry.label,
    labelDetails: entry.description ? { description: entry.description } : undefined,
    kind: entry.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value,
    detail: entry.detail,
    documentation: entry.documentation ? { kind: 'markdown', value: entry.documentation } : undefined,
    sortText: entry.sortText,
    preselect: entry.preselect || undefined,
    filterText: entry.label,
    insertTextFormat: entry.snippet && document.source === 'json' ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: replaceRange(textDocument, cursor, position), newText },
  };
}

/** The scalar under the cursor is replaced whole; elsewhere the entry is inserted. */
function replaceRange(textDocument: TextDocument, cursor: Cursor, position: Position): Range {
  const span = cursor.replace;
  if (!span) return { start: position, end: position };
  return { start: textDocument.positionAt(span.offset), end: textDocument.positionAt(span.offset + span.length) };
}
