import { test } from 'node:test';
import assert from 'node:assert/strict';
import { booleanSetting, integerSetting, stringSetting } from '../../../src/extension/platform/settingValues';

test('hand-edited numbers are clamped, rounded, or replaced by the default', () => {
  assert.equal(integerSetting(250, 100, 1, 5000), 250);
  assert.equal(integerSetting(0, 100, 1, 5000), 1);
  assert.equal(integerSetting(1e9, 100, 1, 5000), 5000);
  assert.equal(integerSetting(12.6, 100, 1, 5000), 13);
  assert.equal(integerSetting('250', 100, 1, 5000), 100);
  assert.equal(integerSetting(Number.NaN, 100, 1, 5000), 100);
  assert.equal(integerSetting(undefined, 100, 1, 5000), 100);
});

test('strings are trimmed; booleans must be booleans', () => {
  assert.equal(stringSetting('  loss '), 'loss');
  assert.equal(stringSetting(42), '');
  assert.equal(booleanSetting('true', false), false);
  assert.equal(booleanSetting(true, false), true);
});
