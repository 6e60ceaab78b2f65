// The VS Code side: starts the language server for JSON and Terraform documents and shows what a file was
// recognised as. The extension contributes the `terraform` and `terraform-vars` languages (ids, file
// extensions, nothing else), so .tf files reach the server with or without HashiCorp's Terraform extension,
// whose grammar and features stay its own.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DocumentKindRequest, type DocumentKindResult, SETTINGS_SECTION } from '../../shared/protocol';

const SELECTOR: vscode.DocumentSelector = [
  { language: 'json' },
  { language: 'jsonc' },
  { language: 'terraform' },
  { language: 'terraform-vars' },
  // The templates a Terraform module reads with templatefile() (no language of their own).
  { pattern: '**/*.{tftpl,tpl}' },
];

let client: LanguageClient | undefined;

export interface FargateLintApi {
  /** Resolves once the language server is running. */
  ready: Promise<void>;
  /** Fires when the language status item is updated for a document (used by the integration tests). */
  onDidUpdateKindStatus: vscode.Event<KindStatus>;
}

/** What the language status item shows for a document. */
export interface KindStatus {
  uri: string;
  text: string;
  detail: string | undefined;
}

export function activate(context: vscode.ExtensionContext): FargateLintApi {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('fargate-lint', { log: true });
  // Policies, roles and fargate-lint.json that change on disk (git checkout, another tool) re-check the task
  // definitions that use them.
  const jsonWatcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  // A Terraform module's files: a change of one changes what the others see.
  const terraformWatcher = vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars,tftpl,tpl}');
  const clientOptions: LanguageClientOptions = {
    // Every scheme: files, untitled documents and virtual file systems alike.
    documentSelector: SELECTOR as LanguageClientOptions['documentSelector'],
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: [jsonWatcher, terraformWatcher] },
    outputChannel,
  };
  client = new LanguageClient('fargateLint', 'fargate-lint', serverOptions, clientOptions);
  const ready = client.start();
  context.subscriptions.push(outputChannel, jsonWatcher, terraformWatcher, { dispose: () => void client?.stop() });
  const kindStatusUpdated = new vscode.EventEmitter<KindStatus>();
  context.subscriptions.push(
    kindStatusUpdated,
    createKindStatus(() => client, ready, kindStatusUpdated),
  );
  return { ready, onDidUpdateKindStatus: kindStatusUpdated.event };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

/** A language status item ("ECS task definition", "IAM policy", "Terraform: ...") for the active editor. */
function createKindStatus(
  getClient: () => LanguageClient | undefined,
  ready: Promise<void>,
  updated: vscode.EventEmitter<KindStatus>,
): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('fargateLint.documentKind', SELECTOR);
  item.name = 'fargate-lint document kind';
  item.text = 'fargate-lint';
  let pending: ReturnType<typeof setTimeout> | undefined;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    const current = getClient();
    if (!editor || !current) return;
    await ready;
    try {
      const result = await current.sendRequest<DocumentKindResult>(DocumentKindRequest, { uri: editor.document.uri.toString() });
      item.text = result.label;
      item.detail = result.kind === 'unknown' ? 'fargate-lint has nothing to check here' : 'checked by fargate-lint';
      item.severity = vscode.LanguageStatusSeverity.Information;
    } catch {
      item.text = 'fargate-lint';
    }
    updated.fire({ uri: editor.document.uri.toString(), text: item.text, detail: item.detail });
  };
  const schedule = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void update(), 300);
  };
  const subscriptions = [
    vscode.window.onDidChangeActiveTextEditor(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && schedule()),
  ];
  schedule();
  return vscode.Disposable.from(item, ...subscriptions, { dispose: () => clearTimeout(pending) });
}
