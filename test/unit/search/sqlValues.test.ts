import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  compareExperimentIds,
  compareText,
  likeMatcher,
  storedMetricValue,
} from '../../../src/extension/tracking/search/sqlValues';

function like(text: string, pattern: string): boolean {
  return likeMatcher(pattern, false)(text);
}

function ilike(text: string, pattern: string): boolean {
  return likeMatcher(pattern, true)(text);
}

describe('LIKE and ILIKE as the server SQLite store evaluates them', () => {
  test('% is any run of characters, _ exactly one, the rest matches itself', () => {
    assert.ok(like('sweep-parent', '%sweep%'));
    assert.ok(like('train.py', '%train.py'));
    assert.ok(like('abc', 'a_c'));
    assert.ok(!like('abbc', 'a_c'));
    assert.ok(like('', '%'));
    assert.ok(like('', ''));
    assert.ok(!like('a', ''));
    assert.ok(like('a%b', 'a%b'));
    assert.ok(like('a.*b', 'a.*b'), 'regular expression characters are ordinary');
    assert.ok(!like('aXb', 'a.b'));
    assert.ok(like('a\\b', 'a\\b'), 'a backslash escapes nothing');
    assert.ok(like('xaybz', '%a%b%'));
    assert.ok(!like('xabz', '%b%a%'));
  });
  test('_ matches one character, even one outside the BMP', () => {
    assert.ok(like('🧪x', '_x'));
    assert.ok(!like('🧪x', '__x'));
    assert.ok(like('ü', '_'));
  });
  test('LIKE is case-sensitive (MLflow sets case_sensitive_like)', () => {
    assert.ok(!like('Sweep', '%sweep%'));
    assert.ok(!like('SWEEP', 'sweep'));
  });
  test('ILIKE folds A-Z only, as SQLite lower() does', () => {
    assert.ok(ilike('sweep-parent', '%SWEEP%'));
    assert.ok(ilike('Demo', 'dEMO'));
    assert.ok(ilike('ABC', 'a_c'));
    assert.ok(!ilike('RÉSUMÉ', 'résumé'), 'É and é are different to SQLite');
    assert.ok(ilike('RéSUMé', 'résumé'));
  });
  test('agrees with a plain recursive definition on random texts and patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '%', '_', '🧪');
    const text = fc.array(fc.constantFrom('a', 'b', 'A', '🧪', '%'), { maxLength: 8 }).map((chars) => chars.join(''));
    const pattern = fc.array(alphabet, { maxLength: 6 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, pattern, (t, p) => {
        assert.equal(like(t, p), reference(Array.from(t), Array.from(p)));
      }),
      { numRuns: 2000 },
    );
  });
  test('a pathological pattern stays fast enough to finish', () => {
    const text = 'a'.repeat(8000);
    assert.equal(like(text, `${'%a'.repeat(30)}%b`), false);
  });
});

/** LIKE by its definition, recursively: slow, obviously right, for small inputs only. */
function reference(text: string[], pattern: string[]): boolean {
  if (pattern.length === 0) return text.length === 0;
  const [head, ...rest] = pattern;
  if (head === '%') return text.some((_, i) => reference(text.slice(i), rest)) || reference([], rest);
  if (text.length === 0) return false;
  return (head === '_' || head === text[0]) && reference(text.slice(1), rest);
}

describe('SQL values', () => {
  test('texts order by code point, as SQLite BINARY does, not by UTF-16 unit', () => {
    const texts = ['b', 'a', '\uFF21', '🧪', 'B', '', 'ab', '\uE000'];
    assert.deepEqual([...texts].sort(compareText), ['', 'B', 'a', 'ab', 'b', '\uE000', '\uFF21', '🧪']);
  });
  test('a NaN metric is stored as 0, infinities as the largest double', () => {
    assert.equal(storedMetricValue(NaN), 0);
    assert.equal(storedMetricValue(Infinity), 1.7976931348623157e308);
    assert.equal(storedMetricValue(-Infinity), -1.7976931348623157e308);
    assert.equal(storedMetricValue(0.5), 0.5);
  });
  test('experiment ids order as integers, 18-digit ids included', () => {
    const ids = ['10', '9', '0', '569793160747218928', '569793160747218927', '-1', 'abc', '007'];
    assert.deepEqual([...ids].sort(compareExperimentIds), [
      '-1',
      '0',
      '007',
      '9',
      '10',
      '569793160747218927',
      '569793160747218928',
      'abc',
    ]);
  });
});
