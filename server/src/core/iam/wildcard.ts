// IAM wildcard matching (`*` any run of characters, `?` exactly one). No regular expression is built from
// policy text. The pattern is cut at its stars; the first piece must start the text, the last must end it,
// and each piece in between is placed once, at its leftmost fit. Nothing is ever retried, so the work is
// at most text length × piece length: a hostile pattern cannot make matching slow.

export function wildcardMatch(pattern: string, text: string, options: { ignoreCase?: boolean } = {}): boolean {
  if (options.ignoreCase) {
    pattern = pattern.toLowerCase();
    text = text.toLowerCase();
  }
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern.length === text.length && fitsAt(text, 0, pattern);
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const end = text.length - last.length;
  if (end < first.length || !fitsAt(text, 0, first) || !fitsAt(text, end, last)) return false;
  let position = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = leftmostFit(text, pieces[i], position, end);
    if (found < 0) return false;
    position = found + pieces[i].length;
  }
  return true;
}

/** `piece` (which may hold `?`) lies in `text` at `start`. */
function fitsAt(text: string, start: number, piece: string): boolean {
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] !== '?' && piece[i] !== text[start + i]) return false;
  }
  return true;
}

function leftmostFit(text: string, piece: string, from: number, end: number): number {
  for (let start = from; start + piece.length <= end; start++) {
    if (fitsAt(text, start, piece)) return start;
  }
  return -1;
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
