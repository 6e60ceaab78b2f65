// formatCount writes the integers of messages as toLocaleString('en-US') does, without loading ICU's data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount } from '../../server/src/core/messages';

test('formatCount writes what toLocaleString("en-US") writes: every length of integer, both signs, -0, and the non-integers it hands on', () => {
  const numbers = [0, -0, 7, -7, 10, 999, 1000, 10240, 99999, 100000, 2048576, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
  for (let digits = 1; digits <= 16; digits++) numbers.push(Number('9'.repeat(digits)), -Number(`1${'0'.repeat(digits - 1)}`));
  numbers.push(1.5, -1234.5678, 1e21, Number.NaN, Number.POSITIVE_INFINITY);
  for (const n of numbers) assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
  assert.equal(formatCount(10240), '10,240');
});
