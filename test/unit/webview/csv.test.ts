import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, parseCsv, toCsv } from '../../../src/webview/shared/csv';

test('a file starts with a byte-order mark and ends every row with CRLF', () => {
  assert.equal(toCsv(['a', 'b'], [[1, 'x']]), '\ufeffa,b\r\n1,x\r\n');
});

test('commas, quotes and line breaks are quoted, quotes doubled', () => {
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('plain'), 'plain');
});

test('numbers stay numbers, special values are spelled out, missing cells are empty', () => {
  assert.equal(csvField(-0.25), '-0.25');
  assert.equal(csvField(1e-7), '1e-7');
  assert.equal(csvField(Number.NaN), 'NaN');
  assert.equal(csvField(-Infinity), '-Infinity');
  assert.equal(csvField(undefined), '');
});

test('text a spreadsheet would run as a formula is defused, numbers written as text are not', () => {
  assert.equal(csvField('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  assert.equal(csvField('+1+2'), "'+1+2");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField('-0.5'), '-0.5');
  assert.equal(csvField('-1e-3'), '-1e-3');
  assert.equal(csvField('-x'), "'-x");
});

test('CSV previews read quoted fields, doubled quotes, line breaks and CRLF', () => {
  assert.deepEqual(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",3\n', 10), [
    ['a', 'b'],
    ['x, y', 'say "hi"'],
    ['two\nlines', '3'],
  ]);
});

test('a preview stops at the row limit and drops a row cut off by a truncated read', () => {
  assert.deepEqual(parseCsv('h\n1\n2\n3\n', 2), [['h'], ['1']]);
  assert.deepEqual(parseCsv('h,v\n1,2\n3,', 10, true), [
    ['h', 'v'],
    ['1', '2'],
  ]);
  assert.deepEqual(parseCsv('h,v\n1,2', 10, false), [
    ['h', 'v'],
    ['1', '2'],
  ]);
});

test('what the compare panel writes, a preview reads back', () => {
  const rows = [
    ['run_id', 'name'],
    ['abc', '=cmd|"x"'],
    ['def', 'a,b\nc'],
  ];
  const parsed = parseCsv(toCsv(rows[0]!, rows.slice(1)).slice(1), 10);
  assert.deepEqual(parsed, [
    ['run_id', 'name'],
    ['abc', '\'=cmd|"x"'],
    ['def', 'a,b\nc'],
  ]);
});
