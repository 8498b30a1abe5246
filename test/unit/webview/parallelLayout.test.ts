import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parallelLayout } from '../../../src/webview/compare/parallelLayout';

test('parallel coordinates: NaN, ±Infinity and ±1.8e308 leave a run off that axis; the others span the axis', () => {
  const layout = parallelLayout(
    [{ label: 'loss', values: [0.5, Number.NaN, Infinity, -Number.MAX_VALUE, 1.5, undefined] }],
    6,
  );
  assert.deepEqual(
    layout.positions.map((positions) => positions[0]),
    [0, undefined, undefined, undefined, 1, undefined],
  );
  assert.deepEqual(layout.axes[0]!.ticks, [
    { label: '0.5', at: 0 },
    { label: '1.5', at: 1 },
  ]);
  const none = parallelLayout([{ label: 'only_nan', values: [Number.NaN, Infinity] }], 2);
  assert.deepEqual(none.positions, [[undefined], [undefined]]);
  assert.deepEqual(none.axes[0]!.ticks, []);
});
