// The commands of the extension (package.json contributes.commands) and the read-only documents they show.
// What they show is computed by the server (shared/protocol.ts), so the client only opens it.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  ExecutionRolePolicyRequest,
  type ExecutionRolePolicyParams,
  type ExecutionRolePolicyResult,
  TaskSizesRequest,
  type TaskSizesResult,
} from '../../shared/protocol';

const COMMANDS = {
  showTaskSizes: 'fargateLint.showTaskSizes',
  createExecutionRolePolicy: 'fargateLint.createExecutionRolePolicy',
  restartServer: 'fargateLint.restartServer',
  openSample: 'fargateLint.openSampleTaskDefinition',
} as const;

/** Read-only documents of the extension: `fargate-lint:/task-sizes.md`. */
const SCHEME = 'fargate-lint';
const TASK_SIZES_URI = vscode.Uri.from({ scheme: SCHEME, path: '/Fargate task sizes.md' });

/** A Fargate task definition with two mistakes (bridge networking, a size Fargate does not offer), for the walkthrough. */
const SAMPLE_TASK_DEFINITION = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'bridge',
  cpu: '256',
  memory: '4096',
  executionRoleArn: 'arn:aws:iam::123456789012:role/webExecutionRole',
  containerDefinitions: [
    {
      name: 'web',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.0.0',
      essential: true,
      portMappings: [{ containerPort: 8080 }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' },
      },
    },
  ],
};

export function registerCommands(
  client: BaseLanguageClient,
  ready: () => Promise<void>,
  actions: { restart(): Promise<void> },
): vscode.Disposable[] {
  const documents = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => documents.get(uri.toString()) ?? '',
  };

  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),

    vscode.commands.registerCommand(COMMANDS.showTaskSizes, async () => {
      await ready();
      const { markdown } = await client.sendRequest<TaskSizesResult>(TaskSizesRequest);
      documents.set(TASK_SIZES_URI.toString(), markdown);
      changed.fire(TASK_SIZES_URI);
      // The rendered preview where the Markdown extension is there (desktop and web), else the text itself.
      try {
        await vscode.commands.executeCommand('markdown.showPreview', TASK_SIZES_URI);
      } catch {
        await vscode.window.showTextDocument(TASK_SIZES_URI, { preview: true });
      }
      return TASK_SIZES_URI;
    }),

    vscode.commands.registerCommand(COMMANDS.createExecutionRolePolicy, async (uri?: vscode.Uri) => {
      const editor = vscode.window.activeTextEditor;
      const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!document) {
        void vscode.window.showInformationMessage('fargate-lint: open a task definition first.');
        return undefined;
      }
      await ready();
      const params: ExecutionRolePolicyParams = {
        uri: document.uri.toString(),
        position: editor?.document === document ? editor.selection.active : undefined,
      };
      const result = await client.sendRequest<ExecutionRolePolicyResult>(ExecutionRolePolicyRequest, params);
      if (result.content === undefined) {
        void vscode.window.showInformationMessage(`fargate-lint: ${result.reason ?? 'no policy to create.'}`);
        return undefined;
      }
      // A new untitled editor: the user decides where the policy goes (a file, the role, a template).
      const policy = await vscode.workspace.openTextDocument({ language: result.language ?? 'json', content: result.content });
      await vscode.window.showTextDocument(policy, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      if (result.role) {
        void vscode.window.setStatusBarMessage(`fargate-lint: the least-privilege policy for execution role ${result.role}`, 10_000);
      }
      return policy;
    }),

    vscode.commands.registerCommand(COMMANDS.restartServer, () => actions.restart()),

    vscode.commands.registerCommand(COMMANDS.openSample, async () => {
      const document = await vscode.workspace.openTextDocument({
        language: 'json',
        content: `${JSON.stringify(SAMPLE_TASK_DEFINITION, null, 2)}\n`,
      });
      return vscode.window.showTextDocument(document, { preview: false });
    }),
  ];
}
