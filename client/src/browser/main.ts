// VS Code for the Web entry point (the `browser` of package.json: vscode.dev, github.dev): the extension
// runs in the browser's extension host worker and the language server in a web worker of its own, loaded
// from the extension's location. The server reads the IAM data and the HCL parser from there too, and the workspace's files
// through the client.
/// <reference lib="webworker" />
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { type FargateLintApi, activateWith, deactivateClient } from '../extension';

let worker: Worker | undefined;

export function activate(context: vscode.ExtensionContext): FargateLintApi {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const iamDataUrl = vscode.Uri.joinPath(context.extensionUri, 'dist', 'iam-data').toString(true);
  const assetsUrl = vscode.Uri.joinPath(context.extensionUri, 'dist').toString(true);
  // A new worker for every start ("Restart server" included); the previous one is ended. The transports
  // are made here: the web extension host replaces the Worker constructor, so the client's own
  // `instanceof Worker` test would not recognise the worker.
  const startWorker = async (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = new Worker(serverMain.toString(true), { name: 'fargate-lint server' });
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  return activateWith(context, 'browser', (options) => new LanguageClient('fargateLint', 'fargate-lint', startWorker, options), {
    iamDataUrl,
    assetsUrl,
  });
}

export function deactivate(): Thenable<void> | undefined {
  return deactivateClient();
}
