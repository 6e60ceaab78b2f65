// Reads LSP messages from stdin (`--stdio`) and stays in step with the client whatever it sends. The stock
// reader trusts every header: a frame without a Content-Length, with a length that is not a number, or with
// a huge one (it then waits for that many bytes, swallowing every later message), or a header cut short,
// left the server running but never answering again. Here a frame is read only when its header block holds
// a Content-Length of 0 to 64 MiB; anything else is reported and skipped up to the next "Content-Length:",
// so the messages after it are read again. A body that is not JSON is reported and dropped; its length was
// right, so the next frame still starts where it should.
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

/** Larger bodies are refused: the biggest document the server analyses is 4 MB. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** A header block longer than this is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
const SEPARATOR = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('content-length:');

export class ResyncingMessageReader extends AbstractMessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** The body length of the frame being read, or -1 while reading a header. */
  private expected = -1;
  private callback: DataCallback | undefined;

  constructor(private readonly readable: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('close', onClose);
        this.callback = undefined;
      },
    };
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.expected < 0 && !this.readHeader()) return;
      if (this.buffer.length < this.expected) return;
      const body = this.buffer.subarray(0, this.expected);
      this.buffer = this.buffer.subarray(this.expected);
      this.expected = -1;
      this.deliver(body);
    }
  }

  /** Reads one header block; false when more bytes are needed. A bad header is skipped. */
  private readHeader(): boolean {
    for (;;) {
      const end = this.buffer.indexOf(SEPARATOR);
      if (end < 0) {
        if (this.buffer.length <= MAX_HEADER_BYTES) return false;
        this.skip(`a header longer than ${MAX_HEADER_BYTES} bytes`);
        continue;
      }
      const problem = end > MAX_HEADER_BYTES ? `a header longer than ${MAX_HEADER_BYTES} bytes` : this.contentLength(end);
      if (typeof problem === 'number') {
        this.expected = problem;
        this.buffer = this.buffer.subarray(end + SEPARATOR.length);
        return true;
      }
      this.skip(problem);
    }
  }

  /** The Content-Length of the header block buffer[0..end), or what is wrong with it. */
  private contentLength(end: number): number | string {
    let length: number | string = 'a header without Content-Length';
    for (const line of this.buffer.toString('latin1', 0, end).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) return `a header line without a name: ${JSON.stringify(line.slice(0, 40))}`;
      if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
      const value = line.slice(colon + 1).trim();
      if (!/^\d{1,10}$/.test(value)) return `a Content-Length that is not a number of bytes: ${JSON.stringify(value.slice(0, 40))}`;
      length = Number(value);
      if (length > MAX_BODY_BYTES) return `a Content-Length of ${value} bytes, more than ${MAX_BODY_BYTES}`;
    }
    return length;
  }

  /**
   * Drops bytes up to the next "Content-Length:" after the start; without one, all but a short tail (where the
   * next one may begin). Always drops at least one byte, so a run of garbage ends.
   */
  private skip(problem: string): void {
    this.fireError(new Error(`fargate-lint: skipped a malformed message (${problem})`));
    const next = indexOfIgnoringCase(this.buffer, CONTENT_LENGTH, 1);
    this.buffer = this.buffer.subarray(next >= 0 ? next : Math.max(1, this.buffer.length - CONTENT_LENGTH.length + 1));
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      this.fireError(new Error('fargate-lint: skipped a message whose body is not JSON'));
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.fireError(new Error('fargate-lint: skipped a message that is not a JSON-RPC object'));
      return;
    }
    this.callback?.(message as Message);
  }
}

function indexOfIgnoringCase(buffer: Buffer, lowerNeedle: Buffer, from: number): number {
  for (let i = from; i + lowerNeedle.length <= buffer.length; i++) {
    let j = 0;
    while (j < lowerNeedle.length && (buffer[i + j] | 0x20) === lowerNeedle[j]) j++;
    if (j === lowerNeedle.length) return i;
  }
  return -1;
}
