import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, field } from '../../../src/extension/platform/untrustedText';
import { truncate } from '../../../src/extension/platform/untrustedText';
import { formatMetricValue } from '../../../src/webview/shared/format';
import {
  formatDuration,
  formatRunCount,
  formatRunDuration,
  formatTimestamp,
  relativeTime,
  runDuration,
} from '../../../src/webview/shared/format';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

test('relative times read naturally at every scale, and clock skew says "in"', () => {
  const cases: [number, string][] = [
    [NOW - 10_000, 'just now'],
    [NOW - 50_000, '1 min ago'],
    [NOW - 5 * MINUTE, '5 min ago'],
    [NOW - 3 * HOUR, '3 h ago'],
    [NOW - 1 * DAY, 'yesterday'],
    [NOW - 12 * DAY, '12 days ago'],
    [NOW - 120 * DAY, '4 mo ago'],
    [NOW - 800 * DAY, '2 y ago'],
    [NOW + 10 * MINUTE, 'in 10 min'],
  ];
  for (const [timestamp, expected] of cases) assert.equal(relativeTime(timestamp, NOW), expected);
});

test('durations are short, zero-padded, and never negative', () => {
  assert.equal(formatDuration(820), '820ms');
  assert.equal(formatDuration(45_400), '45s');
  assert.equal(formatDuration(200_000), '3m 20s');
  assert.equal(formatDuration(HOUR + 2 * MINUTE + 5_000), '1h 02m');
  assert.equal(formatDuration(2 * DAY + 3 * HOUR), '2d 3h');
  assert.equal(formatDuration(-5_000), '0ms');
});

test('a running run lasts until now; a run without a start has no duration', () => {
  assert.equal(runDuration(NOW - 5_000, undefined, NOW), 5_000);
  assert.equal(runDuration(NOW - 5_000, NOW - 1_000, NOW), 4_000);
  assert.equal(runDuration(undefined, NOW, NOW), undefined);
});

test('a count of runs is singular for one run only', () => {
  assert.deepEqual([0, 1, 2, 10_000].map(formatRunCount), ['0 runs', '1 run', '2 runs', '10000 runs']);
});

test('timestamps are local, sortable and padded', () => {
  const local = new Date(2026, 0, 5, 7, 8, 9).getTime();
  assert.equal(formatTimestamp(local), '2026-01-05 07:08:09');
  assert.equal(formatTimestamp(Number.NaN), 'unknown');
});

test('the panels spell a missing or impossible time their own way; the sidebar says "unknown"', () => {
  const local = new Date(2026, 0, 5, 7, 8, 9).getTime();
  assert.equal(formatTimestamp(local, ''), '2026-01-05 07:08:09');
  assert.equal(formatTimestamp(undefined, ''), '');
  assert.equal(formatTimestamp(1e20, '—'), '—');
  assert.equal(formatTimestamp(undefined), 'unknown');
  assert.equal(formatRunDuration(NOW - 200_000, undefined, NOW), '3m 20s');
  assert.equal(formatRunDuration(NOW - 5_000, NOW - 4_180, NOW), '820ms');
  assert.equal(formatRunDuration(undefined, NOW, NOW), '');
});

test('metric values: four significant digits, exponents at the extremes, special values spelled out', () => {
  const cases: [number, string][] = [
    [0.23456789, '0.2346'],
    [12.5, '12.5'],
    [3, '3'],
    [-0, '0'],
    [1234567, '1.235e6'],
    [1.7976931348623157e308, '1.798e308'],
    [5e-324, '4.941e-324'],
    [0.0001234, '1.234e-4'],
    [Number.NaN, 'NaN'],
    [Infinity, '∞'],
    [-Infinity, '−∞'],
  ];
  for (const [value, expected] of cases) assert.equal(formatMetricValue(value), expected, String(value));
});

test('markdown escaping leaves no markup: HTML, links, emphasis, headings, icons, line breaks', () => {
  const hostile = '<img src=x onerror=alert(1)> [click](command:x) **b** # h $(zap) a\nb `c` &amp;';
  const escaped = escapeMarkdown(hostile);
  assert.doesNotMatch(escaped, /(^|[^\\])[<>[\]()*#`&$]/, 'every markup character is backslash-escaped');
  assert.doesNotMatch(escaped, /\n/);
  assert.equal(escaped.replace(/\\(.)/g, '$1'), hostile.replace('\n', ' '), 'unescaping gives the text back');
});

test('unicode passes through escaping untouched; runs of spaces stay visible', () => {
  assert.equal(escapeMarkdown('学習ラン 🚀 – résumé'), '学習ラン 🚀 – résumé');
  assert.equal(escapeMarkdown('a   b'), 'a \u00a0\u00a0b');
});

test('truncation counts code points and marks the cut', () => {
  assert.equal(truncate('abcdef', 4), 'abc…');
  assert.equal(truncate('abc', 4), 'abc');
  assert.equal(truncate('🚀🚀🚀🚀🚀', 3), '🚀🚀…');
});

test('a field escapes its label and its value', () => {
  assert.equal(field('User', '<b>x</b>'), '**User:** \\<b\\>x\\<\\/b\\>');
});
