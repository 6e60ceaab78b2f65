// Hover: our own providers first (Fargate sizes, IAM actions, ...), on the cursor the document's source
// computes; then, for JSON, the schema's field docs.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core/assist';
import type { WorkspaceView } from '../core/workspace';
import { userMessage } from './convert';
import type { DocumentModel } from './models';
import { fieldDocumentation, jsonDocumentOf, schemaDocumentOf, schemaFor } from './schemas';
import { positionContextOf } from './position';
import { type Settings, costOptions } from './settings';

export class HoverService {
  async hover(
    textDocument: TextDocument,
    model: DocumentModel,
    position: Position,
    settings: Settings,
    workspace?: WorkspaceView,
  ): Promise<Hover | null> {
    const document = model.document;
    if (document.model.kind === 'unknown') return null;
    const context = positionContextOf(document, textDocument.offsetAt(position), workspace, costOptions(settings));
    const markdown = context && hoverAt(context);
    if (markdown) return { contents: { kind: 'markdown', value: userMessage(markdown, document) } };
    const json = jsonDocumentOf(document);
    const binding = json && schemaFor(json.model);
    if (!binding) {
      // Another syntax: the schema's field docs, by model path.
      const field = context?.subject.kind === 'task-definition' ? fieldDocumentation(context.relativePath) : undefined;
      return field ? { contents: { kind: 'markdown', value: field } } : null;
    }
    return binding.service.doHover(textDocument, position, schemaDocumentOf(binding, model, textDocument));
  }
}
