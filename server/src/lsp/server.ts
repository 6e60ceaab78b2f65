// The LSP glue: wires a connection to the language service. Handlers are thin: they find the document,
// its settings, and call the service; every handler is guarded so one bad document cannot stop the server.
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  type Connection,
  type Diagnostic,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  type InitializeResult,
  LSPErrorCodes,
  ResourceOperationKind,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DocumentKindRequest,
  type DocumentKindParams,
  type DocumentKindResult,
  ExecutionRolePolicyRequest,
  type ExecutionRolePolicyParams,
  type ExecutionRolePolicyResult,
  type InitializationOptions,
  SETTINGS_SECTION,
  TaskSizesRequest,
  type TaskSizesResult,
} from '../../../shared/protocol';
import { type IamDataReader, setIamDataReader } from '../core/iam/data';
import { UNKNOWN_MODEL } from '../core/model';
import { fargatePrices, taskSizesMarkdown } from '../service/commands';
import { clientWorkspaceFileSystem, routedFileSystem } from './clientFiles';
import type { WorkspaceFileSystem } from './fileSystem';
import { QuietTimer } from './quietTimer';
import { type FileChange, WorkspaceSync } from './workspaceSync';
import { FIX_ALL_KIND } from '../service/codeActions';
import { FargateLintLanguageService } from '../service/languageService';
import { DEFAULT_SETTINGS, type Settings, costOptions, normalizeSettings } from '../service/settings';
import { WorkspaceIndex } from '../service/workspace';
import { SOURCE_FILE_GLOBS, type SourcePlatform, loadSourcesOnDemand, prepareFor, sourcesLoading } from '../sources';

const PUSH_DELAY_MS = 200;

export interface ServerPlatform {
  /** Reads `file:` workspace files from disk for cross-file checks; absent where there is no file system. */
  files?: WorkspaceFileSystem;
  /** Where the IAM data is read from, when it depends on what the client says (the browser: a URL). */
  iamData?: (options: InitializationOptions) => IamDataReader | undefined;
  /** The files the sources load before they parse (the HCL parser's WebAssembly): from disk, or by URL. */
  assets?: (options: InitializationOptions) => SourcePlatform | undefined;
}

/** Lets queued messages (a cancellation among them) through first: setImmediate in Node, a task in a worker. */
const yieldToEvents: () => Promise<void> =
  typeof setImmediate === 'function' ? () => new Promise((r) => setImmediate(r)) : () => new Promise((r) => setTimeout(r, 0));

export function startServer(connection: Connection, platform: ServerPlatform = {}): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new WorkspaceIndex([], true);
  // Folders the platform cannot read (all of them in a browser, virtual ones on the desktop) are read by a
  // client that offers it.
  let clientReadsFiles = false;
  const files = routedFileSystem(platform.files, clientWorkspaceFileSystem(connection), () => clientReadsFiles);
  // A policy, role or fargate-lint.json changed: the task definitions that use it must be checked again.
  const sync = new WorkspaceSync(
    workspace,
    files,
    () => refreshDiagnostics(),
    (m) => connection.console.log(m),
    () => connection.window.createWorkDoneProgress(),
  );
  // What fixes may edit and create (service/editGuard.ts); what the client can apply is known at initialize.
  const editClient = { documentChanges: false, createFiles: false };
  const service = new FargateLintLanguageService({
    workspace,
    compactDocuments: true,
    onRuleError: (ruleId, error) => connection.console.error(`rule ${ruleId} failed: ${describe(error)}`),
    edits: {
      client: editClient,
      openDocument: (uri) => documents.get(uri),
      files,
      // A file changed on disk without a file event reaching us: read it again, as if one had.
      stale: (uri) => void safely('file events', () => sync.watched([{ uri, type: 'changed' }]), undefined),
      log: (message) => connection.console.log(message),
    },
  });
  const settingsCache = new Map<string, Promise<Settings>>();
  let canPullConfiguration = false;
  let usePullDiagnostics = false;
  let canRefreshCodeLenses = false;
  let canWatchFiles = false;
  let hasWorkspaceFolders = false;
  const pushTimers = new Map<string, QuietTimer>();

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

  /**
   * `isCancelled` is asked between rules: after the settings request's round trip, a cancellation or a newer
   * version that came meanwhile stops the work (its result would be thrown away).
   */
  async function diagnosticsFor(document: TextDocument, isCancelled: () => boolean): Promise<Diagnostic[]> {
    await loadedFor(document);
    const settings = await settingsFor(document.uri);
    return service.validate(document, settings, { isCancelled });
  }

  /**
   * Waits for what the document's source loads on demand (the HCL parser, for a Terraform document), and for
   * any load under way (a Terraform file the document may read across files): a result is never computed
   * from a stand-in (sources/source.ts `provisional`) when the real parse is moments away.
   */
  async function loadedFor(document: TextDocument): Promise<void> {
    await prepareFor(document.uri, document.languageId);
    await sourcesLoading();
  }

  function refreshDiagnostics(): void {
    if (usePullDiagnostics) {
      connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      documents.all().forEach(schedulePush);
    }
  }

  /** Push diagnostics PUSH_DELAY_MS after the last edit of a document (one validation per typing pause). */
  function schedulePush(document: TextDocument): void {
    let timer = pushTimers.get(document.uri);
    if (!timer) {
      const uri = document.uri;
      timer = new QuietTimer(PUSH_DELAY_MS, () => {
        const current = documents.get(uri);
        if (!current) return;
        const version = current.version;
        const stale = () => documents.get(uri)?.version !== version;
        void safely('validation', () => diagnosticsFor(current, stale), [] as Diagnostic[]).then((diagnostics) => {
          // A newer edit has its own validation coming.
          if (documents.get(uri)?.version === version) publish(uri, diagnostics);
        });
      });
      pushTimers.set(uri, timer);
    }
    timer.poke();
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
    await yieldToEvents();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    const result = await safely(what, run, fallback);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    return result;
  }

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    const capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    // The Terraform source parses with WebAssembly that loads asynchronously: when the first Terraform file
    // reaches the server (opened, or found by the scan), never for a workspace without one.
    const assets = platform.assets?.(options);
    if (assets) {
      loadSourcesOnDemand({
        platform: assets,
        loaded: () => {
          connection.console.log('loaded the HCL parser (a Terraform file is in the workspace)');
          // The stand-ins parsed before were never kept; what was computed from them is dropped (per version).
          void safely('loading the HCL parser', () => sync.sourcesLoaded(), undefined).then(refreshDiagnostics);
        },
        failed: (error) => connection.console.error(`loading the HCL parser failed: ${describe(error)}`),
      });
    }
    clientReadsFiles = options.workspaceFiles === true;
    const iamData = platform.iamData?.(options);
    if (iamData) setIamDataReader(iamData);
    canPullConfiguration = !!capabilities.workspace?.configuration;
    usePullDiagnostics = !!capabilities.textDocument?.diagnostic;
    canRefreshCodeLenses = !!capabilities.workspace?.codeLens?.refreshSupport;
    canWatchFiles = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    hasWorkspaceFolders = !!capabilities.workspace?.workspaceFolders;
    const workspaceEdit = capabilities.workspace?.workspaceEdit;
    editClient.documentChanges = !!workspaceEdit?.documentChanges;
    editClient.createFiles = !!workspaceEdit?.resourceOperations?.includes(ResourceOperationKind.Create);
    workspace.roots = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspace.roots.length === 0 && params.rootUri) workspace.roots = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ':', ' '] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(usePullDiagnostics
          ? { diagnosticProvider: { identifier: 'fargate-lint', interFileDependencies: true, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: 'fargate-lint' },
    };
  });

  connection.onInitialized(() => {
    void sync.scan(workspace.roots);
    // Watch the files the sources read (VS Code's client also watches **/*.json itself: the events of both
    // arrive within the sync's gathering window and are read once).
    if (canWatchFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: SOURCE_FILE_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch(() => undefined);
    }
    if (hasWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        void safely(
          'workspace folders',
          () =>
            sync.changeRoots(
              added.map((f) => f.uri),
              removed.map((f) => f.uri),
            ),
          undefined,
        );
      });
    }
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
    // The lenses depend on fargateLint.cost.*; the client asks again when told to.
    if (canRefreshCodeLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  documents.onDidChangeContent(({ document }) => {
    sync.opened(document.uri, document.getText(), document.languageId);
    if (!usePullDiagnostics) schedulePush(document);
  });

  documents.onDidClose(({ document }) => {
    settingsCache.delete(document.uri);
    service.forget(document.uri);
    void sync.closed(document.uri);
    pushTimers.get(document.uri)?.cancel();
    pushTimers.delete(document.uri);
    if (!usePullDiagnostics) publish(document.uri, []);
  });

  connection.languages.diagnostics.on(async (params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = await guard('validation', () => diagnosticsFor(document, () => token.isCancellationRequested), [] as Diagnostic[], token);
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onHover(async (params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    await loadedFor(document);
    const settings = await settingsFor(document.uri);
    return guard('hover', () => service.hover(document, params.position, settings), null, token);
  });

  connection.onCodeLens(async (params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    await loadedFor(document);
    const settings = await settingsFor(document.uri);
    return guard('code lenses', () => service.codeLenses(document, settings), [], token);
  });

  connection.onCompletion(async (params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    await loadedFor(document);
    return guard('completion', () => service.complete(document, params.position), null, token);
  });

  connection.onCodeAction(async (params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    await loadedFor(document);
    const settings = await settingsFor(document.uri);
    return guard(
      'code actions',
      () => service.codeActions(document, { diagnostics: params.context.diagnostics, only: params.context.only }, settings),
      [],
      token,
    );
  });

  connection.onRequest(DocumentKindRequest, async (params: DocumentKindParams): Promise<DocumentKindResult> => {
    refuseAfterShutdown();
    const document = documents.get(params.uri);
    if (!document) return { kind: UNKNOWN_MODEL.kind, label: UNKNOWN_MODEL.label };
    await loadedFor(document);
    try {
      const { kind, label } = service.classify(document);
      return { kind, label };
    } catch (error) {
      connection.console.error(`classification failed: ${describe(error)}`);
      return { kind: UNKNOWN_MODEL.kind, label: UNKNOWN_MODEL.label };
    }
  });

  connection.onRequest(ExecutionRolePolicyRequest, async (params: ExecutionRolePolicyParams): Promise<ExecutionRolePolicyResult> => {
    refuseAfterShutdown();
    const document = documents.get(params.uri);
    if (!document) return { reason: 'The document is not open.' };
    await loadedFor(document);
    try {
      const result = service.executionRolePolicy(document, params.position);
      if (!result.policy) return { role: result.role, reason: result.reason };
      // The policy travels as a model value; the document's source wrote it in its own syntax.
      const rendered = result.rendered;
      if (!rendered) return { role: result.role, reason: `A policy in the syntax of this file (${result.source}) is not written yet.` };
      return { content: rendered.content, language: rendered.language, role: result.role };
    } catch (error) {
      connection.console.error(`execution-role policy failed: ${describe(error)}`);
      return { reason: 'The policy could not be computed (see the fargate-lint output).' };
    }
  });

  connection.onRequest(TaskSizesRequest, async (): Promise<TaskSizesResult> => {
    refuseAfterShutdown();
    // Prices in the Region of the cost settings (of the first workspace folder, there being no document).
    const settings = workspace.roots[0] ? await settingsFor(workspace.roots[0]) : DEFAULT_SETTINGS;
    return { markdown: taskSizesMarkdown(fargatePrices(costOptions(settings))) };
  });

  documents.listen(connection);
  connection.listen();
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error as string);
}
