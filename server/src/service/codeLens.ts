// Code lenses: core says which model path each stands above and what it says; here that becomes a range.
import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { locate } from '../core/json';
import { costLenses } from '../core/taskdef/cost-assist';
import { spanToRange } from './convert';
import type { DocumentModel } from './models';
import { type Settings, costOptions } from './settings';

export function codeLenses(textDocument: TextDocument, model: DocumentModel, settings: Settings): CodeLens[] {
  if (!settings.enable || !settings.cost.codeLens || model.skipped) return [];
  return costLenses(model.classification.subjects, costOptions(settings)).map((lens) => ({
    range: spanToRange(textDocument, locate(model.document, lens.path, 'key')),
    // A lens with no command is a label: it informs, there is nothing to click.
    command: { title: lens.title, command: '' },
  }));
}
