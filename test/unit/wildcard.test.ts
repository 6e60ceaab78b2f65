import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type HoleKind, compileWildcard, wildcardMatch } from '../../server/src/core/iam/wildcard';

const cases: [string, string, boolean, boolean?][] = [
  ['*', '', true],
  ['*', 'anything', true],
  ['ecr:Get*', 'ecr:GetAuthorizationToken', true],
  ['ecr:get*', 'ecr:GetAuthorizationToken', false],
  ['ecr:get*', 'ecr:GetAuthorizationToken', true, true],
  ['logs:Put*', 'logs:PutLogEvents', true],
  ['secretsmanager:GetSecret?alue', 'secretsmanager:GetSecretValue', true],
  ['arn:aws:secretsmanager:*:*:secret:db-??????', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', true],
  ['arn:aws:secretsmanager:*:*:secret:db-??????', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdE', false],
  ['a*b*c', 'aXXbYYc', true],
  ['a*b*c', 'aXXbYY', false],
  ['*a', 'ba', true],
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['', '', true],
  ['', 'a', false],
  ['**', 'x', true],
];

for (const [pattern, text, expected, ignoreCase] of cases) {
  test(`wildcard ${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(text)}${ignoreCase ? ' (ignoring case)' : ''}`, () => {
    assert.equal(wildcardMatch(pattern, text, { ignoreCase }), expected);
  });
}

test('a pathological pattern is matched without catastrophic backtracking', () => {
  const pattern = `${'a*'.repeat(2000)}b`;
  const text = 'a'.repeat(20000);
  // A backtracking regular expression would not finish; this must answer (false) at once.
  assert.equal(wildcardMatch(pattern, text), false);
});

// --- linear work: adversarial patterns, counted in steps (never timed) ---------------------------------

/** Matches and returns the steps taken; the bound is a constant times (holes + 1) × (pattern + text). */
function steps(
  pattern: string,
  parts: string[],
  undecided?: boolean,
  holes?: HoleKind[],
): { result: boolean; steps: number; size: number } {
  const counter = { steps: 0 };
  const result = compileWildcard(pattern).matchesParts(parts, { steps: counter, undecided, holes });
  return { result, steps: counter.steps, size: parts.length * (pattern.length + parts.reduce((n, p) => n + p.length, 0)) };
}

const a80k = 'a'.repeat(80_000);
const adversarial: [string, string, string[], boolean][] = [
  ['*a*a...*b against a run of a (the 109 s environment-file case)', `${'*a'.repeat(40_000)}*b`, [a80k], false],
  ['*aaaa...ab* against a run of a', `*${'a'.repeat(40_000)}b*`, [a80k], false],
  ['*aaaa...a* against a run of a', `*${'a'.repeat(40_000)}*`, [a80k], true],
  ['many stars between short pieces', `${'*ab'.repeat(20_000)}*`, ['ab'.repeat(40_000)], true],
  ['holes between long runs', `*${'a'.repeat(4_000)}b*`, [a80k, a80k, a80k], true],
  ['a colon the holes cannot make', `arn:${'*a'.repeat(4_000)}*:b`, ['arn:', `:${a80k}`, a80k], false],
  ['the hole cannot make the piece after it', `*${'a'.repeat(40_000)}:b`, [a80k, a80k], false],
];

for (const [name, pattern, parts, expected] of adversarial) {
  test(`linear matching: ${name}`, () => {
    const { result, steps: taken, size } = steps(pattern, parts);
    assert.equal(result, expected);
    assert.ok(taken > 0, 'the matcher counts its steps');
    assert.ok(taken <= 4 * size + 1000, `${taken} steps for size ${size}`);
  });
}

// Unknown values (a template's `!Ref`, a Terraform variable) are holes that may hold anything, colons included.
const anyHoles: [string, string, string[], boolean][] = [
  ['a colon only an unknown value can make', `arn:*${'a'.repeat(4_000)}:${'a'.repeat(4_000)}*b`, ['arn:', a80k, 'b'], true],
  ['pieces completed inside unknown values', `*${'a:'.repeat(20_000)}b`, [a80k, a80k, 'b'], true],
  ['an unknown value cannot make the end', `*${'a'.repeat(40_000)}:b`, [a80k, a80k], false],
];

for (const [name, pattern, parts, expected] of anyHoles) {
  test(`linear matching with unknown values: ${name}`, () => {
    const holes = parts.slice(1).map((): HoleKind => 'any');
    const { result, steps: taken, size } = steps(pattern, parts, undefined, holes);
    assert.equal(result, expected);
    assert.ok(taken <= 4 * size + 1000, `${taken} steps for size ${size}`);
  });
}

test('an unknown value may hold a colon, a segment hole may not', () => {
  const pattern = compileWildcard('arn:aws:ssm:eu-west-1:1:parameter/app');
  assert.equal(pattern.matchesParts(['arn:aws:ssm:', ':parameter/app']), false);
  assert.equal(pattern.matchesParts(['arn:aws:ssm:', ':parameter/app'], { holes: ['any'] }), true);
  // Two holes that meet (an empty part between them) hold a colon when one of them may.
  assert.equal(pattern.matchesParts(['arn:aws:ssm:', '', ':parameter/app'], { holes: ['segment', 'any'] }), true);
  assert.equal(pattern.matchesParts(['arn:aws:ssm:', '', ':parameter/app'], { holes: ['segment', 'segment'] }), false);
});

test('a pattern longer than the text is rejected without reading either', () => {
  const { result, steps: taken } = steps(`*${'a*'.repeat(1_000_000)}b`, ['arn:aws:ssm:eu-west-1:123456789012:parameter/app']);
  assert.equal(result, false);
  assert.equal(taken, 0);
});

test('a ? pattern that would take quadratic work stops at its budget and gives the undecided answer', () => {
  const pattern = `*${'a?'.repeat(4_000)}b*`;
  const decidedNo = steps(pattern, [a80k], false);
  const decidedYes = steps(pattern, [a80k], true);
  assert.equal(decidedNo.result, false);
  assert.equal(decidedYes.result, true, 'undecided: the caller chose "may match"');
  assert.ok(decidedNo.steps <= 40 * decidedNo.size + 200_000, `${decidedNo.steps} steps`);
});

test('a ? pattern on real ARNs is decided exactly', () => {
  const secret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf';
  assert.equal(compileWildcard('arn:aws:secretsmanager:*:*:secret:db-??????').matches(secret, { undecided: true }), true);
  assert.equal(compileWildcard('arn:aws:secretsmanager:*:*:secret:db-???????').matches(secret, { undecided: true }), false);
  assert.equal(compileWildcard('arn:aws:secretsmanager:*:*:secret:db-???????').matches(secret, { undecided: false }), false);
});

// --- exactness: the same answers as a plain automaton, holes included -----------------------------------

/**
 * The obvious matcher: the set of pattern positions reached, character by character; a hole is any run
 * without a colon, or any run at all where `holes` says `any`.
 */
function reference(pattern: string, parts: string[], holes: HoleKind[] = []): boolean {
  const n = pattern.length;
  const close = (states: Set<number>) => {
    for (let p = 0; p < n; p++) if (states.has(p) && pattern[p] === '*') states.add(p + 1);
    return states;
  };
  let states = close(new Set([0]));
  parts.forEach((part, i) => {
    if (i > 0) {
      // A hole: forward over any pattern characters but a colon (any at all for an `any` hole).
      const reached = new Set(states);
      for (let p = 0; p < n; p++) if (reached.has(p) && (pattern[p] !== ':' || holes[i - 1] === 'any')) reached.add(p + 1);
      states = close(reached);
    }
    for (const c of part) {
      const next = new Set<number>();
      for (const p of states) {
        if (p < n && pattern[p] === '*') next.add(p);
        else if (p < n && (pattern[p] === '?' || pattern[p] === c)) next.add(p + 1);
      }
      states = close(next);
    }
  });
  return states.has(n);
}

/** Short patterns and texts over a small alphabet, so that wildcards, colons and letters meet often. */
const patterns = fc.array(fc.constantFrom('a', 'b', ':', '*', '?'), { maxLength: 14 }).map((c) => c.join(''));
const texts = fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 10 }).map((c) => c.join(''));

test('matching agrees with a plain automaton on random patterns and texts with holes', () => {
  fc.assert(
    fc.property(
      patterns,
      fc.array(texts, { minLength: 1, maxLength: 4 }),
      (pattern, parts) => compileWildcard(pattern).matchesParts(parts) === reference(pattern, parts),
    ),
    { numRuns: 20_000 },
  );
});

test('matching agrees with a plain automaton when holes may be unknown values (colons included)', () => {
  fc.assert(
    fc.property(
      patterns,
      fc.array(
        fc.record({
          text: texts,
          hole: fc.constantFrom<HoleKind>('segment', 'any'),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      (pattern, drawn) => {
        const parts = drawn.map((d) => d.text);
        const holes = drawn.slice(1).map((d) => d.hole);
        return compileWildcard(pattern).matchesParts(parts, { holes }) === reference(pattern, parts, holes);
      },
    ),
    { numRuns: 20_000 },
  );
});
