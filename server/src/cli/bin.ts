// The fargate-lint command (dist/cli.js): runs the CLI with the process's arguments and sets its exit code.
import { run } from './main';

run(
  process.argv.slice(2),
  (t) => process.stdout.write(`${t}\n`),
  (t) => process.stderr.write(`${t}\n`),
).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`fargate-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
