// `npm run demo`: the CLI over examples/, as a CI job would run it.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['dist/cli.js', 'examples'], { stdio: 'inherit' });
console.log(
  `\nfargate-lint exited with ${result.status} (1 = errors found, which these examples have on purpose).` +
    '\nTry --format json or --format sarif, or open the files in VS Code with the extension.',
);
process.exit(result.status === 1 || result.status === 0 ? 0 : (result.status ?? 1));
