// Bundles the integration suite (index.ts, suite/*.test.ts, helpers and mocha) into ONE CommonJS file,
// test-output/integration/index.js, which VS Code loads as extensionTestsPath. Only `vscode` stays
// external (the extension host provides it). Bundling mocha means the test bundle needs no node_modules
// next to it, wherever it is loaded from (desktop VS Code or code-server's remote extension host).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
export const SUITE_BUNDLE = join(root, 'test-output', 'integration', 'index.js');
export const WEB_SUITE_BUNDLE = join(root, 'test-output', 'integration', 'web', 'index.js');

/** Lists suite/*.test.ts as a generated module, so a new test file is picked up without registering it. */
const testFilesPlugin = {
  name: 'integration-test-files',
  setup(build) {
    build.onResolve({ filter: /^virtual:integration-test-files$/ }, (args) => ({ path: args.path, namespace: 'integration-test-files' }));
    build.onLoad({ filter: /.*/, namespace: 'integration-test-files' }, () => {
      const files = readdirSync(join(here, 'suite'))
        .filter((f) => f.endsWith('.test.ts'))
        .sort();
      // require() (not import) so each file is evaluated only when index.ts loads it, after mocha has
      // bound suite()/test() for it.
      const entries = files.map((f) => `[${JSON.stringify(`suite/${f}`)}, () => require(${JSON.stringify(`./suite/${f}`)})]`);
      return { contents: `export const testFiles = [\n${entries.join(',\n')}\n];\n`, resolveDir: here, loader: 'js' };
    });
  },
};

export async function buildSuite() {
  await esbuild.build({
    entryPoints: [join(here, 'index.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    sourcemap: 'inline',
    sourcesContent: false,
    plugins: [testFilesPlugin],
    define: { FARGATE_LINT_SUITE_PLATFORM: '"node"' },
    logLevel: 'error',
    logOverride: { 'import-is-undefined': 'error' },
  });
  return SUITE_BUNDLE;
}

/** Exactly `mocha` and `node:assert/strict` (not `mocha/mocha.js`, the browser build) become the stand-ins. */
const webStandInsPlugin = {
  name: 'web-stand-ins',
  setup(build) {
    const standIns = { mocha: join(here, 'web', 'mocha.ts'), 'node:assert/strict': join(here, 'web', 'assert.ts') };
    build.onResolve({ filter: /^(mocha|node:assert\/strict)$/ }, (args) => ({ path: standIns[args.path] }));
  },
};

/**
 * The same suite for the browser's extension host: one CommonJS file for a web worker, with mocha's
 * browser build, and small stand-ins for `node:assert/strict` and `mocha` (web/assert.ts, web/mocha.ts).
 */
export async function buildWebSuite() {
  await esbuild.build({
    entryPoints: [join(here, 'web', 'index.ts')],
    outfile: WEB_SUITE_BUNDLE,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    sourcemap: 'inline',
    sourcesContent: false,
    plugins: [testFilesPlugin, webStandInsPlugin],
    define: { FARGATE_LINT_SUITE_PLATFORM: '"browser"' },
    logLevel: 'error',
    logOverride: { 'import-is-undefined': 'error' },
  });
  return WEB_SUITE_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // (No top-level await: the TypeScript electron runner loads this module from CommonJS.)
  Promise.all([buildSuite(), buildWebSuite()]).then((files) =>
    files.forEach((file) => console.log(`built ${relative(process.cwd(), file)}`)),
  );
}
