// Where the team's shared material (../shared: the corpus and the peer tests) is: next to the project, as CI
// has it, or where FARGATE_LINT_SHARED points, for a checkout elsewhere (a scratch clone in /tmp, say).
// Without it, the tests that read it skip, and test/run-tests.mjs says so in one line at the end; with
// FARGATE_LINT_REQUIRE_SHARED=1 (set by .ci/run) its absence fails them instead, so CI never skips them.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = process.env.FARGATE_LINT_SHARED
  ? resolve(process.env.FARGATE_LINT_SHARED)
  : join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');

export const REQUIRE_SHARED = 'FARGATE_LINT_REQUIRE_SHARED';

/** How to get the skipped tests to run, for the skip reason and the runner's summary line. */
export const HOW_TO_RUN_SHARED = `put the team's shared folder next to the checkout (../shared) or set FARGATE_LINT_SHARED=/path/to/shared`;

/** The marker test/run-tests.mjs looks for to know that a test file reads ../shared. */
export function skipWithoutShared(...parts) {
  const path = join(SHARED, ...parts);
  if (existsSync(path)) return false;
  if (process.env[REQUIRE_SHARED]) {
    throw new Error(`${REQUIRE_SHARED} is set and ${path} does not exist: ${HOW_TO_RUN_SHARED}`);
  }
  return `${path} not found: ${HOW_TO_RUN_SHARED}`;
}
