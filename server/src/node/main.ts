// Node entry point. With --stdio (any LSP editor) or --node-ipc (the VS Code client), the transport comes
// from the command line.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { setIamDataReader } from '../core/iam/data';
import { startServer } from '../lsp/server';
import { nodeAssets } from './assets';
import { nodeIamDataReader } from './iam-data';
import { nodeWorkspaceFileSystem } from './workspaceFiles';

setIamDataReader(nodeIamDataReader());

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
startServer(connection, { files: nodeWorkspaceFileSystem, assets: () => nodeAssets });
