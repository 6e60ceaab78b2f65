// The files the sources load before they parse (the HCL parser's WebAssembly), read from disk: next to the
// bundle in dist/ (the VSIX, the npm package), or from node_modules when the code runs unbundled (tests).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourcePlatform } from '../sources';

/** Where each asset is in node_modules. */
const PACKAGED: Record<string, string> = {
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-terraform.wasm': '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
};

export const nodeAssets: SourcePlatform = {
  async asset(name) {
    try {
      return await readFile(join(__dirname, name));
    } catch {
      const packaged = PACKAGED[name];
      if (!packaged) throw new Error(`no such asset: ${name}`);
      return readFile(require.resolve(packaged));
    }
  },
};
