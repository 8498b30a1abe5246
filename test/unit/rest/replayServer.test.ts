import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startReplayServer } from '../../support/replayServer';
import { loadTranscripts, responseBytes } from '../../support/transcripts';

test('the replay server answers GET queries with repeated keys byte for byte (009, 010, 086)', async (t) => {
  const server = await startReplayServer(loadTranscripts(['009', '010', '086']));
  t.after(() => server.close());
  const page2 = await fetch(
    `${server.url}/api/2.0/mlflow/experiments/search?page_token=eyJvZmZzZXQiOiAzfQ%3D%3D&max_results=3`,
  );
  assert.equal(page2.status, 200);
  assert.equal(page2.headers.get('content-type'), 'application/json');
  assert.deepEqual(Buffer.from(await page2.arrayBuffer()), responseBytes(loadTranscripts(['010'])[0]!));
  const bulk = '/api/2.0/mlflow/metrics/get-history-bulk-interval?metric_key=loss&max_results=50';
  const inOrder = await fetch(
    `${server.url}${bulk}&run_ids=0960131861354a3188896e001e76faf2&run_ids=8f6c695d480c4f49a32de6e4a243af1c`,
  );
  assert.equal(inOrder.status, 200);
  const reversed = await fetch(
    `${server.url}${bulk}&run_ids=8f6c695d480c4f49a32de6e4a243af1c&run_ids=0960131861354a3188896e001e76faf2`,
  );
  assert.equal(reversed.status, 599);
  assert.deepEqual(
    server.served.map((file) => file.slice(0, 3)),
    ['010', '086'],
  );
  assert.equal(server.unmatched.length, 1);
  assert.deepEqual(server.unmatched[0]!.query.run_ids, [
    '8f6c695d480c4f49a32de6e4a243af1c',
    '0960131861354a3188896e001e76faf2',
  ]);
});

test('JSON bodies match whatever their key order and spacing; anything else is 599 and recorded', async (t) => {
  const server = await startReplayServer(loadTranscripts(['025']));
  t.after(() => server.close());
  const post = (body: string) =>
    fetch(`${server.url}/api/2.0/mlflow/runs/search`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json' },
    });
  assert.equal((await post('{ "max_results" : 8, "experiment_ids": ["1"] }')).status, 200);
  const wrong = await post('{"experiment_ids": ["1"], "max_results": 9}');
  assert.equal(wrong.status, 599);
  assert.match(await wrong.text(), /no recorded exchange matches/);
  assert.equal((await fetch(`${server.url}/api/2.0/mlflow/runs/search`)).status, 599, 'the method matters');
  assert.equal(server.unmatched.length, 2);
});

test('several recordings of one request answer in file order, then the last repeats (177 deleted, 180 restored)', async (t) => {
  const server = await startReplayServer(loadTranscripts(['177', '180']));
  t.after(() => server.close());
  const stage = async () => {
    const response = await fetch(`${server.url}/api/2.0/mlflow/runs/get?run_id=f779b3378cf94de39e3a35d2e2fcec33`);
    return ((await response.json()) as { run: { info: { lifecycle_stage: string } } }).run.info.lifecycle_stage;
  };
  assert.deepEqual([await stage(), await stage(), await stage()], ['deleted', 'active', 'active']);
});

test('percent-encoded paths match their recording however they are encoded (120)', async (t) => {
  const server = await startReplayServer(loadTranscripts(['120']));
  t.after(() => server.close());
  const path =
    '/api/2.0/mlflow-artifacts/artifacts/2/8e1dbc37460c43dcafb557a893d60c5e/artifacts/reports/r%c3%a9sum%c3%a9%20final.txt';
  const response = await fetch(server.url + path);
  assert.equal(response.status, 500);
  assert.equal(await response.text(), 'Internal Server Error');
});
