// npm run package: builds for production and packs the VS Code extension (fargate-lint.vsix).
// package.json's `files` is the npm package's list (the CLI and server bundles, IAM data, schemas, rule
// docs); .vscodeignore is the extension's, which also needs the browser bundles, the grammar and the
// walkthrough. vsce refuses a folder that has both, so it packs a copy of the project made of what
// .vscodeignore lets through and of package.json without `files` and without its scripts (the build has
// run already).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'fargate-lint.vsix');
/** Top-level entries the extension may ship; .vscodeignore decides what inside them goes in. */
const COPIED = ['.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist', 'schemas', 'syntaxes', 'docs'];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

run(process.execPath, ['esbuild.mjs', '--production'], ROOT);
const stage = mkdtempSync(join(tmpdir(), 'fargate-lint-vsix-'));
try {
  for (const entry of COPIED) cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  delete manifest.files;
  delete manifest.scripts;
  delete manifest.devDependencies;
  delete manifest.overrides;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '-o', OUT], stage);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
