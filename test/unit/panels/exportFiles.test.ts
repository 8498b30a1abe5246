import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileBytes, safeFileName } from '../../../src/extension/panels/exportFiles';

test('a suggested name keeps no folder, no control or reserved characters, and gets its extension', () => {
  assert.equal(safeFileName('../../etc/passwd', 'csv'), 'passwd.csv');
  assert.equal(safeFileName('C:\\Users\\x\\evil.png', 'png'), 'evil.png');
  assert.equal(safeFileName('val/loss.png', 'png'), 'loss.png');
  assert.equal(safeFileName('a<b>:c|d?e*f"\u0007.csv', 'csv'), 'a_b__c_d_e_f__.csv');
  assert.equal(safeFileName('...hidden', 'csv'), 'hidden.csv');
  assert.equal(safeFileName('', 'png'), 'export.png');
  assert.equal(safeFileName('x'.repeat(300), 'csv').length, 104);
});

test('CSV is written as UTF-8 text; a PNG only when the data URL holds PNG bytes', () => {
  assert.deepEqual([...fileBytes('csv', 'é')], [0xc3, 0xa9]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  assert.deepEqual([...fileBytes('png', `data:image/png;base64,${png.toString('base64')}`)], [...png]);
  assert.throws(
    () => fileBytes('png', `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}`),
    /not a PNG/,
  );
  assert.throws(() => fileBytes('png', 'data:text/html;base64,PHNjcmlwdD4='), /not a PNG/);
  assert.throws(() => fileBytes('png', 'not a data url'), /not a PNG/);
});
