// Node entry point. With --stdio (any LSP editor) the messages are read by ResyncingMessageReader, which
// survives malformed frames; with --node-ipc (the VS Code client) the transport comes from the command line.
import { inspect } from 'node:util';
import { ProposedFeatures, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { setIamDataReader } from '../core/iam/data';
import { startServer } from '../lsp/server';
import { ResyncingMessageReader } from './frameReader';
import { nodeAssets } from './assets';
import { nodeIamDataReader } from './iam-data';
import { nodeWorkspaceFileSystem } from './workspaceFiles';

setIamDataReader(nodeIamDataReader());

const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(ProposedFeatures.all, new ResyncingMessageReader(process.stdin), new StreamMessageWriter(process.stdout))
  : createConnection(ProposedFeatures.all);
if (stdio) {
  // What createConnection does for --stdio when it makes the reader itself: stdout carries the protocol, so
  // console output goes to the client's log; and the server ends with its input.
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  process.stdin.on('close', () => process.exit(0));
}
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
startServer(connection, { files: nodeWorkspaceFileSystem, assets: () => nodeAssets });
