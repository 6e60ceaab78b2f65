// `npm pack` of the project, as `npm publish` would make it, into a temporary folder; and an install of
// that tarball into an empty folder with --offline (it has no dependencies, so nothing is fetched).
// dist/ comes from `npm run build` before the tests: --ignore-scripts keeps `prepack` from rebuilding it
// (for production) while other tests read it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function npm(args: string[], cwd: string) {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

export interface Packed {
  tarball: string;
  files: { path: string; size: number }[];
  /** The temporary folder holding the tarball. */
  folder: string;
}

export function packProject(): Packed {
  const folder = mkdtempSync(join(tmpdir(), 'fargate-lint-pack-'));
  const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', folder], ROOT);
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string; size: number }[] }[];
  return { tarball: join(folder, info.filename), files: info.files, folder };
}

/** Installs the tarball into a new empty folder and returns that folder. */
export function installOffline(tarball: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'fargate-lint-install-'));
  const install = npm(['install', '--offline', '--no-audit', '--no-fund', tarball], folder);
  assert.equal(install.status, 0, `npm install --offline ${tarball} failed:\n${install.stderr}`);
  return folder;
}
