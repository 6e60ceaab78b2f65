// A small LSP client for protocol tests: it spawns the built server (`dist/server.js --stdio`) exactly as
// another editor would, answers workspace/configuration from a settings object, pulls diagnostics, and
// applies workspace edits to its open documents and to the disk as an editor does.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionRequest,
  type CodeLens,
  CodeLensRequest,
  type CompletionItem,
  type CompletionList,
  CompletionRequest,
  ConfigurationRequest,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  type FileEvent,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  type Hover,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  type Position,
  type Range,
  type TextEdit,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type WorkspaceEdit,
  createProtocolConnection,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyQuickFix, editsFor } from './quickFixes';

const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface StartOptions {
  /** The server script (default: the built dist/server.js). */
  server?: string;
  settings?: Record<string, unknown>;
  workspaceFolders?: { uri: string; name: string }[];
  /** Whether the client supports pull diagnostics (default true). */
  pull?: boolean;
  /** Whether the client shows server-initiated progress (window/workDoneProgress; default false). */
  progress?: boolean;
  /** Whether the client lets the server register file watchers (default false). */
  watchFiles?: boolean;
  /**
   * Files the client serves as VS Code's client does for folders the server cannot read (a virtual
   * workspace such as github.dev): URI → text. The client then says so in initializationOptions and
   * answers fargateLint/workspaceFiles and fargateLint/readFile from them.
   */
  clientFiles?: Record<string, string>;
  /** URIs among (or above) clientFiles that the client reports as symbolic links. */
  clientLinks?: string[];
  /** Files the client lists but does not read, with the reason it gives (URI → "a symbolic link, which is not followed"). */
  clientSkipped?: Record<string, string>;
  /** Whether the client applies versioned document changes and creates files (default true, as VS Code). */
  documentChanges?: boolean;
}

export class LspTestClient {
  private readonly texts = new Map<string, TextDocument>();
  private readonly pushed = new Map<string, Diagnostic[]>();
  private readonly pushWaiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];
  readonly stderr: string[] = [];
  /** The server's window/logMessage messages, in order. */
  readonly logs: string[] = [];
  /** How many workspace/diagnostic/refresh requests the server has sent. */
  refreshCount = 0;
  /** How many workspace/codeLens/refresh requests the server has sent. */
  codeLensRefreshCount = 0;
  private readonly refreshWaiters: (() => void)[] = [];
  /** The $/progress notifications the server sent, in order. */
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string } }[] = [];
  /** The capabilities the server registered (client/registerCapability). */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  settings: Record<string, unknown>;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (chunk) => client.stderr.push(String(chunk)));
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'fargateLint' ? client.settings : null)),
    );
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
      client.pushed.set(params.uri, params.diagnostics);
      for (const waiter of client.pushWaiters.filter((w) => w.uri === params.uri)) waiter.resolve(params.diagnostics);
      client.pushWaiters.splice(0, client.pushWaiters.length, ...client.pushWaiters.filter((w) => w.uri !== params.uri));
    });
    connection.onRequest('workspace/codeLens/refresh', () => {
      client.codeLensRefreshCount++;
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshCount++;
      client.refreshWaiters.splice(0).forEach((resolve) => resolve());
      return null;
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (params: LspTestClient['progress'][number]) => {
      client.progress.push(params);
    });
    connection.onRequest('client/registerCapability', (params: { registrations: LspTestClient['registrations'] }) => {
      client.registrations.push(...params.registrations);
      return null;
    });
    const served = options.clientFiles;
    if (served) {
      const skipped = options.clientSkipped ?? {};
      connection.onRequest('fargateLint/workspaceFiles', (params: { root: string; limit?: number }) => ({
        uris: [...Object.keys(served), ...Object.keys(skipped)]
          .filter((uri) => uri.startsWith(`${params.root}/`) && /\.jsonc?$/.test(uri))
          .slice(0, params.limit),
      }));
      // Served files are files and their folders exist; clientLinks are symbolic links.
      connection.onRequest('fargateLint/fileStat', (params: { uri: string }) => ({
        exists: Object.keys(served).some((uri) => uri === params.uri || uri.startsWith(`${params.uri}/`)),
        symbolicLink: (options.clientLinks ?? []).includes(params.uri),
      }));
      connection.onRequest('fargateLint/readFile', (params: { uri: string }): { text?: string; skipped?: string } =>
        params.uri in skipped ? { skipped: skipped[params.uri] } : { text: served[params.uri] },
      );
    }
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      initializationOptions: served ? { workspaceFiles: true } : undefined,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          diagnostics: { refreshSupport: true },
          codeLens: { refreshSupport: true },
          ...(options.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
          ...(options.documentChanges === false ? {} : { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } }),
        },
        ...(options.progress ? { window: { workDoneProgress: true } } : {}),
        textDocument: {
          ...(options.pull === false ? {} : { diagnostic: { dynamicRegistration: false } }),
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'json'): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, text: string): Promise<void> {
    const current = this.texts.get(uri)!;
    const next = TextDocument.create(uri, current.languageId, current.version + 1, text);
    this.texts.set(uri, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: next.version },
      contentChanges: [{ text }],
    });
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  isOpen(uri: string): boolean {
    return this.texts.has(uri);
  }

  text(uri: string): string {
    return this.texts.get(uri)!.getText();
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { fargateLint: settings } });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    return report.kind === 'full' ? report.items : [];
  }

  /** Resolves at the next workspace/diagnostic/refresh request from the server (rejects after `ms`). */
  nextRefresh(ms = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no workspace/diagnostic/refresh from the server')), ms);
      this.refreshWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Tells the server about file changes on disk, as a client's file watcher does. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Tells the server that workspace folders were added and removed (workspace/didChangeWorkspaceFolders). */
  async changeWorkspaceFolders(added: { uri: string; name: string }[], removed: { uri: string; name: string }[] = []): Promise<void> {
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added, removed } });
  }

  /** For a client without pull support: waits for the next publishDiagnostics of `uri`. */
  nextPushedDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.pushWaiters.push({ uri, resolve }));
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = (await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as
      CompletionList | CompletionItem[] | null;
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async codeLenses(uri: string): Promise<CodeLens[]> {
    return (await this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    });
    return (result ?? []) as CodeAction[];
  }

  /** Applies the quick fix titled `title` that a `code` diagnostic of `uri` offers; returns the new text. */
  applyFix(uri: string, code: string, title: string | RegExp): Promise<string> {
    return applyQuickFix(this, uri, code, title);
  }

  /** Applies a workspace edit's changes for `uri` to the open document (and tells the server); returns its new text. */
  async applyEdit(uri: string, edit: WorkspaceEdit): Promise<string> {
    const next = TextDocument.applyEdits(this.texts.get(uri)!, editsFor(edit, uri));
    await this.change(uri, next);
    return next;
  }

  /**
   * Applies a whole workspace edit as an editor does: open documents change in the editor (and the server is
   * told), other files change on disk. Files are checked and written the way most editors do, through
   * symbolic links (a link to a missing file counts as no file, and writing it creates the file it points
   * to): the server must be safe with such a client. A create of a file that exists fails unless its options
   * say otherwise; a document edit for another version than the open one fails. The first failure stops the
   * edit, as it does in VS Code. `documentChanges`, when there are any, win over `changes` (LSP). Returns the paths of the files written or created on disk.
   */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<string[]> {
    const written: string[] = [];
    const editText = async (uri: string, version: number | null, edits: TextEdit[]) => {
      const open = this.texts.get(uri);
      if (open) {
        if (version !== null && version !== open.version)
          throw new Error(`${uri} is at version ${open.version}, the edit is for ${version}`);
        await this.change(uri, TextDocument.applyEdits(open, edits));
        return;
      }
      const file = fileURLToPath(uri);
      if (!existsSync(file)) throw new Error(`${file} does not exist`);
      writeFileSync(file, TextDocument.applyEdits(TextDocument.create(uri, 'json', 0, readFileSync(file, 'utf8')), edits));
      written.push(file);
    };
    // A client that applies documentChanges ignores `changes` (LSP).
    if (!edit.documentChanges) for (const [uri, edits] of Object.entries(edit.changes ?? {})) await editText(uri, null, edits);
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`the test client does not ${change.kind} files`);
        const file = fileURLToPath(change.uri);
        if (existsSync(file) && !change.options?.overwrite) {
          if (change.options?.ignoreIfExists) continue;
          throw new Error(`${file} exists`);
        }
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, '');
        written.push(file);
      } else {
        await editText(change.textDocument.uri, change.textDocument.version, change.edits as TextEdit[]);
      }
    }
    return [...new Set(written)];
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}

/**
 * A copy of the folder `fixture` in a temporary folder (the tests may change its files) and a server with that
 * copy as its workspace folder `name`, once it has indexed it (its first refresh). `stop` shuts the server
 * down and removes the copy.
 */
export async function startFixtureWorkspace(
  fixture: string,
  name: string,
): Promise<{ client: LspTestClient; root: string; stop: () => Promise<void> }> {
  const root = mkdtempSync(path.join(tmpdir(), `fargate-lint-${name}-`));
  cpSync(fixture, root, { recursive: true });
  const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(root).href, name }] });
  await client.nextRefresh();
  const stop = async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  };
  return { client, root, stop };
}

export { positionOf, range, rangeOf } from './positions';
