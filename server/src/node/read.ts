// Reading a file from disk the way both the CLI and the server's workspace index do: regular files only, and
// never more than a cap. The file is opened without blocking (a FIFO would otherwise wait for a writer
// forever), what was opened is checked with fstat (so a file swapped after a stat cannot slip through), and it
// is read into a buffer of at most cap + 1 bytes (so a file that grows while it is read cannot fill memory).
// Platform code: core/ never reads files.
import * as fs from 'node:fs';
import { SCAN_LIMITS } from '../lsp/fileSystem';

/** Larger files are not read: task definitions are at most 64 KiB, and account dumps a few MB. */
const MAX_FILE_BYTES = SCAN_LIMITS.maxFileBytes;

/** The text of the file, or why it was not read, phrased to follow "the file is". */
export type ReadResult = { text: string } | { skipped: string };

const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * Reads a regular file of at most `maxBytes` bytes (a BOM is dropped). The server does not follow a symbolic
 * link (its scan never enters links either, so a link cannot bring in a file from outside the workspace);
 * the CLI follows the links it is named, and reads synchronously (100,000 small files read in a loop are
 * several times faster so).
 */
export async function readRegularFile(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, flags(options));
  } catch (error) {
    return { skipped: openProblem(file, error, !!options.followLinks) };
  }
  try {
    const bytes = new Bounded(await handle.stat(), options.maxBytes);
    while (bytes.wants()) bytes.got((await handle.read(bytes.buffer, bytes.length, bytes.room(), null)).bytesRead);
    return bytes.result();
  } catch (error) {
    return { skipped: readProblem(error) };
  } finally {
    await handle.close();
  }
}

/** The same, synchronously. */
export function readRegularFileSync(file: string, options: ReadOptions = {}): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(file, flags(options));
  } catch (error) {
    return { skipped: openProblem(file, error, !!options.followLinks) };
  }
  try {
    const bytes = new Bounded(fs.fstatSync(fd), options.maxBytes);
    while (bytes.wants()) bytes.got(fs.readSync(fd, bytes.buffer, bytes.length, bytes.room(), null));
    return bytes.result();
  } catch (error) {
    return { skipped: readProblem(error) };
  } finally {
    fs.closeSync(fd);
  }
}

interface ReadOptions {
  followLinks?: boolean;
  maxBytes?: number;
}

function flags(options: ReadOptions): number {
  return fs.constants.O_RDONLY | NONBLOCK | (options.followLinks ? 0 : NOFOLLOW);
}

/** The bytes of one file as they are read: never more than the cap + 1, whatever its size said. */
class Bounded {
  buffer: Buffer;
  length = 0;
  private readonly problem: string | undefined;
  private done = false;

  constructor(
    stat: fs.Stats,
    private readonly maxBytes = MAX_FILE_BYTES,
  ) {
    this.problem = statProblem(stat, maxBytes);
    this.buffer = Buffer.alloc(this.problem ? 0 : Math.min(stat.size, maxBytes) + 1);
  }

  /** More is to be read: the file is regular, not at its end, and not over the cap yet. */
  wants(): boolean {
    if (this.problem || this.done || this.length > this.maxBytes) return false;
    if (this.length === this.buffer.length) this.buffer = grown(this.buffer, this.maxBytes);
    return true;
  }

  room(): number {
    return this.buffer.length - this.length;
  }

  got(bytes: number): void {
    if (bytes === 0) this.done = true;
    this.length += bytes;
  }

  result(): ReadResult {
    if (this.problem) return { skipped: this.problem };
    if (this.length > this.maxBytes) return { skipped: tooLarge(this.maxBytes) };
    return { text: decode(this.buffer.subarray(0, this.length)) };
  }
}

/** A file that is longer than its size said (it grows, or it is in /proc): a bigger buffer, never past the cap + 1. */
function grown(buffer: Buffer, maxBytes: number): Buffer {
  const bigger = Buffer.alloc(Math.min(Math.max(buffer.length * 2, 64 * 1024), maxBytes + 1));
  buffer.copy(bigger);
  return bigger;
}

function decode(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function tooLarge(maxBytes: number): string {
  return `larger than ${maxBytes / 1024 / 1024} MB`;
}

/** What a file system entry is when it is not a regular file; undefined for a regular file. */
export function notRegular(stat: fs.Stats | fs.Dirent): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe), not a regular file';
  if (stat.isSocket()) return 'a socket, not a regular file';
  if (stat.isCharacterDevice()) return 'a character device, not a regular file';
  if (stat.isBlockDevice()) return 'a block device, not a regular file';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function statProblem(stat: fs.Stats, maxBytes: number): string | undefined {
  return notRegular(stat) ?? (stat.size > maxBytes ? tooLarge(maxBytes) : undefined);
}

function openProblem(file: string, error: unknown, followLinks: boolean): string {
  const code = (error as NodeJS.ErrnoException).code;
  // Following links, ELOOP is a loop; otherwise it is any link (O_NOFOLLOW).
  if (code === 'ELOOP') return followLinks ? 'a symbolic link loop' : 'a symbolic link, which is not followed';
  if (code === 'ENOENT') {
    try {
      if (fs.lstatSync(file).isSymbolicLink()) return 'a symbolic link to a file that does not exist';
    } catch {
      // gone altogether
    }
    return 'gone (it no longer exists)';
  }
  return readProblem(error);
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return `not readable (${code})`;
  return `unreadable (${code ?? 'error'})`;
}
