// Helpers for the integration suite. Everything here goes through the public VS Code API, so the suite runs
// unchanged in desktop VS Code (@vscode/test-electron) and in code-server (a remote extension host: URIs
// are vscode-remote://..., never build file: URIs by hand). Waits are event-driven with a timeout; there
// are no fixed sleeps.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FargateLintApi, KindStatus } from '../../client/src/extension';

const EXTENSION_ID = 'fargate-lint.fargate-lint';
const SOURCE = 'fargate-lint';
export const DOCS_BASE = 'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/';
/** Long enough for a cold language server on a slow CI machine; a passing wait returns as soon as it can. */
const WAIT_MS = 20_000;

// ---------------------------------------------------------------------------------------------------------
// Extension and documents

let api: Promise<FargateLintApi> | undefined;

/** Activates the extension (once) and waits until its language server runs. */
export function activateExtension(): Promise<FargateLintApi> {
  api ??= (async () => {
    const extension = vscode.extensions.getExtension<FargateLintApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    const exports = await extension.activate();
    assert.ok(exports?.ready, 'activate() returned no { ready } API');
    await exports.ready;
    return exports;
  })();
  return api;
}

/** A file of the fixture workspace (test/integration/fixtures/workspace, copied to a temporary folder per run). */
export function fixtureUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the runner must open the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/**
 * Opens a fixture in its own editor tab (not a preview tab, so opening another file keeps it open: the
 * language client pulls diagnostics for documents shown in tabs).
 */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Opens several fixtures side by side in tabs, e.g. a task definition and its execution role's policy. */
export async function openFixtures(...relativePaths: string[]): Promise<vscode.TextEditor[]> {
  const editors: vscode.TextEditor[] = [];
  for (const path of relativePaths) editors.push(await openFixture(path));
  return editors;
}

/** Reverts every changed document (no save prompts) and closes all editors. Use in teardown. */
export async function revertAndCloseAll(): Promise<void> {
  // The tests' own documents: files of the workspace and untitled editors. Not VS Code's user settings.json,
  // which a test that changes a setting leaves dirty for a moment, and which VS Code may open itself.
  const ours = (d: vscode.TextDocument) => d.uri.scheme === 'untitled' || vscode.workspace.getWorkspaceFolder(d.uri) !== undefined;
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && ours(d))) {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The range of the `occurrence`-th (1-based) appearance of `text` in the document. */
export function rangeOf(document: vscode.TextDocument, text: string, occurrence = 1): vscode.Range {
  const content = document.getText();
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = content.indexOf(text, offset + 1);
    assert.ok(offset >= 0, `${JSON.stringify(text)} (occurrence ${occurrence}) not found in ${document.uri.path}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

/** A position `delta` characters into the first appearance of `text` (e.g. inside a value). */
export function positionIn(document: vscode.TextDocument, text: string, delta = 1): vscode.Position {
  return rangeOf(document, text).start.translate(0, delta);
}

/** Replaces the first appearance of `search` through a WorkspaceEdit, as an extension or a user would. */
export async function replaceText(document: vscode.TextDocument, search: string, replacement: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, rangeOf(document, search), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${document.uri.path}`);
}

// ---------------------------------------------------------------------------------------------------------
// Diagnostics

/** Our diagnostics for a document (the built-in JSON extension reports on the same files). */
function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export type DiagnosticsPredicate = (diagnostics: vscode.Diagnostic[]) => boolean;

// Most tests look only at the rules they are about (has/lacks/only), so that a new rule that also
// reports on a fixture does not break them; withCodes is for the few that pin a file's complete list.

/** Any diagnostics of ours at all. */
const someDiagnostics: DiagnosticsPredicate = (diagnostics) => diagnostics.length > 0;
/** Exactly these rule codes and no other, in any order and any number of times. */
export const withCodes =
  (...codes: string[]): DiagnosticsPredicate =>
  (diagnostics) =>
    sameSet(diagnostics.map(codeOf), codes);
/** At least one diagnostic of each of these rules (others may be there too). */
export const has =
  (...codes: string[]): DiagnosticsPredicate =>
  (diagnostics) =>
    codes.every((code) => diagnostics.some((d) => codeOf(d) === code));
/** No diagnostic of these rules (others may be there). */
export const lacks =
  (...codes: string[]): DiagnosticsPredicate =>
  (diagnostics) =>
    !diagnostics.some((d) => codes.includes(codeOf(d)));
/** None of ours left. */
export const noDiagnostics: DiagnosticsPredicate = (diagnostics) => diagnostics.length === 0;

/** The diagnostics of these rules only. */
export function only(diagnostics: vscode.Diagnostic[], ...codes: string[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => codes.includes(codeOf(d)));
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/**
 * Resolves with our diagnostics for `uri` as soon as `until` holds for them: checks now, then on every
 * `onDidChangeDiagnostics` event for that URI. Rejects after `timeout` ms, naming what it last saw.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  until: DiagnosticsPredicate = someDiagnostics,
  timeout = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const check = () => {
      const diagnostics = ourDiagnostics(uri);
      if (!until(diagnostics)) return;
      stop();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      stop();
      reject(
        new Error(
          `timed out after ${timeout} ms waiting for the expected diagnostics on ${uri.path}; last seen: ${JSON.stringify(ourDiagnostics(uri).map(summarize))}`,
        ),
      );
    }, timeout);
    const stop = () => {
      subscription.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

/**
 * Runs `change` (an edit, a code action, a setting...) and waits until the diagnostics of `uri` satisfy
 * `until`. Fails at once if they already do before the change: such a wait would prove nothing.
 */
export async function changeAndWaitForDiagnostics(
  uri: vscode.Uri,
  change: () => Thenable<unknown>,
  until: DiagnosticsPredicate,
  timeout = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  assert.ok(
    !until(ourDiagnostics(uri)),
    `the expected diagnostics are on ${uri.path} already before the change: ${JSON.stringify(ourDiagnostics(uri).map(summarize))}`,
  );
  await change();
  return waitForDiagnostics(uri, until, timeout);
}

/**
 * The cross-file case: edit one open document and wait for the diagnostics of ANOTHER open document
 * (e.g. remove a permission from the execution role's policy; the task definition gets a diagnostic).
 * Both must be open in tabs (see openFixtures).
 */
export function editAndWaitForDiagnosticsOf(
  edited: vscode.TextDocument,
  edit: { search: string; replacement: string },
  watched: vscode.Uri,
  until: DiagnosticsPredicate,
  timeout = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return changeAndWaitForDiagnostics(watched, () => replaceText(edited, edit.search, edit.replacement), until, timeout);
}

type SeverityName = 'error' | 'warning' | 'information' | 'hint';
const SEVERITY_NAMES: Record<vscode.DiagnosticSeverity, SeverityName> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** A diagnostic as a comparable value: rule code, severity name and range as [line, char, line, char]. */
export interface DiagnosticSummary {
  code: string;
  severity: SeverityName;
  range: [number, number, number, number];
}

function summarize(diagnostic: vscode.Diagnostic): DiagnosticSummary {
  const { start, end } = diagnostic.range;
  return {
    code: codeOf(diagnostic),
    severity: SEVERITY_NAMES[diagnostic.severity],
    range: [start.line, start.character, end.line, end.character],
  };
}

export function toTuple(range: vscode.Range): [number, number, number, number] {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** Asserts the exact set of diagnostics (rule code, severity, range), whatever their order. */
export function assertDiagnostics(actual: vscode.Diagnostic[], expected: DiagnosticSummary[]): void {
  const order = (a: DiagnosticSummary, b: DiagnosticSummary) =>
    a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code);
  assert.deepEqual(actual.map(summarize).sort(order), [...expected].sort(order));
}

// ---------------------------------------------------------------------------------------------------------
// Hover, completion, code actions

/** The markdown of every hover at the position, joined (our server and the built-in JSON extension both answer). */
export async function hoverMarkdown(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n\n---\n\n');
}

/** Completion items at the position, from every provider. */
export async function completionItems(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

/**
 * The items from our own providers, in their sort order. Ours carry a label description ("4 GB"), which
 * the built-in JSON extension's items never have.
 */
export function ourCompletionItems(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return items
    .filter((item) => typeof item.label === 'object' && item.label.description !== undefined)
    .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Code actions for a range (optionally only of a kind, e.g. 'source.fixAll'); commands are left out. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return actions.filter(
    (action): action is vscode.CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'),
  );
}

/** The quick fixes offered for one of our diagnostics. */
export async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((action) => action.kind?.value === vscode.CodeActionKind.QuickFix.value && action.edit);
}

/** Applies a code action's edit as the editor would. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `code action "${action.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
}

// ---------------------------------------------------------------------------------------------------------
// Settings

const changedSettings = new Set<string>();

/** Changes a `fargateLint.*` setting for the workspace folder; `resetSettings()` (in teardown) puts it back. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  changedSettings.add(key);
  await vscode.workspace.getConfiguration('fargateLint').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function resetSettings(): Promise<void> {
  for (const key of changedSettings) {
    await vscode.workspace.getConfiguration('fargateLint').update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
  changedSettings.clear();
}

// ---------------------------------------------------------------------------------------------------------
// Language status item

/**
 * Resolves with the next language-status update for `uri`. Call it BEFORE the action that triggers the
 * update (opening or editing the document).
 */
export function nextKindStatus(extension: FargateLintApi, uri: vscode.Uri, timeout = WAIT_MS): Promise<KindStatus> {
  return new Promise((resolve, reject) => {
    const subscription = extension.onDidUpdateKindStatus((status) => {
      if (status.uri !== uri.toString()) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve(status);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeout} ms waiting for the language status of ${uri.path}`));
    }, timeout);
  });
}
