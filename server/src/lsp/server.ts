// The LSP glue: wires a connection to the language service. Handlers are thin: they find the document,
// its settings, and call the service; every handler is guarded so one bad document cannot stop the server.
import {
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentKindRequest, type DocumentKindParams, type DocumentKindResult, SETTINGS_SECTION } from '../../../shared/protocol';
import { UNKNOWN_DOCUMENT } from '../core/classify';
import { WorkspaceIndex } from '../core/workspace';
import type { WorkspaceFileSystem } from './fileSystem';
import { type FileChange, WorkspaceSync } from './workspaceSync';
import { FIX_ALL_KIND } from '../service/codeActions';
import { FargateLintLanguageService } from '../service/languageService';
import { DEFAULT_SETTINGS, type Settings, normalizeSettings } from '../service/settings';

const PUSH_DELAY_MS = 200;

export interface ServerPlatform {
  /** Reads workspace files from disk for cross-file checks; absent where there is no file system. */
  files?: WorkspaceFileSystem;
}

export function startServer(connection: Connection, platform: ServerPlatform = {}): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new WorkspaceIndex();
  // A policy, role or fargate-lint.json changed: the task definitions that use it must be checked again.
  const sync = new WorkspaceSync(
    workspace,
    platform.files,
    () => refreshDiagnostics(),
    (m) => connection.console.log(m),
  );
  const service = new FargateLintLanguageService({
    workspace,
    textDocumentOf: (uri) => documents.get(uri) ?? textDocumentFromIndex(uri),
    onRuleError: (ruleId, error) => connection.console.error(`rule ${ruleId} failed: ${describe(error)}`),
  });
  const settingsCache = new Map<string, Promise<Settings>>();
  let canPullConfiguration = false;
  let usePullDiagnostics = false;
  const pushTimers = new Map<string, NodeJS.Timeout>();

  function textDocumentFromIndex(uri: string): TextDocument | undefined {
    const file = workspace.file(uri);
    return file && TextDocument.create(uri, 'json', 0, file.document.text);
  }

  function settingsFor(uri: string): Promise<Settings> {
    if (!canPullConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  async function diagnosticsFor(document: TextDocument, token?: CancellationToken): Promise<Diagnostic[]> {
    const settings = await settingsFor(document.uri);
    return service.validate(document, settings, { isCancelled: () => token?.isCancellationRequested ?? false });
  }

  function refreshDiagnostics(): void {
    if (usePullDiagnostics) {
      connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      documents.all().forEach(schedulePush);
    }
  }

  function schedulePush(document: TextDocument): void {
    clearTimeout(pushTimers.get(document.uri));
    pushTimers.set(
      document.uri,
      setTimeout(() => {
        pushTimers.delete(document.uri);
        const version = document.version;
        void safely('validation', () => diagnosticsFor(document), [] as Diagnostic[]).then((diagnostics) => {
          // A newer edit has its own validation coming.
          if (documents.get(document.uri)?.version === version) publish(document.uri, diagnostics);
        });
      }, PUSH_DELAY_MS),
    );
  }

  /** Pushes diagnostics; a connection that has gone away is no reason to stop (the rejection is dropped). */
  function publish(uri: string, diagnostics: Diagnostic[]): void {
    connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }

  async function safely<T>(what: string, run: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      connection.console.error(`${what} failed: ${describe(error)}`);
      return fallback;
    }
  }

  // After `shutdown` the only message that counts is `exit`; requests get InvalidRequest, as LSP says.
  let shutDown = false;
  function refuseAfterShutdown(): void {
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down');
  }

  /** Runs a request after pending messages (a queued cancellation among them), and never lets it throw. */
  async function guard<T>(what: string, run: () => T | Promise<T>, fallback: T, token: CancellationToken): Promise<T> {
    refuseAfterShutdown();
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    const result = await safely(what, run, fallback);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    return result;
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    canPullConfiguration = !!capabilities.workspace?.configuration;
    usePullDiagnostics = !!capabilities.textDocument?.diagnostic;
    workspace.roots = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspace.roots.length === 0 && params.rootUri) workspace.roots = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ':', ' '] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        ...(usePullDiagnostics
          ? { diagnosticProvider: { identifier: 'fargate-lint', interFileDependencies: true, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: 'fargate-lint' },
    };
  });

  connection.onInitialized(() => {
    void sync.scan(workspace.roots);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const types = { 1: 'created', 2: 'changed', 3: 'deleted' } as const;
    void safely(
      'file events',
      () => sync.watched(changes.map((c): FileChange => ({ uri: c.uri, type: types[c.type as 1 | 2 | 3] ?? 'changed' }))),
      undefined,
    );
  });

  connection.onShutdown(() => {
    refuseAfterShutdown();
    shutDown = true;
    sync.cancel();
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    refreshDiagnostics();
  });

  documents.onDidChangeContent(({ document }) => {
    sync.opened(document.uri, document.getText());
    if (!usePullDiagnostics) schedulePush(document);
  });

  documents.onDidClose(({ document }) => {
    settingsCache.delete(document.uri);
    service.forget(document.uri);
    void sync.closed(document.uri);
    clearTimeout(pushTimers.get(document.uri));
    if (!usePullDiagnostics) publish(document.uri, []);
  });

  connection.languages.diagnostics.on(async (params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = await guard('validation', () => diagnosticsFor(document, token), [] as Diagnostic[], token);
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onHover((params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    return document ? guard('hover', () => service.hover(document, params.position), null, token) : null;
  });

  connection.onCompletion((params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    return document ? guard('completion', () => service.complete(document, params.position), null, token) : null;
  });

  connection.onCodeAction(async (params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await settingsFor(document.uri);
    return guard(
      'code actions',
      () => service.codeActions(document, { diagnostics: params.context.diagnostics, only: params.context.only }, settings),
      [],
      token,
    );
  });

  connection.onRequest(DocumentKindRequest, (params: DocumentKindParams): DocumentKindResult => {
    refuseAfterShutdown();
    const document = documents.get(params.uri);
    if (!document) return { kind: UNKNOWN_DOCUMENT.kind, label: UNKNOWN_DOCUMENT.label };
    try {
      const { kind, label } = service.classify(document);
      return { kind, label };
    } catch (error) {
      connection.console.error(`classification failed: ${describe(error)}`);
      return { kind: UNKNOWN_DOCUMENT.kind, label: UNKNOWN_DOCUMENT.label };
    }
  });

  documents.listen(connection);
  connection.listen();
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error as string);
}
