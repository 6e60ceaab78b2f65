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
  run(
    process.argv.slice(2),
    (t) => process.stdout.write(`${t}\n`),
    (t) => process.stderr.write(`${t}\n`),
    { workerScript: __filename },
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`fargate-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
