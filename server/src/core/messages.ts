// Messages carry values from the files (container names, ARNs, keys), and they end up in terminals, CI logs
// and editors. A value with ESC, BEL or NUL in it could rewrite a terminal ("\u001b]0;PWNED\u0007"), a
// newline could forge a line of output, and bidirectional overrides could make text read differently than
// it is. Every message is passed through this once, where it is produced: the engine for rule findings, the
// language service for its own diagnostics, the CLI for file names.

/** C0 and C1 controls, DEL, zero-width and bidirectional formatting characters, line and paragraph separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with unsafe characters written as escapes (`\u001b`, `\n`); the same text again when there are none. */
export function escapeControlCharacters(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
