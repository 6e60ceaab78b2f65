// What the packages must hold for the Terraform source to run: the HCL parser's two WebAssembly files and the
// grammar's licence, in the npm package (npm pack) and in the VSIX (.vscodeignore's allow-list; the
// integration runner checks the built VSIX itself, and its size).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const ASSETS = ['dist/web-tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm', 'dist/tree-sitter-hcl.LICENSE'];

test('the npm package holds the HCL parser files next to the CLI', () => {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const files = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  for (const asset of [...ASSETS, 'dist/cli.js', 'dist/server.js']) assert.ok(files.includes(asset), `npm pack lacks ${asset}`);
});

test('the VSIX allow-list keeps the HCL parser files', () => {
  const allowed = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  for (const asset of ASSETS) assert.ok(allowed.includes(`!${asset}`), `.vscodeignore does not keep ${asset}`);
});
