// Reading files as a git revision has them, for `--cost --base REF`: git is run with execFile and fixed
// arguments (no shell), pathspecs taken literally, no pager, no textconv filters, and only for paths inside
// the repository.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './files';

/** Options that keep git from running anything the repository configures. */
const GIT = ['--no-pager', '--literal-pathspecs', '-c', 'core.fsmonitor=false'];
const MAX_OUTPUT = 16 * 1024 * 1024;

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...GIT, ...args], { cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(new GitError(String(stderr).trim() || error.message));
      else resolve(stdout);
    });
  });
}

export class GitError extends Error {}

/** A revision as the user may write it (a branch, a tag, a hash, HEAD~1, origin/main@{1}), never an option. */
const REVISION = /^[A-Za-z0-9._/@{}^~+-]+$/;

export interface Revision {
  /** The repository's top folder. */
  root: string;
  /** The commit the revision names. */
  commit: string;
  /** As the user wrote it, for the report. */
  name: string;
}

export async function resolveRevision(name: string, cwd: string): Promise<Revision> {
  if (!REVISION.test(name) || name.startsWith('-')) throw new UsageError(`not a git revision: ${name}`);
  let root: string;
  try {
    root = fs.realpathSync((await git(['rev-parse', '--show-toplevel'], cwd)).trim());
  } catch (error) {
    throw new GitError(`--base needs a git repository: ${(error as Error).message}`);
  }
  let commit: string;
  try {
    commit = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`], root)).trim();
  } catch {
    throw new GitError(`${name} is not a commit of the repository at ${root}`);
  }
  return { root, commit, name };
}

/** `absolutePath` relative to the repository root, with forward slashes; a UsageError when it lies outside. */
export function repositoryPath(revision: Revision, absolutePath: string): string {
  let real = absolutePath;
  try {
    real = fs.realpathSync(absolutePath);
  } catch {
    // A path that does not exist here is taken as written.
  }
  const relative = path.relative(revision.root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UsageError(`${absolutePath} is not inside the git repository at ${revision.root}`);
  }
  return relative.split(path.sep).join('/');
}

/** The files under `folder` (repository path, "" for the root) at the revision. */
export async function filesAt(revision: Revision, folder: string): Promise<string[]> {
  const output = await git(['ls-tree', '-r', '-z', '--name-only', revision.commit, ...(folder ? ['--', folder] : [])], revision.root);
  return output.split('\0').filter((name) => name !== '');
}

/** A file's text at the revision (`git show REV:path`), or undefined when the revision has no such file. */
export async function showFile(revision: Revision, file: string): Promise<string | undefined> {
  try {
    return await git(['show', '--no-textconv', `${revision.commit}:${file}`], revision.root);
  } catch {
    return undefined;
  }
}
