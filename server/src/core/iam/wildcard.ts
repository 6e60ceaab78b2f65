// IAM wildcard matching (`*` any run of characters, `?` exactly one), in time linear in pattern + text.
// No regular expression is built from policy text.
//
// How: the pattern is cut at its stars into pieces. Every piece then follows a star, once the text is framed
// by two marks no text character can equal (BEGIN before the first piece and the text, END after the last),
// so the first piece is forced to the start and the last to the end. Placing each piece at its leftmost fit
// after the previous one is then exact (a star can always skip what an earlier fit leaves), and each fit is
// found with Knuth-Morris-Pratt: every text character is read a bounded number of times, whatever the pattern.
//
// The text may have holes: parts the caller does not know (the region of a parameter named without an ARN,
// the random suffix of a secret), standing for any run of characters other than a colon, possibly empty; or,
// for a value a source could not resolve at all (an unknown marker), any run of characters, colons included.
// `matchesParts` answers whether SOME filling of the holes matches. A piece may then start or end inside a
// hole, or cross one; the partial fits carried over a hole are tracked as a set of offsets into the piece, and
// each text part after a hole is searched for once within the piece, so the work is (holes + 1) × (pattern +
// text).
//
// A `?` breaks Knuth-Morris-Pratt. Pieces with one are placed by trying each start in turn, with a budget of
// steps linear in pattern + text. Real patterns stay far below it; a hostile one that exhausts it gets the
// caller's `undecided` answer, chosen so that an undecided match never produces an error (an Allow applies,
// a Deny does not).

const ANY = -1;
const BEGIN = -2;
const END = -3;
const COLON = 58;

/** Counts the inner steps of matching, so tests can bound the work without timing it. */
interface StepCounter {
  steps: number;
}

export interface MatchOptions {
  steps?: StepCounter;
  /** The answer when a pattern with `?` exhausts the step budget (default true: "may match"). */
  undecided?: boolean;
}

/**
 * What a hole between two text parts may hold: `segment`, any run without a colon (a field of an ARN the file
 * does not tell); `any`, any run at all (a value the source could not resolve).
 */
export type HoleKind = 'segment' | 'any';

interface PartsOptions extends MatchOptions {
  /** holes[i] is the hole between parts[i] and parts[i + 1]; absent: `segment`. */
  holes?: readonly HoleKind[];
}

/** A pattern prepared once, for matching against many texts. */
export interface Wildcard {
  readonly pattern: string;
  /** Whether the pattern matches the whole text. */
  matches(text: string, options?: MatchOptions): boolean;
  /**
   * Whether the pattern matches `parts[0] H parts[1] H ... parts[n]` for some filling of the holes H
   * (each any run of characters without a colon, possibly empty, or any run at all: `options.holes`).
   */
  matchesParts(parts: readonly string[], options?: PartsOptions): boolean;
}

interface Piece {
  codes: Int32Array;
  /** Knuth-Morris-Pratt failure function; undefined when the piece holds a `?`. */
  fail: Int32Array | undefined;
}

class CompiledWildcard implements Wildcard {
  /** Every piece's characters, one after the other (one array, however many pieces: `*a*a*a...` stays small). */
  private readonly codes: Int32Array;
  /** Where piece i starts in `codes`; one more entry for the end. */
  private readonly starts: Int32Array;
  /** Knuth-Morris-Pratt failure function of each piece, at the same offsets; undefined when a piece holds a `?`. */
  private readonly fail: Int32Array | undefined;
  /** Characters a matching text must have at least (pieces without the frame marks). */
  private readonly minLength: number;
  /** Pieces as views into the shared arrays: kept for patterns of a few pieces, made on demand for the others. */
  private readonly views: Piece[] = [];
  private readonly pieces: Pieces;

  constructor(
    readonly pattern: string,
    private readonly ignoreCase: boolean,
  ) {
    const source = ignoreCase ? pattern.toLowerCase() : pattern;
    const codes = new Int32Array(source.length + 2);
    const starts: number[] = [0];
    let at = 0;
    let literal = true;
    codes[at++] = BEGIN;
    for (let j = 0; j < source.length; j++) {
      const c = source.charCodeAt(j);
      if (c === 42 /* * */) {
        // A star ends a piece; consecutive stars (and so empty pieces) count once.
        if (at > starts[starts.length - 1]) starts.push(at);
        continue;
      }
      if (c === 63 /* ? */) literal = false;
      codes[at++] = c === 63 ? ANY : c;
    }
    codes[at++] = END;
    starts.push(at);
    this.codes = codes.subarray(0, at);
    this.starts = Int32Array.from(starts);
    this.minLength = at - 2;
    this.pieces = { count: this.starts.length - 1, at: (i) => this.piece(i) };
    if (literal) {
      const fail = new Int32Array(at);
      for (let i = 0; i + 1 < this.starts.length; i++) failureInto(this.codes, this.starts[i], this.starts[i + 1], fail);
      this.fail = fail;
    }
  }

  private piece(i: number): Piece {
    const kept = this.views[i];
    if (kept) return kept;
    const start = this.starts[i];
    const end = this.starts[i + 1];
    const piece = { codes: this.codes.subarray(start, end), fail: this.fail?.subarray(start, end) };
    if (i < 64) this.views[i] = piece;
    return piece;
  }

  matches(text: string, options: MatchOptions = {}): boolean {
    if (text.length < this.minLength) return false;
    return this.matchesParts([text], options);
  }

  matchesParts(parts: readonly string[], options: PartsOptions = {}): boolean {
    if (parts.length === 1 && parts[0].length < this.minLength) return false;
    const framed = frame(parts, this.ignoreCase, options.holes);
    const counter = options.steps ?? { steps: 0 };
    if (this.fail) return placeLiteral(this.pieces, framed, counter);
    const budget = counter.steps + 32 * (this.pattern.length + parts.reduce((n, p) => n + p.length, 0)) + 100_000;
    const result = placeTrying(this.pieces, framed, counter, budget);
    return result ?? options.undecided ?? true;
  }
}

/** The pieces of a pattern, in order. */
interface Pieces {
  count: number;
  at(i: number): Piece;
}

/** A part of the text read as character codes, after BEGIN when it is the first and before END when the last. */
class Part {
  readonly length: number;
  private readonly shift: number;

  constructor(
    private readonly text: string,
    first: boolean,
    last: boolean,
    /** The hole before this part may hold colons (an `any` hole). */
    readonly anyBefore = false,
  ) {
    this.shift = first ? 1 : 0;
    this.length = text.length + this.shift + (last ? 1 : 0);
  }

  code(i: number): number {
    const j = i - this.shift;
    if (j < 0) return BEGIN;
    return j < this.text.length ? this.text.charCodeAt(j) : END;
  }
}

/**
 * The text parts, framed; empty middle parts merge their holes (into an `any` hole when one of them is).
 * Nothing is copied.
 */
function frame(parts: readonly string[], ignoreCase: boolean, holes: readonly HoleKind[] = []): Part[] {
  const kept: { text: string; anyBefore: boolean }[] = [];
  let anyBefore = false;
  parts.forEach((text, i) => {
    if (i > 0 && holes[i - 1] === 'any') anyBefore = true;
    if (text !== '' || i === 0 || i === parts.length - 1) {
      kept.push({ text, anyBefore });
      anyBefore = false;
    }
  });
  return kept.map((part, i) => new Part(ignoreCase ? part.text.toLowerCase() : part.text, i === 0, i === kept.length - 1, part.anyBefore));
}

/** The failure function of a text part (searched for inside a piece after a hole). */
function failureOfPart(part: Part): Int32Array {
  const fail = new Int32Array(part.length);
  let k = 0;
  for (let i = 1; i < part.length; i++) {
    while (k > 0 && part.code(i) !== part.code(k)) k = fail[k - 1];
    if (part.code(i) === part.code(k)) k++;
    fail[i] = k;
  }
  return fail;
}

/** The failure function of codes[start..end), written to fail[start..end). */
function failureInto(codes: Int32Array, start: number, end: number, fail: Int32Array): void {
  let k = 0;
  fail[start] = 0;
  for (let i = start + 1; i < end; i++) {
    while (k > 0 && codes[i] !== codes[start + k]) k = fail[start + k - 1];
    if (codes[i] === codes[start + k]) k++;
    fail[i] = k;
  }
}

/** What a hole cannot produce: a frame mark, and a colon unless it is an `any` hole. */
function stopsHole(code: number, any: boolean): boolean {
  return code === BEGIN || code === END || (code === COLON && !any);
}

/**
 * The offsets into `piece` a hole can take partial fits at `offsets` to: any run of non-stop characters
 * further. Returns the new set, or undefined when the piece can be completed inside the hole.
 */
function acrossHole(piece: Int32Array, offsets: Uint8Array, any: boolean, counter: StepCounter): Uint8Array | undefined {
  const reached = new Uint8Array(piece.length + 1);
  let reach = false;
  for (let j = 0; j <= piece.length; j++) {
    counter.steps++;
    if (offsets[j]) reach = true;
    if (reach) reached[j] = 1;
    if (j < piece.length && stopsHole(piece[j], any)) reach = false;
  }
  return reached[piece.length] ? undefined : reached;
}

/** The piece index reached after completing pieces inside a hole, and the offsets carried past it. */
function completeInHole(
  pieces: Pieces,
  s: number,
  offsets: Uint8Array,
  any: boolean,
  counter: StepCounter,
): { s: number; carried: Uint8Array } {
  for (;;) {
    const carried = acrossHole(pieces.at(s).codes, offsets, any, counter);
    if (carried) return { s, carried };
    // Completed inside the hole: the next piece may start there too.
    s++;
    offsets = new Uint8Array(pieces.at(s).codes.length + 1);
    offsets[0] = 1;
  }
}

// --- pieces without `?`: Knuth-Morris-Pratt ------------------------------------------------------------

function placeLiteral(pieces: Pieces, parts: readonly Part[], counter: StepCounter): boolean {
  let s = 0;
  let carried: Uint8Array | undefined;
  for (let i = 0; i < parts.length; i++) {
    const text = parts[i];
    let textFail: Int32Array | undefined;
    let pos = 0;
    for (;;) {
      const { codes, fail } = pieces.at(s);
      // A fit that began before the hole and continues here; then a fresh fit from `pos`, whichever ends first.
      let done = -1;
      let survivors: number[] = [];
      if (carried) {
        textFail ??= failureOfPart(text);
        counter.steps += text.length;
        ({ done, survivors } = continueFits(codes, carried, text, textFail, counter));
      }
      const found = searchFrom(codes, fail!, text, pos, done >= 0 ? done : text.length, counter);
      if (found.end >= 0) done = found.end;
      if (done >= 0) {
        s++;
        carried = undefined;
        pos = done;
        if (s === pieces.count) return i === parts.length - 1 && pos === text.length;
        continue;
      }
      if (i === parts.length - 1) return false;
      // The piece is unfinished at the hole: carry its partial fits (and a fresh start) across.
      const offsets = new Uint8Array(codes.length + 1);
      offsets[0] = 1;
      for (const offset of survivors) offsets[offset] = 1;
      for (let k = found.state; k > 0; k = fail![k - 1]) {
        counter.steps++;
        offsets[k] = 1;
      }
      ({ s, carried } = completeInHole(pieces, s, offsets, parts[i + 1].anyBefore, counter));
      break;
    }
  }
  return false;
}

/** The end of the first fit of `piece` in text[from..limit], or the matcher's state at `limit`. */
function searchFrom(
  piece: Int32Array,
  fail: Int32Array,
  text: Part,
  from: number,
  limit: number,
  counter: StepCounter,
): { end: number; state: number } {
  let k = 0;
  for (let i = from; i < limit; i++) {
    counter.steps++;
    const c = text.code(i);
    while (k > 0 && c !== piece[k]) {
      counter.steps++;
      k = fail[k - 1];
    }
    if (c === piece[k]) k++;
    if (k === piece.length) return { end: i + 1, state: k };
  }
  return { end: -1, state: k };
}

/**
 * Partial fits of `piece` at the offsets in `carried` (set after a hole), continued by `text`: where the
 * earliest of them completes, and the offsets of those that run through all of `text`. Searches `text`
 * inside the piece, so the work is piece + text.
 */
function continueFits(
  piece: Int32Array,
  carried: Uint8Array,
  text: Part,
  textFail: Int32Array,
  counter: StepCounter,
): { done: number; survivors: number[] } {
  let done = -1;
  const survivors: number[] = [];
  let k = 0;
  for (let j = 0; j < piece.length; j++) {
    counter.steps++;
    while (k > 0 && (k === text.length || piece[j] !== text.code(k))) {
      counter.steps++;
      k = textFail[k - 1];
    }
    if (piece[j] === text.code(k)) k++;
    if (k === text.length && carried[j + 1 - k]) {
      if (j + 1 === piece.length) done = text.length;
      else survivors.push(j + 1);
    }
  }
  // Fits that complete inside `text`: a suffix of the piece that starts the text; the shortest ends first.
  for (let length = k; length > 0; length = textFail[length - 1]) {
    counter.steps++;
    if (carried[piece.length - length] && (done < 0 || length < done)) done = length;
  }
  return { done, survivors };
}

// --- pieces with `?`: every start in turn, within a budget ----------------------------------------------

function placeTrying(pieces: Pieces, parts: readonly Part[], counter: StepCounter, budget: number): boolean | undefined {
  let s = 0;
  // Offsets into the current piece of fits in progress; a fresh start (offset 0) is always allowed after a star.
  let active: number[] = [];
  let next: number[] = [];
  let piece = pieces.at(0).codes;
  let seen = new Int32Array(piece.length + 1);
  let stamp = 0;
  for (let i = 0; i < parts.length; i++) {
    const text = parts[i];
    for (let t = 0; t < text.length; t++) {
      const c = text.code(t);
      stamp++;
      next.length = 0;
      let completed = false;
      for (let a = 0; a <= active.length; a++) {
        if (++counter.steps > budget) return undefined;
        const offset = a < active.length ? active[a] : 0;
        const p = piece[offset];
        if (p !== c && !(p === ANY && c >= 0)) continue;
        if (offset + 1 === piece.length) completed = true;
        else if (seen[offset + 1] !== stamp) {
          seen[offset + 1] = stamp;
          next.push(offset + 1);
        }
      }
      if (completed) {
        s++;
        if (s === pieces.count) return i === parts.length - 1 && t === text.length - 1;
        active = [];
        piece = pieces.at(s).codes;
        seen = new Int32Array(piece.length + 1);
      } else {
        [active, next] = [next, active];
      }
    }
    if (i === parts.length - 1) return false;
    const offsets = new Uint8Array(piece.length + 1);
    offsets[0] = 1;
    for (const offset of active) offsets[offset] = 1;
    const after = completeInHole(pieces, s, offsets, parts[i + 1].anyBefore, counter);
    if (after.s !== s) {
      s = after.s;
      piece = pieces.at(s).codes;
      seen = new Int32Array(piece.length + 1);
    }
    active = [];
    for (let j = 1; j < after.carried.length; j++) if (after.carried[j]) active.push(j);
    if (counter.steps > budget) return undefined;
  }
  return false;
}

// --- entry points ----------------------------------------------------------------------------------------

// Policies repeat their patterns across statements, requests and checks: the compiled forms of recent
// patterns are kept, up to a total size (about 8 bytes each per character), then dropped all at once.
const CACHE_CHARACTERS = 4 * 1024 * 1024;
const caches = { exact: new Map<string, CompiledWildcard>(), ignoringCase: new Map<string, CompiledWildcard>() };
let cachedCharacters = 0;

/** The pattern prepared for matching; compile once when matching one pattern against many texts. */
export function compileWildcard(pattern: string, options: { ignoreCase?: boolean } = {}): Wildcard {
  const ignoreCase = !!options.ignoreCase;
  const cache = ignoreCase ? caches.ignoringCase : caches.exact;
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = new CompiledWildcard(pattern, ignoreCase);
    if (cachedCharacters + pattern.length > CACHE_CHARACTERS) {
      caches.exact.clear();
      caches.ignoringCase.clear();
      cachedCharacters = 0;
    }
    if (pattern.length <= CACHE_CHARACTERS) {
      cache.set(pattern, compiled);
      cachedCharacters += pattern.length;
    }
  }
  return compiled;
}

export function wildcardMatch(pattern: string, text: string, options: { ignoreCase?: boolean } & MatchOptions = {}): boolean {
  return compileWildcard(pattern, options).matches(text, options);
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
