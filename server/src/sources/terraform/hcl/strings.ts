// HCL string escapes (the HCL native syntax specification, "Template Expressions"): reading them in quoted
// strings and heredocs, and writing a value as a quoted HCL string.

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** The value of the literal text of a quoted string: `\n \r \t \" \\ \uNNNN \UNNNNNNNN`, and `$${` / `%%{`. */
export function unescapeQuoted(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1];
      if (next in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[next];
        i++;
        continue;
      }
      const length = next === 'u' ? 4 : next === 'U' ? 8 : 0;
      const hex = raw.slice(i + 2, i + 2 + length);
      if (length && hex.length === length && /^[0-9a-fA-F]+$/.test(hex)) {
        const code = parseInt(hex, 16);
        if (code <= 0x10ffff) {
          out += String.fromCodePoint(code);
          i += 1 + length;
          continue;
        }
      }
      out += ch;
      continue;
    }
    if ((ch === '$' || ch === '%') && raw[i + 1] === ch && raw[i + 2] === '{') {
      out += `${ch}{`;
      i += 2;
      continue;
    }
    out += ch;
  }
  return out;
}

/** The value of the literal text of a heredoc: only `$${` and `%%{` are escapes there. */
export function unescapeTemplate(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** `value` as a quoted HCL string. */
export function quoteHcl(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((ch === '$' || ch === '%') && value[i + 1] === '{') out += `${ch}${ch}`;
    else if (ch < ' ') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** An HCL identifier (an attribute name, an object key written without quotes). */
export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(text);
}
