// The VS Code side, shared by the desktop (node/main.ts) and VS Code for the Web (browser/main.ts): starts
// the language server for JSON and YAML documents (CloudFormation templates too) and Terraform documents,
// answers its requests for workspace files, shows what a file was recognised as, and registers the commands.
// Only how the server is started differs per platform. The extension contributes the `terraform` and
// `terraform-vars` languages (ids, file extensions, nothing else), so .tf files reach the server with or
// without HashiCorp's Terraform extension, whose grammar and features stay its own.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { DocumentKindRequest, type DocumentKindResult, type InitializationOptions, SETTINGS_SECTION } from '../../shared/protocol';
import { registerCommands } from './commands';
import { answerWorkspaceFileRequests } from './workspace-files';

// YAML files are the server's only when they are templates: it reports nothing on any other YAML. The
// CloudFormation language ids are those of the AWS extensions that give templates a language of their own;
// `.template` files open as plain text unless an extension says otherwise.
const SELECTOR: vscode.DocumentSelector = [
  { language: 'json' },
  { language: 'jsonc' },
  { language: 'yaml' },
  { language: 'cloudformation' },
  { language: 'cloudformation-yaml' },
  { language: 'cloudformation-json' },
  { pattern: '**/*.template' },
  { language: 'terraform' },
  { language: 'terraform-vars' },
  // The templates a Terraform module reads with templatefile() (no language of their own).
  { pattern: '**/*.{tftpl,tpl}' },
];

export interface FargateLintApi {
  /** Which entry point runs: `node` (desktop, `main`) or `browser` (VS Code for the Web, `browser`). */
  readonly platform: 'node' | 'browser';
  /** Resolves once the language server is running (again, after "Restart server"). */
  readonly ready: Promise<void>;
  /** Fires when the language status item is updated for a document (used by the integration tests). */
  onDidUpdateKindStatus: vscode.Event<KindStatus>;
}

/**
 * What the language status item shows for a document.
 * @internal Exported for the integration tests.
 */
export interface KindStatus {
  uri: string;
  text: string;
  detail: string | undefined;
}

/** Makes the platform's language client; `options` are complete but for the platform's own. */
export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;

export function activateWith(
  context: vscode.ExtensionContext,
  platform: FargateLintApi['platform'],
  createClient: ClientFactory,
  initializationOptions: InitializationOptions,
): FargateLintApi {
  const outputChannel = vscode.window.createOutputChannel('fargate-lint', { log: true });
  // Policies, roles, templates and fargate-lint.json that change on disk (git checkout, another tool) re-check
  // the task definitions that use them.
  const jsonWatcher = vscode.workspace.createFileSystemWatcher('**/*.{json,yaml,yml,template}');
  // A Terraform module's files: a change of one changes what the others see.
  const terraformWatcher = vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars,tftpl,tpl}');
  const current = createClient({
    // Every scheme: files, untitled documents and virtual file systems alike.
    documentSelector: SELECTOR as LanguageClientOptions['documentSelector'],
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: [jsonWatcher, terraformWatcher] },
    outputChannel,
    initializationOptions: { ...initializationOptions, workspaceFiles: true } satisfies InitializationOptions,
  });
  client = current;
  context.subscriptions.push(...answerWorkspaceFileRequests(current));
  let ready = current.start();
  context.subscriptions.push(outputChannel, jsonWatcher, terraformWatcher, { dispose: () => void client?.stop() });
  const kindStatusUpdated = new vscode.EventEmitter<KindStatus>();
  context.subscriptions.push(
    kindStatusUpdated,
    createKindStatus(current, () => ready, kindStatusUpdated),
    ...registerCommands(current, () => ready, {
      restart: async () => {
        outputChannel.info('restarting the language server');
        ready = current.stop().then(
          () => current.start(),
          () => current.start(),
        );
        await ready;
      },
    }),
  );
  return {
    platform,
    get ready() {
      return ready;
    },
    onDidUpdateKindStatus: kindStatusUpdated.event,
  };
}

export function deactivateClient(): Thenable<void> | undefined {
  return client?.stop();
}

/** A language status item ("ECS task definition", "IAM policy", "Terraform: ...") for the active editor. */
function createKindStatus(
  client: BaseLanguageClient,
  ready: () => Promise<void>,
  updated: vscode.EventEmitter<KindStatus>,
): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('fargateLint.documentKind', SELECTOR);
  item.name = 'fargate-lint document kind';
  item.text = 'fargate-lint';
  let pending: ReturnType<typeof setTimeout> | undefined;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    await ready();
    try {
      const result = await client.sendRequest<DocumentKindResult>(DocumentKindRequest, { uri: editor.document.uri.toString() });
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
