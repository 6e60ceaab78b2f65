// "Did you mean": the closest known word by edit distance, for quick fixes on near-miss names.

/** Levenshtein distance, with an early exit once it exceeds `limit` (the result is then limit + 1). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidates nearest to `word`, best first: an exact match ignoring case wins outright; otherwise those
 * within `maxDistance` edits (compared without case), closest first, ties in the candidates' order.
 */
export function nearest(word: string, candidates: Iterable<string>, maxDistance: number): string[] {
  const lower = word.toLowerCase();
  const scored: { candidate: string; distance: number; order: number }[] = [];
  let order = 0;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === lower ? -1 : editDistance(lower, candidate.toLowerCase(), maxDistance);
    if (distance <= maxDistance) scored.push({ candidate, distance, order: order++ });
  }
  scored.sort((x, y) => x.distance - y.distance || x.order - y.order);
  return scored.map((s) => s.candidate);
}
