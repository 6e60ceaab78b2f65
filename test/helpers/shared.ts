// Where the team's shared material (../shared: the corpus and the peer tests) is: next to the project, as CI
// has it, or where FARGATE_LINT_SHARED points, for a checkout elsewhere (a scratch clone in /tmp, say).
import { join, resolve } from 'node:path';

export const SHARED = process.env.FARGATE_LINT_SHARED ? resolve(process.env.FARGATE_LINT_SHARED) : join(__dirname, '..', '..', '..', 'shared');
