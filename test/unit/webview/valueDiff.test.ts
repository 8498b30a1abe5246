import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { toRunView } from '../../../src/extension/panels/runViews';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import {
  diffValues,
  filterRows,
  ONLY_DIFFERENCES_ABOVE,
  sameValue,
  splitSystemTags,
} from '../../../src/webview/compare/valueDiff';
import type { RunView } from '../../../src/webview/protocol';

const mlruns = 'test/fixtures/mlflow-3.5.1/mlruns';
let store: TrackingStore;

before(async () => {
  store = await openFileStore(mlruns);
});
after(() => store.dispose());

async function views(...runIds: string[]): Promise<RunView[]> {
  return Promise.all(runIds.map(async (runId) => toRunView(await store.getRun(runId), 'demo-classifier')));
}

test('the recorded baseline-adam and sgd-momentum runs: every param key once, the differing ones marked', async () => {
  // baseline-adam (7aead6a) and sgd-momentum (f3b9b86) from demo-classifier.
  const runs = await views('d389a863ef9143a18728f56612f5d1d2', 'bf29bcb7df6f4d999ff1eec7078e078d');
  const rows = diffValues(runs.map((run) => run.params));
  const keys = rows.map((row) => row.key);
  assert.deepEqual(keys, [...new Set([...Object.keys(runs[0]!.params), ...Object.keys(runs[1]!.params)])].sort());
  const optimizer = rows.find((row) => row.key === 'optimizer')!;
  assert.deepEqual(optimizer.values, [runs[0]!.params.optimizer, runs[1]!.params.optimizer]);
  assert.equal(optimizer.differs, runs[0]!.params.optimizer !== runs[1]!.params.optimizer);
  assert.ok(optimizer.differs, 'adam against sgd');
  for (const row of rows) assert.equal(row.differs, !sameValue(row.values[0], row.values[1]), row.key);
});

test('the children of one sweep differ only where the sweep varied them', async () => {
  const runs = await views(
    '0a853874ef204e9098a1d5ffd92864a6',
    '6d04ce402d4c452eba4fe16ff8361ee0',
    '7a60323d53b74c308b0954adc2482090',
  );
  const rows = diffValues(runs.map((run) => run.params));
  const differing = filterRows(rows, { onlyDifferences: true, keyFilter: '' });
  assert.ok(differing.length > 0 && differing.length < rows.length, `${differing.length} of ${rows.length} differ`);
  for (const row of differing) assert.ok(new Set(row.values).size > 1, row.key);
});

test('a key only one run has differs, and the other run shows nothing for it', () => {
  const rows = diffValues([{ lr: '0.1', seed: '1' }, { lr: '0.1' }]);
  assert.deepEqual(rows, [
    { key: 'lr', values: ['0.1', '0.1'], differs: false },
    { key: 'seed', values: ['1', undefined], differs: true },
  ]);
});

test('numbers written differently agree; text that merely looks alike does not', () => {
  assert.ok(sameValue('0.01', '1e-2'));
  assert.ok(sameValue('32', '32.0'));
  assert.ok(!sameValue('adam', 'Adam'));
  assert.ok(!sameValue('0x10', '16'));
});

test('keys sort as people read them, and a __proto__ key is an ordinary key', () => {
  const rows = diffValues([JSON.parse('{"layer10": "a", "layer2": "b", "__proto__": "x"}') as Record<string, string>]);
  assert.deepEqual(
    rows.map((row) => row.key),
    ['__proto__', 'layer2', 'layer10'],
  );
});

test('the key filter is case-insensitive, and only-differences is the default above 5 rows', () => {
  const rows = diffValues([
    { Learning_Rate: '1', batch: '2', momentum: '3' },
    { Learning_Rate: '2', batch: '2', momentum: '3' },
  ]);
  assert.deepEqual(
    filterRows(rows, { onlyDifferences: false, keyFilter: 'learn' }).map((row) => row.key),
    ['Learning_Rate'],
  );
  assert.deepEqual(
    filterRows(rows, { onlyDifferences: true, keyFilter: '' }).map((row) => row.key),
    ['Learning_Rate'],
  );
  assert.equal(ONLY_DIFFERENCES_ABOVE, 5);
});

test('MLflow system tags are split from the user tags of the recorded runs', async () => {
  const runs = await views('d389a863ef9143a18728f56612f5d1d2', 'bf29bcb7df6f4d999ff1eec7078e078d');
  const { user, system } = splitSystemTags(diffValues(runs.map((run) => run.tags)));
  assert.ok(
    system.some((row) => row.key === 'mlflow.source.git.commit' && row.differs),
    'the runs were logged at different commits',
  );
  assert.ok(system.every((row) => row.key.startsWith('mlflow.')));
  assert.ok(user.every((row) => !row.key.startsWith('mlflow.')));
});
