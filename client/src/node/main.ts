// Desktop entry point (the `main` of package.json): the language server runs as a Node process.
import type * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_ARGS } from '../../../shared/server-node-args';
import { type FargateLintApi, activateWith, deactivateClient } from '../extension';

export function activate(context: vscode.ExtensionContext): FargateLintApi {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6011'] },
    },
  };
  return activateWith(context, 'node', (options) => new LanguageClient('fargateLint', 'fargate-lint', serverOptions, options), {});
}

export function deactivate(): Thenable<void> | undefined {
  return deactivateClient();
}
