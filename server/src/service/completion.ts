// Completion: where our providers own a position (task size, IAM actions, ...) only their values are
// offered; elsewhere the schema's keys, enums and snippets.
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
import { type CompletionEntry, type PositionContext, positionContext } from '../core/position';
import type { WorkspaceView } from '../core/workspace';
import type { DocumentModel } from './models';
import { schemaDocumentOf, schemaFor } from './schemas';
import { findNodeAtOffset } from 'jsonc-parser';

export class CompletionService {
  async complete(
    textDocument: TextDocument,
    model: DocumentModel,
    position: Position,
    workspace?: WorkspaceView,
  ): Promise<CompletionList | null> {
    if (model.classification.kind === 'unknown') return null;
    const offset = textDocument.offsetAt(position);
    const context = positionContext(model.document, model.classification, offset, { fileName: model.fileName, uri: model.uri, workspace });
    const entries = context && completionsAt(context);
    if (context && entries) return { isIncomplete: false, items: entries.map((e) => toItem(e, textDocument, context, position)) };
    const binding = schemaFor(model.classification);
    if (!binding) return null;
    return binding.service.doComplete(textDocument, position, schemaDocumentOf(binding, model, textDocument));
  }
}

function toItem(entry: CompletionEntry, textDocument: TextDocument, context: PositionContext, position: Position): CompletionItem {
  const range = replaceRange(textDocument, context, position);
  return {
    label: entry.label,
    labelDetails: entry.description ? { description: entry.description } : undefined,
    kind: entry.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value,
    detail: entry.detail,
    documentation: entry.documentation ? { kind: 'markdown', value: entry.documentation } : undefined,
    sortText: entry.sortText,
    preselect: entry.preselect || undefined,
    filterText: entry.label,
    insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText: entry.insertText },
  };
}

/** The string, number or literal under the cursor is replaced whole; elsewhere the entry is inserted. */
function replaceRange(textDocument: TextDocument, context: PositionContext, position: Position): Range {
  const root = context.document.root;
  const node = root && findNodeAtOffset(root, context.offset, true);
  if (node && ['string', 'number', 'boolean', 'null'].includes(node.type)) {
    return { start: textDocument.positionAt(node.offset), end: textDocument.positionAt(node.offset + node.length) };
  }
  return { start: position, end: position };
}
