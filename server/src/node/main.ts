// Node entry point. With --stdio (any LSP editor) the messages are read by ResyncingMessageReader, which
// survives malformed frames; with --node-ipc (the VS Code client) the transport comes from the command line.
import { ProposedFeatures, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';
import { ResyncingMessageReader } from './frameReader';
import { nodeWorkspaceFileSystem } from './workspaceFiles';

const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, new ResyncingMessageReader(process.stdin), new StreamMessageWriter(process.stdout))
  : createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
startServer(connection, { files: nodeWorkspaceFileSystem });
