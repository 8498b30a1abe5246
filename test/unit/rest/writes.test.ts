import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_BATCH_LIMITS } from '../../../src/extension/tracking/rest/logBatch';
import type { Metric, Param, RunTag } from '../../../src/extension/tracking/model';
import { rejectsWith, replayStore, scriptedStore } from './restTestKit';

const RUN = 'f779b3378cf94de39e3a35d2e2fcec33';
const T0 = 1795698409246;

test('experiments/create with tags, a duplicate and an empty name (153-155)', async (t) => {
  const { store } = await replayStore(t, ['153', '154', '155']);
  assert.equal(await store.createExperiment('transcripts-writes', { tags: { purpose: 'transcripts' } }), '8');
  await rejectsWith(store.createExperiment('transcripts-writes'), {
    errorCode: 'RESOURCE_ALREADY_EXISTS',
    httpStatus: 400,
  });
  await rejectsWith(store.createExperiment(''), { errorCode: 'INVALID_PARAMETER_VALUE', httpStatus: 400 });
});

test('the recorded life of a run: create, log, tag, update, delete, restore (159-180)', async (t) => {
  const { store, server } = await replayStore(t, [
    '159',
    '160',
    '161',
    '166',
    '167',
    '168',
    '169',
    '170',
    '171',
    '172',
    '173',
    '176',
    '177',
    '178',
    '179',
    '180',
  ]);
  const run = await store.createRun({
    experimentId: '8',
    runName: 'transcript-run <b>1</b>',
    startTime: T0,
    tags: {
      'mlflow.source.git.commit': '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf',
      'mlflow.source.name': 'train.py',
      'mlflow.user': 'vscode',
    },
  });
  assert.equal(run.info.runId, RUN);
  assert.equal(run.info.status, 'RUNNING');
  assert.equal(run.info.userId, 'vscode');
  assert.equal(run.data.tags['mlflow.runName'], 'transcript-run <b>1</b>');
  await store.logBatch(RUN, {
    metrics: [1, 0.5, 1 / 3, 0.25, 0.2].map((value, step) => ({ key: 'loss', value, timestamp: T0 + step, step })),
    params: [
      { key: 'lr', value: '0.01' },
      { key: 'optimizer', value: 'adam' },
    ],
    tags: [{ key: 'team', value: 'ml' }],
  });
  await store.logBatch(RUN, {
    metrics: [NaN, Infinity, -Infinity].map((value, step) => ({ key: 'special', value, timestamp: T0, step })),
  });
  await rejectsWith(store.logBatch(RUN, { params: [{ key: 'lr', value: '0.02' }] }), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: /Changing param values/,
  });
  await rejectsWith(store.logBatch(RUN, { metrics: [{ key: 'bad<key>', value: 1, timestamp: T0, step: 0 }] }), {
    errorCode: 'INVALID_PARAMETER_VALUE',
  });
  await store.logMetric(RUN, 'acc', 0.5, { timestamp: T0, step: 0 });
  await store.logParam(RUN, 'batch_size', '32');
  await store.setTag(RUN, 'mlflow.note.content', 'set via REST');
  await store.setTag(RUN, 'mlflow.runName', 'renamed-by-tag');
  await store.deleteTag(RUN, 'team');
  const info = await store.updateRun(RUN, {
    status: 'FINISHED',
    endTime: T0 + 5000,
    runName: 'transcript-run-finished',
  });
  assert.deepEqual([info.status, info.endTime, info.runName], ['FINISHED', T0 + 5000, 'transcript-run-finished']);
  await store.deleteRun(RUN);
  assert.equal((await store.getRun(RUN)).info.lifecycleStage, 'deleted');
  await rejectsWith(store.logBatch(RUN, { metrics: [{ key: 'x', value: 1, timestamp: T0, step: 0 }] }), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: /'active' state/,
  });
  await store.restoreRun(RUN);
  assert.equal((await store.getRun(RUN)).info.lifecycleStage, 'active');
  assert.equal(server.served.length, 16);
});

test('creating a run in a deleted or unknown experiment fails with the server error (182, 183)', async (t) => {
  const { store } = await replayStore(t, ['182', '183']);
  await rejectsWith(store.createRun({ experimentId: '5', startTime: T0 }), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: /'active' state/,
  });
  await rejectsWith(store.createRun({ experimentId: '999999', startTime: T0 }), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    httpStatus: 404,
  });
});

test('create a run, log 2,500 metrics with params and tags in requests within every limit, end the run', async (t) => {
  const { store, server } = await scriptedStore(t, (request) => {
    if (request.path.endsWith('/runs/create')) {
      return {
        body: { run: { info: { run_id: 'r1', experiment_id: '1', status: 'RUNNING', lifecycle_stage: 'active' } } },
      };
    }
    return { body: {} };
  });
  const run = await store.createRun({ experimentId: '1', runName: 'big' });
  const metrics: Metric[] = Array.from({ length: 2500 }, (_, step) => ({
    key: `m${step % 3}`,
    value: step % 7 === 0 ? NaN : step / 2,
    timestamp: T0 + step,
    step,
  }));
  const params: Param[] = Array.from({ length: 250 }, (_, index) => ({ key: `p${index}`, value: String(index) }));
  const tags: RunTag[] = Array.from({ length: 150 }, (_, index) => ({ key: `t${index}`, value: `v${index}` }));
  await store.logBatch(run.info.runId, { metrics, params, tags });
  await store.setTerminated(run.info.runId, 'FINISHED', T0 + 10_000);
  const batches = server.requests
    .filter((request) => request.path.endsWith('/runs/log-batch'))
    .map((request) => JSON.parse(request.text) as WireBatch);
  for (const batch of batches) {
    const [m, p, tg] = [batch.metrics?.length ?? 0, batch.params?.length ?? 0, batch.tags?.length ?? 0];
    assert.ok(
      m <= LOG_BATCH_LIMITS.metrics &&
        p <= LOG_BATCH_LIMITS.params &&
        tg <= LOG_BATCH_LIMITS.tags &&
        m + p + tg <= LOG_BATCH_LIMITS.total,
    );
    assert.equal(batch.run_id, 'r1');
  }
  const sentMetrics = batches.flatMap((batch) => batch.metrics ?? []);
  assert.deepEqual(
    sentMetrics,
    metrics.map((metric) => ({ ...metric, value: Number.isNaN(metric.value) ? 'NaN' : metric.value })),
  );
  assert.deepEqual(
    batches.flatMap((batch) => batch.params ?? []),
    params,
  );
  assert.deepEqual(
    batches.flatMap((batch) => batch.tags ?? []),
    tags,
  );
  assert.ok(batches.length >= 3);
  const end = server.requests[server.requests.length - 1]!;
  assert.equal(end.path, '/api/2.0/mlflow/runs/update');
  assert.deepEqual(JSON.parse(end.text), { run_id: 'r1', status: 'FINISHED', end_time: T0 + 10_000 });
});

test('non-finite values are sent as strings, never as bare tokens (161 vs 162/164)', async (t) => {
  const { store, server } = await scriptedStore(t, () => ({ body: {} }));
  await store.logMetric('r', 'x', -Infinity, { timestamp: 1, step: 2 });
  assert.equal(server.requests[0]!.text, '{"run_id":"r","key":"x","value":"-Infinity","timestamp":1,"step":2}');
});

test('logArtifact and logArtifacts stream files to the run through the artifact proxy (177, 174, 175)', async (t) => {
  const replay = await replayStore(t, ['177', '174', '175']);
  const dir = await mkdtemp(join(tmpdir(), 'rest-upload-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'uploaded.txt'), 'uploaded through the artifact proxy');
  await replay.store.logArtifact(RUN, join(dir, 'uploaded.txt'));
  assert.deepEqual(
    replay.server.served.map((file) => file.slice(0, 3)),
    ['177', '174'],
  );
  assert.deepEqual(await replay.store.listArtifacts(RUN), [{ path: 'uploaded.txt', isDir: false, fileSize: 34 }]);

  const { store, server } = await scriptedStore(t, (request) =>
    request.method === 'GET'
      ? {
          body: {
            run: {
              info: {
                run_id: 'r',
                experiment_id: '3',
                status: 'RUNNING',
                artifact_uri: 'mlflow-artifacts:/3/r/artifacts',
              },
            },
          },
        }
      : { body: {} },
  );
  await mkdir(join(dir, 'tree', 'sub dir'), { recursive: true });
  await writeFile(join(dir, 'tree', 'a.txt'), 'A');
  await writeFile(join(dir, 'tree', 'sub dir', 'b.bin'), Buffer.alloc(100_000, 7));
  await store.logArtifacts('r', join(dir, 'tree'), 'outputs');
  const puts = server.requests.filter((request) => request.method === 'PUT');
  assert.deepEqual(
    puts.map((request) => request.path),
    [
      '/api/2.0/mlflow-artifacts/artifacts/3/r/artifacts/outputs/a.txt',
      '/api/2.0/mlflow-artifacts/artifacts/3/r/artifacts/outputs/sub%20dir/b.bin',
    ],
  );
  assert.equal(puts[0]!.text, 'A');
  assert.deepEqual(puts[1]!.body, Buffer.alloc(100_000, 7));
});

test('a run whose artifacts are not behind the proxy cannot be uploaded to, and says why', async (t) => {
  const { store, server } = await scriptedStore(t, () => ({
    body: {
      run: { info: { run_id: 'r', experiment_id: '3', status: 'RUNNING', artifact_uri: 's3://bucket/3/r/artifacts' } },
    },
  }));
  await rejectsWith(store.logArtifact('r', '/nonexistent/file.txt'), {
    errorCode: 'UNSUPPORTED',
    message: /s3:\/\/bucket.*artifact proxy/,
  });
  assert.equal(server.requests.length, 1, 'only the run was read');
});

interface WireBatch {
  run_id: string;
  metrics?: unknown[];
  params?: unknown[];
  tags?: unknown[];
}
