// The fargate-lint command (dist/cli.js): runs the CLI with the process's arguments and sets its exit code.
// The same bundle is the script of the CLI's worker threads (workers.ts).
import { isMainThread } from 'node:worker_threads';
import { setIamDataReader } from '../core/iam/data';
import { nodeIamDataReader } from '../node/iam-data';
import { run } from './main';
import { serveWorker } from './workers';

setIamDataReader(nodeIamDataReader());
if (!isMainThread) {
  serveWorker();
} else {
  const err = streamWriter(process.stderr);
  run(process.argv.slice(2), streamWriter(process.stdout), err, { workerScript: __filename }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      err(`fargate-lint: internal error: ${error instanceof Error ? error.stack : String(error as string)}`);
      process.exitCode = 2;
    },
  );
}

/**
 * Writes to a standard stream until its reader goes away: a reader that stops early (`fargate-lint . | head`)
 * closes the pipe, and the rest of the output is dropped without a word (EPIPE is not an error of ours).
 */
function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      closed = true;
      return;
    }
    process.stderr.write(`fargate-lint: cannot write the output: ${error.message}\n`);
    process.exit(2);
  });
  return (text) => {
    if (!closed) stream.write(`${text}\n`);
  };
}
