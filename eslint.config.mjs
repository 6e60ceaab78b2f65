// ESLint with typescript-eslint: a small rule set for mistakes the type checker does not catch (promises
// left floating or passed where a callback is expected), one style of type imports, and the layers of the
// server as import restrictions. Formatting is prettier's job (npm run format), not ESLint's.
import tseslint from 'typescript-eslint';

/** A relative import that climbs out of the current layer into one of these folders of server/src. */
const layer = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

/** The LSP connection library: only the LSP glue (lsp/, node/) may use it. */
const CONNECTION = { regex: '^vscode-languageserver(/.*)?$', message: 'only server/src/lsp/ and server/src/node/ talk LSP' };

/** core/, sources/, service/, lsp/ and the browser entries run in a web worker too (VS Code for the Web). */
const NO_NODE = { regex: '^node:', message: 'this layer also runs in a browser: Node built-ins belong in server/src/node/ or cli/' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'test-output/', '.vscode-test/', 'test/integration/fixtures/', '**/*.d.mts'],
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's test() and describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'prefer-const': 'error',
      'no-var': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // Parsed objects have no prototype (sources/json/parse.ts): turning one into text throws, and "[object Object]" in a
  // message helps nobody. Values of unknown type go through scalarText() or JSON.stringify().
  {
    files: ['server/src/**/*.ts'],
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      '@typescript-eslint/no-base-to-string': ['error', { checkUnknown: true }],
    },
  },
  // The layers (README "How it is built", sources/source.ts): core is pure analysis on the model, the
  // sources turn syntax into the model and know no rules, the language service holds no connection, and
  // the file system layer does not depend on the CLI.
  {
    files: ['server/src/core/**/*.ts'],
    rules: restrict(
      { regex: layer('service', 'lsp', 'cli', 'node'), message: 'core/ is pure analysis: it imports no service/, lsp/, cli/ or node/' },
      { regex: layer('sources'), message: 'core/ sees the model, never a source: sources/ import core/, not the other way' },
      {
        regex: '^(vscode-languageserver|vscode-json-languageservice|jsonc-parser|yaml)',
        message: 'core/ knows no syntax and no LSP types',
      },
      NO_NODE,
    ),
  },
  {
    files: ['server/src/sources/**/*.ts'],
    rules: restrict({ regex: '(^|/)rules(/|$)', message: 'a source turns syntax into the model; it never sees the rules' }, NO_NODE),
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: restrict(
      { regex: layer('lsp', 'cli', 'node'), message: 'the language service is shared by the server and the CLI' },
      CONNECTION,
      NO_NODE,
    ),
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: restrict({ regex: layer('lsp'), message: 'the CLI drives the language service, not the LSP glue' }, CONNECTION),
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: restrict(
      {
        regex: layer('cli', 'node', 'browser'),
        message: 'the LSP glue gets the platform (file system, IAM data, transport) from node/main.ts or browser/main.ts',
      },
      NO_NODE,
    ),
  },
  {
    files: ['server/src/browser/**/*.ts'],
    rules: restrict({ regex: layer('cli', 'node'), message: 'the web worker has no Node: it does not use the CLI or node/' }, NO_NODE),
  },
  {
    files: ['client/src/browser/**/*.ts'],
    rules: restrict({ regex: '^(node:|vscode-languageclient/node$)', message: 'the web extension host has no Node' }),
  },
  {
    files: ['server/src/node/**/*.ts'],
    rules: restrict({ regex: layer('cli'), message: 'the file system layer does not depend on the CLI' }),
  },
  {
    files: ['client/src/**/*.ts'],
    rules: restrict({ regex: '(^|/)server/src(/|$)', message: 'the client talks to the server over LSP only (shared/protocol.ts)' }),
  },
  {
    files: ['**/*.mjs'],
    rules: { 'prefer-const': 'error', 'no-var': 'error', eqeqeq: ['error', 'always', { null: 'ignore' }] },
  },
);
