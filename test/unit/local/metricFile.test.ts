import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StampedCache } from '../../../src/extension/tracking/local/fileCache';
import {
  latestOfMetricFile,
  latestPoint,
  parseMetricLine,
  readMetricFile,
  type LatestMetricState,
} from '../../../src/extension/tracking/local/metricFile';
import { MLRUNS, tempDir, transcriptBody, wireDouble } from './fixtures';

const NAN_INF_RUN = join(MLRUNS, '569793160747218928', 'b37e427ead2c4047a7ea1fa8a1841b07');

test('metric lines with two, three and four fields are read; others are refused', () => {
  assert.deepEqual(parseMetricLine('k', '1700000000000 0.5'), {
    key: 'k',
    value: 0.5,
    timestamp: 1700000000000,
    step: 0,
  });
  assert.deepEqual(parseMetricLine('k', '1700000000000 -inf 3\n'), {
    key: 'k',
    value: -Infinity,
    timestamp: 1700000000000,
    step: 3,
  });
  assert.deepEqual(parseMetricLine('k', '1795698859304 2.435225 0 8d3eee0bb60147fb980a6902840ebb82'), {
    key: 'k',
    value: 2.435225,
    timestamp: 1795698859304,
    step: 0,
  });
  for (const bad of ['', '1700000000000', 'x 0.5 1', '1700000000000 abc 1', '1700000000000 0.5 1.5', '1 2 3 4 5']) {
    assert.equal(parseMetricLine('k', bad), undefined, bad);
  }
});

test("a file store metric history matches the file-store server's answer, NaN and infinities included", async () => {
  const { points, badLines } = await readMetricFile(join(NAN_INF_RUN, 'metrics', 'weird'), 'weird');
  const recorded = await transcriptBody<{
    metrics: { key: string; value: number | string; timestamp: number; step: number }[];
  }>('compare-filestore/003-filestore-metrics-get-history-nan-inf');
  assert.deepEqual(badLines, []);
  assert.equal(points.length, recorded.metrics.length);
  points.forEach((point, i) => {
    const expected = recorded.metrics[i]!;
    assert.equal(point.step, expected.step);
    assert.equal(point.timestamp, expected.timestamp);
    assert.ok(
      Object.is(point.value, wireDouble(expected.value)),
      `step ${point.step}: ${point.value} vs ${expected.value}`,
    );
  });
});

async function latestVia(cache: StampedCache<LatestMetricState>, path: string) {
  const state = cache.get(path, await stat(path));
  return { state, latest: latestPoint(state) };
}

test('the latest point follows appends, reading only the new bytes', async () => {
  const path = join(await tempDir(), 'loss');
  let reads = 0;
  const cache = new StampedCache<LatestMetricState>((file, stats, previous) => {
    reads += 1;
    return latestOfMetricFile(file, 'loss', stats, previous);
  });
  await writeFile(path, '1000 0.9 0\n1001 0.8 1\n');
  assert.deepEqual((await latestVia(cache, path)).latest, { key: 'loss', value: 0.8, timestamp: 1001, step: 1 });
  await latestVia(cache, path);
  assert.equal(reads, 1, 'an unchanged file is not read again');

  // Overwrite the first line in place (same length), then append: only the appended bytes may be read.
  const original = '1000 0.9 0\n1001 0.8 1\n';
  await writeFile(path, `${'x'.repeat(10)}\n${original.slice(11)}`);
  await appendFile(path, '1002 0.7 5\n1003 0.1 4\n');
  const { state, latest } = await latestVia(cache, path);
  assert.equal(state.badLine, undefined, 'the rewritten first line was not read again');
  assert.deepEqual(
    latest,
    { key: 'loss', value: 0.7, timestamp: 1002, step: 5 },
    'the highest step wins, not the last line',
  );
  assert.equal(state.offset, (await stat(path)).size);
});

test('a last line still being written counts, and is read again once complete', async () => {
  const path = join(await tempDir(), 'acc');
  const cache = new StampedCache<LatestMetricState>((file, stats, previous) =>
    latestOfMetricFile(file, 'acc', stats, previous),
  );
  await writeFile(path, '1000 0.1 0\n1001 0.2 1');
  const first = await latestVia(cache, path);
  assert.equal(first.latest?.step, 1);
  assert.equal(first.state.offset, '1000 0.1 0\n'.length, 'the unterminated line is not consumed');
  await appendFile(path, '0\n');
  const second = await latestVia(cache, path);
  assert.deepEqual(second.latest, { key: 'acc', value: 0.2, timestamp: 1001, step: 10 });
});

test('a file that shrank is read again from the start, and a bad line is remembered', async () => {
  const path = join(await tempDir(), 'm');
  const cache = new StampedCache<LatestMetricState>((file, stats, previous) =>
    latestOfMetricFile(file, 'm', stats, previous),
  );
  await writeFile(path, '1000 0.1 0\n1001 0.2 1\n1002 0.3 2\n');
  assert.equal((await latestVia(cache, path)).latest?.step, 2);
  await writeFile(path, '1000 5 0\nnot a metric\n');
  const { state, latest } = await latestVia(cache, path);
  assert.deepEqual(latest, { key: 'm', value: 5, timestamp: 1000, step: 0 });
  assert.equal(state.badLine, 'not a metric');
});
