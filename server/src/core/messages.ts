// Messages carry values from the files (container names, ARNs, keys), and they end up in terminals, CI logs
// and editors. A value with ESC, BEL or NUL in it could rewrite a terminal ("\u001b]0;PWNED\u0007"), a
// newline could forge a line of output, and bidirectional overrides could make text read differently than
// it is; a 4 MB value would make a 4 MB message, once per finding. Every message is passed through
// sanitizeMessage once, where it is produced: the engine for rule findings, the language service for its
// own diagnostics and quick-fix titles, the CLI for file names.

/** C0 and C1 controls, DEL, zero-width and bidirectional formatting characters, line and paragraph separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Longer messages are cut (real ones stay under 2,000 characters).
 * @internal Exported for tests.
 */
export const MAX_MESSAGE_LENGTH = 5000;

/**
 * The text with unsafe characters written as escapes (`\u001b`, `\n`), cut to MAX_MESSAGE_LENGTH; the same
 * text again when there is nothing to do, so applying it twice changes nothing.
 */
export function sanitizeMessage(text: string): string {
  const escaped = text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped.length <= MAX_MESSAGE_LENGTH) return escaped;
  const more = ` … (${formatCount(escaped.length - MAX_MESSAGE_LENGTH)} more characters)`;
  return escaped.slice(0, MAX_MESSAGE_LENGTH - more.length) + more;
}

/**
 * A number as `toLocaleString('en-US')` writes it ("10,240"), for the integers messages count. Written out
 * for them because the first `toLocaleString` maps ICU's number-formatting data into the process: measured
 * on Node 20, 4.8 MiB more RSS for the server, which formatted a policy's size in a message. Anything but a
 * safe integer still goes to `toLocaleString`.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = out.length; at < digits.length; at += 3) out += `,${digits.slice(at, at + 3)}`;
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
}
