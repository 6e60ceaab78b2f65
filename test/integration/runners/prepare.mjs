// What both runners do before starting an editor: build the .vsix the way a release is built, unpack it
// (the suite runs against what the package contains, so a file missing from it fails the tests), bundle
// the suite, and copy the fixture workspace to a temporary folder (tests edit files and settings there).
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';
import { buildSuite } from '../build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..', '..');
export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'integration', 'fixtures', 'workspace');

const log = (message) => console.log(`[prepare] ${message}`);
const MAX_VSIX_BYTES = 3 * 1024 * 1024;
/** What the VSIX must hold to run (the Terraform source parses with these WebAssembly files). */
const REQUIRED_FILES = ['extension/dist/server.js', 'extension/dist/web-tree-sitter.wasm', 'extension/dist/tree-sitter-terraform.wasm'];

/** `npm run package` in the project: production build + `vsce package --no-dependencies`. */
export function packageExtension() {
  log('npm run package (production build + vsce package)');
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status ?? result.signal})`);
  const vsix = join(ROOT, 'fargate-lint.vsix');
  // The Marketplace takes far larger packages, but every install downloads this one: keep it small.
  const { size } = statSync(vsix);
  log(`fargate-lint.vsix: ${(size / 1024 / 1024).toFixed(2)} MB`);
  if (size >= MAX_VSIX_BYTES) throw new Error(`fargate-lint.vsix is ${size} bytes, more than the ${MAX_VSIX_BYTES} allowed`);
  return vsix;
}

/** Extracts a zip file (a .vsix) into `target`, refusing entries that would land outside it. */
export async function unzip(zipFile, target) {
  const zip = await new Promise((res, rej) => yauzl.open(zipFile, { lazyEntries: true }, (error, z) => (error ? rej(error) : res(z))));
  const names = [];
  try {
    await new Promise((res, rej) => {
      zip.on('error', rej);
      zip.on('end', res);
      zip.on('entry', (entry) => {
        const destination = resolve(target, entry.fileName);
        if (!destination.startsWith(resolve(target) + sep)) return rej(new Error(`unsafe path in ${zipFile}: ${entry.fileName}`));
        if (entry.fileName.endsWith('/')) {
          mkdirSync(destination, { recursive: true });
          return zip.readEntry();
        }
        mkdirSync(dirname(destination), { recursive: true });
        names.push(entry.fileName);
        zip.openReadStream(entry, (error, stream) => {
          if (error) return rej(error);
          pipeline(stream, createWriteStream(destination)).then(() => zip.readEntry(), rej);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return names;
}

/**
 * Builds (or takes `FARGATE_LINT_VSIX`), unpacks, bundles and copies. Returns the paths and a cleanup
 * function that removes the temporary folders.
 */
export async function prepare() {
  const temp = mkdtempSync(join(tmpdir(), 'fargate-lint-integration-'));
  const cleanup = () => rmSync(temp, { recursive: true, force: true });
  try {
    const vsix = process.env.FARGATE_LINT_VSIX ? resolve(process.env.FARGATE_LINT_VSIX) : packageExtension();
    const unpacked = join(temp, 'vsix');
    const size = statSync(vsix).size;
    if (size >= MAX_VSIX_BYTES) throw new Error(`${vsix} is ${size} bytes, more than the ${MAX_VSIX_BYTES} allowed`);
    const files = await unzip(vsix, unpacked);
    const missing = REQUIRED_FILES.filter((f) => !files.includes(f));
    if (missing.length) throw new Error(`${vsix} lacks ${missing.join(', ')}`);
    const extensionPath = join(unpacked, 'extension');
    log(`unpacked ${vsix} (${size} bytes, ${files.length} files) into ${extensionPath}`);
    for (const file of files.filter((f) => f.startsWith('extension/')).sort()) log(`  ${file}`);

    const testsPath = await buildSuite();
    log(`bundled the suite into ${testsPath}`);

    const workspacePath = join(temp, 'workspace');
    cpSync(FIXTURE_WORKSPACE, workspacePath, { recursive: true });
    log(`copied the fixture workspace to ${workspacePath}`);
    return { temp, extensionPath, testsPath, workspacePath, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** User settings for the editor under test: no start page, no update checks, steady screenshots. */
export function writeUserSettings(userDataDir) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    // Steadier screenshots: no blinking cursor, no minimap, no chat side bar or AI actions.
    'editor.cursorBlinking': 'solid',
    'editor.minimap.enabled': false,
    'editor.scrollBeyondLastLine': false,
    'editor.overviewRulerLanes': 0,
    'editor.hideCursorInOverviewRuler': true,
    'breadcrumbs.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}
