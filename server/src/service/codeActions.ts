// Quick fixes from diagnostics (they read Diagnostic.data, never the message), and "fix all". A fix's model
// edits are rendered by the source of each document they touch, and every edit passes the guard
// (editGuard.ts) before it is offered. When the guard finds a new file's name taken, the fix is asked again
// with that name among `takenFiles`, so it picks another.
import { type CodeAction, CodeActionKind, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, findRule, subjectOf } from '../core/engine';
import { sanitizeMessage } from '../core/messages';
import { withOwnModel } from '../core/workspace';
import type { Subject } from '../core/model';
import type { Fix } from '../core/rule';
import { canonicalUri } from '../core/uris';
import { type SourceDocument, parseDocument } from '../sources';
import type { TextChange } from '../sources/source';
import { replacementEdit } from '../sources/text';
import { type DiagnosticData, SOURCE, userMessage } from './convert';
import { EditGuard, type EditPlatform } from './editGuard';
import { applyChanges, localEdits, renderEdits } from './edits';
import type { LastAnalysis } from './lastAnalysis';
import type { DocumentModel } from './models';
import { type Settings, costOptions } from './settings';
import type { WorkspaceIndex } from './workspace';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.fargateLint`;

/** How many times a fix is asked for other names of its new files before it is given up. */
const MAX_NAME_ATTEMPTS = 20;

export interface CodeActionRequest {
  diagnostics: Diagnostic[];
  only?: string[];
}

export class CodeActionService {
  private readonly guard: EditGuard;

  /** `last`: the findings of the last validation, which the first round of fix-all takes when they are of its document. */
  constructor(
    platform?: EditPlatform,
    private readonly last?: LastAnalysis,
  ) {
    this.guard = new EditGuard(platform);
  }

  async codeActions(
    textDocument: TextDocument,
    model: DocumentModel,
    request: CodeActionRequest,
    settings: Settings,
    workspace: WorkspaceIndex | undefined,
  ): Promise<CodeAction[]> {
    const document = model.document;
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !request.only || request.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of request.diagnostics) {
        if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string' || !isData(diagnostic.data)) continue;
        const data = diagnostic.data;
        const subject = subjectOf(document.model, data.subjectPath, data.variant);
        if (!subject) continue;
        const code = diagnostic.code;
        const fixes = (taken: ReadonlySet<string>) => this.fixesFor(code, data, document, workspace, settings, taken);
        const first = fixes(new Set());
        for (let i = 0; i < first.length; i++) {
          const offered = await this.guarded(first[i], (taken) => fixes(taken)[i], textDocument, document, subject, workspace);
          if (!offered) continue;
          actions.push({
            title: sanitizeMessage(userMessage(offered.fix.title, document)),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: offered.fix.isPreferred || undefined,
            edit: offered.edit,
          });
        }
      }
    }
    // Source actions only when asked for (Source Action menu, code actions on save), as VS Code expects.
    if (request.only && wants(FIX_ALL_KIND) && document.model.kind !== 'unknown') {
      const change = this.fixAllChange(textDocument, model, settings, workspace);
      const rendered = change && { changes: new Map([[document.uri, { document, changes: [change] }]]), creates: [] };
      const result = rendered && (await this.guard.check(rendered, textDocument, workspace));
      if (result && 'edit' in result) {
        actions.push({ title: 'Fix all fargate-lint problems that have a safe fix', kind: FIX_ALL_KIND, edit: result.edit });
      }
    }
    return actions;
  }

  /**
   * The fix's edit as the guard lets it through. When names of new files are taken, `again` asks the fix
   * anew with them (and the ones before) taken; a fix that keeps a taken name, or runs out of names, is dropped.
   */
  private async guarded(
    fix: Fix | undefined,
    again: (taken: ReadonlySet<string>) => Fix | undefined,
    textDocument: TextDocument,
    document: SourceDocument,
    subject: Subject,
    workspace: WorkspaceIndex | undefined,
  ): Promise<{ fix: Fix; edit: WorkspaceEdit } | undefined> {
    const taken = new Set<string>();
    for (let attempt = 0; fix && attempt < MAX_NAME_ATTEMPTS; attempt++) {
      const rendered = renderEdits(fix.edits, document, (uri) => workspace?.file(uri), subject);
      if (!rendered) return undefined;
      const result = await this.guard.check(rendered, textDocument, workspace);
      if ('edit' in result) return { fix, edit: result.edit };
      if ('refused' in result) return undefined;
      const fresh = result.taken.map(canonicalUri).filter((uri) => !taken.has(uri));
      if (fresh.length === 0) return undefined;
      fresh.forEach((uri) => taken.add(uri));
      fix = again(taken);
    }
    return undefined;
  }

  private fixesFor(
    ruleId: string,
    data: DiagnosticData,
    document: SourceDocument,
    workspace: WorkspaceIndex | undefined,
    settings: Settings,
    takenFiles: ReadonlySet<string>,
  ): Fix[] {
    const rule = findRule(ruleId);
    const subject = subjectOf(document.model, data.subjectPath, data.variant);
    if (!rule?.fix || !subject) return [];
    return rule.fix({
      model: document.model,
      subject,
      document: withOwnModel({ uri: document.uri, fileName: document.fileName, workspace }, document.model),
      path: data.path,
      subjectPath: data.subjectPath,
      data: data.payload,
      cost: costOptions(settings),
      takenFiles,
    });
  }

  /** Fix all's edits of the document, with positions in its text. */
  fixAll(textDocument: TextDocument, model: DocumentModel, settings: Settings, workspace: WorkspaceIndex | undefined): TextEdit[] {
    const change = this.fixAllChange(textDocument, model, settings, workspace);
    if (!change) return [];
    return [
      {
        range: { start: textDocument.positionAt(change.offset), end: textDocument.positionAt(change.offset + change.length) },
        newText: change.newText,
      },
    ];
  }

  /**
   * Applies safe fixes one at a time, re-analysing in between, so each fix sees the text the last one left;
   * the result as one change of the document's text (undefined: nothing to fix).
   */
  private fixAllChange(
    textDocument: TextDocument,
    model: DocumentModel,
    settings: Settings,
    workspace: WorkspaceIndex | undefined,
  ): TextChange | undefined {
    const original = model.document.text;
    let text = original;
    const tried = new Set<string>();
    for (let round = 0; round < 100; round++) {
      const document =
        round === 0
          ? model.document
          : parseDocument({ uri: textDocument.uri, text, languageId: textDocument.languageId, files: workspace });
      const context = withOwnModel({ uri: document.uri, fileName: document.fileName, workspace }, document.model);
      const cost = costOptions(settings);
      const findings =
        (round === 0 ? this.last?.findingsOf(document, workspace, settings) : undefined) ??
        analyze(document.model, { document: context, ruleSettings: settings.rules, cost }).findings;
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
    return text === original ? undefined : replacementEdit(original, text);
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
