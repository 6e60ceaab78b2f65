// Code lenses: core says which model path each stands above and what it says; the document's source says
// where that path is written. One lens per place (the variants of a template resource share one).
import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { costLenses } from '../core/taskdef/cost-assist';
import { spanToRange } from './convert';
import type { DocumentModel } from './models';
import { type Settings, costOptions } from './settings';

export function codeLenses(textDocument: TextDocument, model: DocumentModel, settings: Settings): CodeLens[] {
  if (!settings.enable || !settings.cost.codeLens || model.skipped) return [];
  const document = model.document;
  const lenses: CodeLens[] = [];
  const placed = new Set<number>();
  for (const lens of costLenses(document.model.subjects, costOptions(settings))) {
    const at = document.locate(lens.path, 'key');
    if (!at || (at.uri !== undefined && at.uri !== document.uri) || placed.has(at.offset)) continue;
    placed.add(at.offset);
    // A lens with no command is a label: it informs, there is nothing to click.
    lenses.push({ range: spanToRange(textDocument, at), command: { title: lens.title, command: '' } });
  }
  return lenses;
}
