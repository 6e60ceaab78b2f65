// `node:assert/strict` for the suite in the browser bundle (the web extension host has no Node): the
// functions the suite uses, with the same meaning (strict equality, deep equality of plain data).
class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (value: unknown) => {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
};

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function fail(message: string | undefined, fallback: string): never {
  throw new AssertionError(message ?? fallback);
}

function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

const assert = Object.assign(ok, {
  ok,
  equal(actual: unknown, expected: unknown, message?: string) {
    if (!Object.is(actual, expected)) fail(message, `${show(actual)} !== ${show(expected)}`);
  },
  notEqual(actual: unknown, expected: unknown, message?: string) {
    if (Object.is(actual, expected)) fail(message, `${show(actual)} === ${show(expected)}`);
  },
  deepEqual(actual: unknown, expected: unknown, message?: string) {
    if (!deepEqual(actual, expected)) fail(message, `not deep-equal:\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`);
  },
  match(text: string, pattern: RegExp, message?: string) {
    if (!pattern.test(text)) fail(message, `${show(text)} does not match ${pattern}`);
  },
  doesNotMatch(text: string, pattern: RegExp, message?: string) {
    if (pattern.test(text)) fail(message, `${show(text)} matches ${pattern}`);
  },
  fail(message?: string): never {
    fail(message, 'failed');
  },
});

export default assert;
