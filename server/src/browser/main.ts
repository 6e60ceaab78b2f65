/// <reference lib="webworker" />
// Web worker entry point (VS Code for the Web: vscode.dev, github.dev): the same server as on the desktop,
// talking to the client over the worker's message port. There is no file system: workspace files come
// from the client (workspace.fs), the IAM data and the HCL parser's WebAssembly from the extension's URL.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';
import { fetchAssets } from './assets';
import { fetchIamDataReader } from './iam-data';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, {
  assets: (options) => (options.assetsUrl ? fetchAssets(options.assetsUrl) : undefined),
  iamData: (options) => (options.iamDataUrl ? fetchIamDataReader(options.iamDataUrl, (m) => connection.console.warn(m)) : undefined),
});
