// Quick fixes from diagnostics (they read Diagnostic.data, never the message), and "fix all".
import { type CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFileEdits, replacementEdit } from '../core/edits';
import { analyze, findRule } from '../core/engine';
import { parseJson } from '../core/json';
import { sanitizeMessage } from '../core/messages';
import type { Fix } from '../core/rule';
import type { WorkspaceView } from '../core/workspace';
import { type DiagnosticData, SOURCE, toWorkspaceEdit } from './convert';
import type { DocumentModel } from './models';
import type { Settings } from './settings';

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
    workspace: WorkspaceView | undefined,
    textDocumentOf: (uri: string) => TextDocument | undefined,
  ): CodeAction[] {
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !request.only || request.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of request.diagnostics) {
        if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string' || !isData(diagnostic.data)) continue;
        for (const fix of this.fixesFor(diagnostic.code, diagnostic.data, model, workspace)) {
          const edit = toWorkspaceEdit(textDocument.uri, textDocument, fix.edits, textDocumentOf);
          if (!edit) continue;
          actions.push({
            title: sanitizeMessage(fix.title),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.isPreferred || undefined,
            edit,
          });
        }
      }
    }
    // Source actions only when asked for (Source Action menu, code actions on save), as VS Code expects.
    if (request.only && wants(FIX_ALL_KIND) && model.classification.kind !== 'unknown') {
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

  private fixesFor(ruleId: string, data: DiagnosticData, model: DocumentModel, workspace: WorkspaceView | undefined): Fix[] {
    const rule = findRule(ruleId);
    if (!rule?.fix) return [];
    return rule.fix({
      document: model.document,
      fileName: model.fileName,
      uri: model.uri,
      path: data.path,
      subjectPath: data.subjectPath,
      data: data.payload,
      workspace,
    });
  }

  /** Applies safe fixes one at a time, re-analysing in between, so each fix sees the text the last one left. */
  fixAll(textDocument: TextDocument, model: DocumentModel, settings: Settings, workspace: WorkspaceView | undefined): TextEdit[] {
    const original = model.document.text;
    let text = original;
    const tried = new Set<string>();
    for (let round = 0; round < 100; round++) {
      const document = parseJson(text);
      const { findings } = analyze(document, { fileName: model.fileName, uri: model.uri, ruleSettings: settings.rules, workspace });
      let applied = false;
      for (const finding of findings) {
        const key = `${finding.ruleId} ${JSON.stringify(finding.path)}`;
        if (tried.has(key)) continue;
        tried.add(key);
        const rule = findRule(finding.ruleId);
        const fix = rule
          ?.fix?.({
            document,
            fileName: model.fileName,
            uri: model.uri,
            path: finding.path,
            subjectPath: finding.subjectPath,
            data: finding.data,
            workspace,
          })
          .find((f) => f.safe);
        if (!fix) continue;
        const next = applyFileEdits(text, fix.edits);
        if (next === text) continue;
        text = next;
        applied = true;
        break;
      }
      if (!applied) break;
    }
    if (text === original) return [];
    const edit = replacementEdit(original, text) as { offset: number; length: number; newText: string };
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
