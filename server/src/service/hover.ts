// Hover: our own providers first (Fargate sizes, IAM actions, ...), then the schema's field docs.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core/assist';
import { positionContext } from '../core/position';
import type { WorkspaceView } from '../core/workspace';
import type { DocumentModel } from './models';
import { type Settings, costOptions } from './settings';
import { schemaDocumentOf, schemaFor } from './schemas';

export class HoverService {
  async hover(
    textDocument: TextDocument,
    model: DocumentModel,
    position: Position,
    settings: Settings,
    workspace?: WorkspaceView,
  ): Promise<Hover | null> {
    if (model.classification.kind === 'unknown') return null;
    const offset = textDocument.offsetAt(position);
    const context = positionContext(model.document, model.classification, offset, {
      fileName: model.fileName,
      uri: model.uri,
      workspace,
      cost: costOptions(settings),
    });
    const markdown = context && hoverAt(context);
    if (markdown) return { contents: { kind: 'markdown', value: markdown } };
    const binding = schemaFor(model.classification);
    if (!binding) return null;
    return binding.service.doHover(textDocument, position, schemaDocumentOf(binding, model, textDocument));
  }
}
