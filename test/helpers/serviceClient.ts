// The language service in-process, driven the way an editor drives the server but without the protocol (as
// vscode-json-languageservice's own tests do): documents are TextDocuments, requests are calls on
// FargateLintLanguageService, and the workspace index holds the files of the workspace folders (read once
// from disk at start) and the open documents. Its methods are LspTestClient's, so a test reads the same in
// either tier. What only the server does (pull or push diagnostics, refresh requests, settings over
// workspace/configuration, watched files, cancellation, the bundle in dist/) is tested in test/lsp.
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyQuickFix, editsFor } from './quickFixes';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, Hover, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { nodeWorkspaceFileSystem } from '../../server/src/node/workspaceFiles';
import type { FileProbe } from '../../server/src/service/editGuard';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { type Settings, normalizeSettings } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace';

export interface ServiceStartOptions {
  /** The fargateLint settings, as the client would send them. */
  settings?: Record<string, unknown>;
  /** Folders whose files are read into the workspace index, as the server's scan does. */
  workspaceFolders?: { uri: string; name: string }[];
}

export class ServiceTestClient {
  private readonly texts = new Map<string, TextDocument>();
  private normalized: Settings;
  readonly ruleErrors: string[] = [];
  readonly service: FargateLintLanguageService;

  private constructor(
    readonly workspace: WorkspaceIndex,
    settings: Record<string, unknown>,
    disk: boolean,
  ) {
    this.normalized = normalizeSettings(settings);
    this.service = new FargateLintLanguageService({
      workspace,
      onRuleError: (ruleId, error) => this.ruleErrors.push(`${ruleId}: ${String(error)}`),
      // An editor that applies versioned edits and creates files. The files are the disk when folders were read
      // from it; otherwise the workspace index is all there is (a virtual workspace without links).
      edits: {
        client: { documentChanges: true, createFiles: true },
        openDocument: (uri) => this.texts.get(uri),
        files: disk ? nodeWorkspaceFileSystem : this.indexAsFiles(),
      },
    });
  }

  /** Without workspace folders, the workspace is file:///ws, where the open documents are (nothing on disk). */
  static async start(options: ServiceStartOptions = {}): Promise<ServiceTestClient> {
    const folders = (options.workspaceFolders ?? []).map((f) => f.uri);
    const roots = folders.length > 0 ? folders : ['file:///ws'];
    const client = new ServiceTestClient(new WorkspaceIndex(roots), options.settings ?? {}, folders.length > 0);
    for (const root of folders) {
      fileURLToPath(root); // only file: folders, as the server
      await nodeWorkspaceFileSystem.scan(
        root,
        (uri, text) => {
          // Files of none of our kinds are not kept, as in the server.
          client.workspace.set(uri, text);
          if (client.workspace.file(uri)?.model.kind === 'unknown') client.workspace.delete(uri);
        },
        () => false,
      );
    }
    return client;
  }

  async open(uri: string, text: string, languageId = 'json'): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    this.workspace.set(uri, text, languageId);
  }

  async change(uri: string, text: string): Promise<void> {
    const current = this.texts.get(uri)!;
    this.texts.set(uri, TextDocument.create(uri, current.languageId, current.version + 1, text));
    this.workspace.set(uri, text, current.languageId);
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    this.service.forget(uri);
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.normalized = normalizeSettings(settings);
  }

  diagnostics(uri: string): Promise<Diagnostic[]> {
    return this.service.validate(this.document(uri), this.normalized);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.service.hover(this.document(uri), position, this.normalized);
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    return (await this.service.complete(this.document(uri), position))?.items ?? [];
  }

  async codeLenses(uri: string): Promise<CodeLens[]> {
    return this.service.codeLenses(this.document(uri), this.normalized);
  }

  /** The code actions for `diagnostics` (the range is the editor's selection; the service works from the diagnostics). */
  async codeActions(uri: string, _range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.service.codeActions(this.document(uri), { diagnostics, only }, this.normalized);
  }

  /** Applies the quick fix titled `title` that a `code` diagnostic of `uri` offers; returns the new text. */
  applyFix(uri: string, code: string, title: string | RegExp): Promise<string> {
    return applyQuickFix(this, uri, code, title);
  }

  /** Applies a workspace edit's changes for `uri` to the open document (and tells the server); returns its new text. */
  async applyEdit(uri: string, edit: WorkspaceEdit): Promise<string> {
    const next = TextDocument.applyEdits(this.document(uri), editsFor(edit, uri));
    await this.change(uri, next);
    return next;
  }

  /** Nothing to stop; a rule that threw is a failure here, where the server would only log it. */
  async shutdown(): Promise<void> {
    if (this.ruleErrors.length > 0) throw new Error(`rules threw: ${this.ruleErrors.join('; ')}`);
  }

  private indexAsFiles(): FileProbe {
    return {
      read: async (uri) => this.workspace.file(uri)?.text,
      exists: async (uri) => this.workspace.file(uri) !== undefined,
      realUri: async (uri) => uri,
    };
  }

  /** The open document as the service is given it. */
  document(uri: string): TextDocument {
    const document = this.texts.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }
}
