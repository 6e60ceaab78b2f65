// Bundles the extension client, the language server and the CLI into dist/.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

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
});

if (watch) {
  await context.watch();
} else {
  await context.rebuild();
  await context.dispose();
}
