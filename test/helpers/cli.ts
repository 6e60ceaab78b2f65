// The CLI for tests, two ways. `cli` runs it in the test process (run() of server/src/cli/main.ts, what
// dist/cli.js runs), in `cwd`, with stdout and stderr collected as bin.ts writes them (one line per write):
// the same bytes and exit code, without a Node start and the bundle's compilation per call. `cliProcess`
// spawns the built dist/cli.js, for what only a process shows: the bundle itself, exit codes as the shell
// sees them, pipes, worker threads.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The CLI in this process, in `cwd`, with NO_COLOR set as the process tests set it. The working directory
 * and NO_COLOR are put back after; the tests of a process run one at a time, so none sees them changed.
 */
export async function cli(args: string[], cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  const noColor = process.env.NO_COLOR;
  process.chdir(cwd);
  process.env.NO_COLOR = '1';
  try {
    const code = await run(
      args,
      (text) => (stdout += `${text}\n`),
      (text) => (stderr += `${text}\n`),
    );
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
    if (noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = noColor;
  }
}

/** The built CLI as a child process, in `cwd`, with NO_COLOR set. */
export function cliProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
