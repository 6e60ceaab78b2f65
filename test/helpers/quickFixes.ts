// Quick fixes as an editor applies them, the same for the server over LSP and the language service in-process.
import type { CodeAction, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';

interface EditorClient {
  diagnostics(uri: string): Promise<Diagnostic[]>;
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]>;
  applyEdit(uri: string, edit: WorkspaceEdit): Promise<string>;
}

/** Applies the quick fix titled `title` that a `code` diagnostic of `uri` offers; returns the new text. */
export async function applyQuickFix(client: EditorClient, uri: string, code: string, title: string | RegExp): Promise<string> {
  const offered: string[] = [];
  for (const diagnostic of (await client.diagnostics(uri)).filter((d) => d.code === code)) {
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
    if (action?.edit) return client.applyEdit(uri, action.edit);
    offered.push(...actions.map((a) => a.title));
  }
  throw new Error(`no quick fix ${title} for ${code}; offered: ${offered.join(' | ') || 'none'}`);
}

/** The text edits a workspace edit makes to `uri`, as `changes` or as `documentChanges`. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  return (
    edit.changes?.[uri] ??
    ((edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits : [])) as TextEdit[])
  );
}
