// "Did you mean" candidates: names within a small edit distance (insertions, deletions, substitutions and
// swaps of neighbours, case ignored, so a name that differs only in case is at distance 0), closest first.

/** Edit distance with adjacent transpositions; gives up (returns max + 1) as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

export interface Suggestion {
  name: string;
  distance: number;
}

/** The candidates within `max` edits of `word`, closest first, then by name; at most `limit`. */
export function suggestions(word: string, candidates: Iterable<string>, options: { max?: number; limit?: number } = {}): Suggestion[] {
  const max = options.max ?? 2;
  const found: Suggestion[] = [];
  for (const name of candidates) {
    const distance = editDistance(word, name, max);
    if (distance <= max && name !== word) found.push({ name, distance });
  }
  found.sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name));
  return found.slice(0, options.limit ?? 5);
}
