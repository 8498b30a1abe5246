/**
 * Writes: a server takes them (the recorded create experiment, create run and log batch, asked
 * exactly as recorded); a local store is opened read-only and refuses every one, since another
 * process may be writing it.
 */
import type { Run } from '../../../src/extension/tracking/model';
import type { LogBatchRequest, TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { wireDouble } from '../local/fixtures';
import { errorCodeOf, LOCAL_BACKENDS, onLocalStores, outcome, question } from './question';
import type { ErrorAnswer, Question } from './question';
import { recordedBody, recording } from './recordings';
import type { RecordedMetric } from './recordings';
import type { StoreIds } from './storeIds';

type KeyValues = { key: string; value: string }[];

function recordedRequest<T>(selector: string): T {
  return recording(selector).request.body as T;
}

function record(entries: KeyValues): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
}

interface CreatedRun {
  name: string;
  userId: string;
  status: string;
  startTime?: number;
  lifecycleStage: string;
  tags: Record<string, string>;
}

interface WriteChain {
  run: CreatedRun;
  batchLogged: boolean;
}

function createdRunOf(run: Run): CreatedRun {
  const { info } = run;
  return {
    name: info.runName,
    userId: info.userId,
    status: info.status,
    startTime: info.startTime,
    lifecycleStage: info.lifecycleStage,
    tags: { ...run.data.tags },
  };
}

function recordedChain(): WriteChain {
  const { run } = recordedBody<{
    run: {
      info: { run_name: string; user_id: string; status: string; start_time: number; lifecycle_stage: string };
      data: { tags: KeyValues };
    };
  }>('159');
  const batch = recording('160').response;
  return {
    run: {
      name: run.info.run_name,
      userId: run.info.user_id,
      status: run.info.status,
      startTime: run.info.start_time,
      lifecycleStage: run.info.lifecycle_stage,
      tags: record(run.data.tags),
    },
    batchLogged: batch.status === 200,
  };
}

/** 153, 159, 160 in turn, each with what the recorded request carried. */
async function writeChain(store: TrackingStore): Promise<WriteChain> {
  const experiment = recordedRequest<{ name: string; tags: KeyValues }>('153');
  const experimentId = await store.createExperiment(experiment.name, { tags: record(experiment.tags) });
  const created = recordedRequest<{ run_name: string; start_time: number; tags: KeyValues }>('159');
  const run = await store.createRun({
    experimentId,
    runName: created.run_name,
    startTime: created.start_time,
    tags: record(created.tags),
  });
  const batch = recordedRequest<{ metrics: RecordedMetric[]; params: KeyValues; tags: KeyValues }>('160');
  const request: LogBatchRequest = {
    metrics: batch.metrics.map((metric) => ({ ...metric, value: wireDouble(metric.value) })),
    params: batch.params,
    tags: batch.tags,
  };
  await store.logBatch(run.info.runId, request);
  return { run: createdRunOf(run), batchLogged: true };
}

const WRITES = [
  'createExperiment',
  'createRun',
  'logBatch',
  'logMetric',
  'logParam',
  'setTag',
  'deleteTag',
  'updateRun',
  'setTerminated',
  'deleteRun',
  'restoreRun',
  'logArtifact',
  'logArtifacts',
] as const;

/** Every write method of TrackingStore, aimed at a real run of the store. */
function everyWrite(store: TrackingStore, ids: StoreIds): Record<(typeof WRITES)[number], () => Promise<unknown>> {
  const runId = ids.run('demo-classifier', 'best-so-far');
  return {
    createExperiment: () => store.createExperiment('x'),
    createRun: () => store.createRun({ experimentId: ids.experiment('demo-classifier') }),
    logBatch: () => store.logBatch(runId, { metrics: [{ key: 'loss', value: 1, timestamp: 0, step: 0 }] }),
    logMetric: () => store.logMetric(runId, 'loss', 1),
    logParam: () => store.logParam(runId, 'p', 'v'),
    setTag: () => store.setTag(runId, 't', 'v'),
    deleteTag: () => store.deleteTag(runId, 't'),
    updateRun: () => store.updateRun(runId, { status: 'KILLED' }),
    setTerminated: () => store.setTerminated(runId),
    deleteRun: () => store.deleteRun(runId),
    restoreRun: () => store.restoreRun(runId),
    logArtifact: () => store.logArtifact(runId, __filename),
    logArtifacts: () => store.logArtifacts(runId, __dirname),
  };
}

export const WRITE_QUESTIONS: Question[] = [
  question<WriteChain | ErrorAnswer>({
    title: '153, 159, 160 create an experiment, a run in it, and log a batch to the run',
    ask: (store) => outcome(writeChain(store)),
    expected: recordedChain,
    // Local stores are read-only: the first write is refused, and nothing after it is tried.
    differs: onLocalStores<WriteChain | ErrorAnswer>(() => ({ errorCode: 'READ_ONLY_STORE' })),
  }),
  question<Record<string, unknown>>({
    title: 'every write of a read-only store is refused with READ_ONLY_STORE',
    ask: async (store, ids) => {
      const answers: Record<string, unknown> = { canWrite: store.writable };
      for (const [name, write] of Object.entries(everyWrite(store, ids))) answers[name] = await errorCodeOf(write());
      return answers;
    },
    expected: () => ({
      canWrite: false,
      ...Object.fromEntries(WRITES.map((name) => [name, { errorCode: 'READ_ONLY_STORE' }])),
    }),
    // A REST store sends writes to its server; the replayed recordings hold only the chain above
    // (test/unit/rest/writes.test.ts asks every recorded write), so this is for local stores.
    only: LOCAL_BACKENDS,
  }),
];
