// Runs the integration suite in desktop VS Code through @vscode/test-electron, which downloads VS Code
// (needs internet) unless VSCODE_EXECUTABLE points at an installed one. Same suite, same packaged
// extension and fixture workspace as the offline code-server runner (run-code-server.mjs), which is the
// one CI uses here. No screenshots: those come from the code-server runner.
//
// Usage: npm run test:integration:electron   (VSCODE_VERSION=stable|insiders|1.91.0, VSCODE_EXECUTABLE=...)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepare, writeUserSettings } from './prepare.mjs';

async function main(): Promise<number> {
  const prepared = await prepare();
  const profile = mkdtempSync(join(tmpdir(), 'fargate-lint-electron-'));
  const stop = () => {
    prepared.cleanup();
    rmSync(profile, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    writeUserSettings(join(profile, 'user-data'));
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: prepared.extensionPath,
      extensionTestsPath: prepared.testsPath,
      launchArgs: [
        prepared.workspacePath,
        // Other installed extensions stay off; built-in ones (the JSON language among them) stay on.
        '--disable-extensions',
        `--user-data-dir=${join(profile, 'user-data')}`,
        `--extensions-dir=${join(profile, 'extensions')}`,
      ],
    });
    return 0;
  } catch (error) {
    console.error(`[electron runner] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    stop();
  }
}

void main().then((code) => process.exit(code));
