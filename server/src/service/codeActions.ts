// Quick fixes from diagnostics (they read Diagnostic.data, never the message), and "fix all". A fix's model
// edits are rendered by the source of each document they touch.
import { type CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, findRule, subjectOf } from '../core/engine';
import type { Fix } from '../core/rule';
import { type SourceDocument, parseDocument } from '../sources';
import { replacementEdit } from '../sources/text';
import { type DiagnosticData, SOURCE, toWorkspaceEdit, userMessage } from './convert';
import { applyChanges, localEdits, renderEdits } from './edits';
import type { DocumentModel } from './models';
import { type Settings, costOptions } from './settings';
import type { WorkspaceIndex } from './workspace';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.fargateLint`;

export interface CodeActionRequest {
  diagnostics: Diagnostic[];
  only?: string[];
}

export class CodeActionService {
  codeActions(
    textDocument: TextDocument,
    model: DocumentModel,
    request: CodeActionRequest,
    settings: Settings,
    workspace: WorkspaceIndex | undefined,
  ): CodeAction[] {
    const document = model.document;
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !request.only || request.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of request.diagnostics) {
        if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string' || !isData(diagnostic.data)) continue;
        const data = diagnostic.data;
        const subject = subjectOf(document.model, data.subjectPath, data.variant);
        if (!subject) continue;
        for (const fix of this.fixesFor(diagnostic.code, data, document, workspace, settings)) {
          const rendered = renderEdits(fix.edits, document, (uri) => workspace?.file(uri), subject);
          if (!rendered) continue;
          actions.push({
            title: userMessage(fix.title, document),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.isPreferred || undefined,
            edit: toWorkspaceEdit(rendered, textDocument),
          });
        }
      }
    }
    // Source actions only when asked for (Source Action menu, code actions on save), as VS Code expects.
    if (request.only && wants(FIX_ALL_KIND) && document.model.kind !== 'unknown') {
      const edits = this.fixAll(textDocument, model, settings, workspace);
      if (edits.length) {
        actions.push({
          title: 'Fix all fargate-lint problems that have a safe fix',
          kind: FIX_ALL_KIND,
          edit: { changes: { [textDocument.uri]: edits } },
        });
      }
    }
    return actions;
  }

  private fixesFor(
    ruleId: string,
    data: DiagnosticData,
    document: SourceDocument,
    workspace: WorkspaceIndex | undefined,
    settings: Settings,
  ): Fix[] {
    const rule = findRule(ruleId);
    const subject = subjectOf(document.model, data.subjectPath, data.variant);
    if (!rule?.fix || !subject) return [];
    return rule.fix({
      model: document.model,
      subject,
      document: { uri: document.uri, fileName: document.fileName, workspace },
      path: data.path,
      subjectPath: data.subjectPath,
      data: data.payload,
      cost: costOptions(settings),
    });
  }

  /** Applies safe fixes one at a time, re-analysing in between, so each fix sees the text the last one left. */
  fixAll(textDocument: TextDocument, model: DocumentModel, settings: Settings, workspace: WorkspaceIndex | undefined): TextEdit[] {
    const original = model.document.text;
    let text = original;
    const tried = new Set<string>();
    for (let round = 0; round < 100; round++) {
      const document =
        round === 0
          ? model.document
          : parseDocument({ uri: textDocument.uri, text, languageId: textDocument.languageId, files: workspace });
      const context = { uri: document.uri, fileName: document.fileName, workspace };
      const cost = costOptions(settings);
      const { findings } = analyze(document.model, { document: context, ruleSettings: settings.rules, cost });
      let applied = false;
      for (const finding of findings) {
        const key = `${finding.ruleId} ${JSON.stringify(finding.path)}`;
        if (tried.has(key)) continue;
        tried.add(key);
        const rule = findRule(finding.ruleId);
        const subject = subjectOf(document.model, finding.subjectPath, finding.variant?.choices);
        if (!rule?.fix || !subject) continue;
        const fix = rule
          .fix({
            model: document.model,
            subject,
            document: context,
            path: finding.path,
            subjectPath: finding.subjectPath,
            data: finding.data,
            cost,
          })
          .find((f) => f.safe);
        // Fix all edits this document only.
        const changes = fix && document.edit(localEdits(fix.edits, document.uri), subject);
        if (!changes?.length) continue;
        const next = applyChanges(text, changes);
        if (next === text) continue;
        text = next;
        applied = true;
        break;
      }
      if (!applied) break;
    }
    if (text === original) return [];
    const edit = replacementEdit(original, text);
    return [
      {
        range: { start: textDocument.positionAt(edit.offset), end: textDocument.positionAt(edit.offset + edit.length) },
        newText: edit.newText,
      },
    ];
  }
}

function isData(value: unknown): value is DiagnosticData {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as DiagnosticData).path) &&
    Array.isArray((value as DiagnosticData).subjectPath)
  );
}
