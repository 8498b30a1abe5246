/**
 * runs/get: a run's info, params, latest metrics, tags, datasets and logged-model outputs, for
 * runs chosen for what is awkward about them, and unknown ids.
 */
import { SystemTags } from '../../../src/extension/tracking/model';
import type { Run } from '../../../src/extension/tracking/model';
import { comparableRun, comparableWire } from '../local/runComparison';
import type { WireRun } from '../local/runComparison';
import { unclampInfinity } from '../../../src/webview/shared/nonFinite';
import { errorCodeOf, onSqliteStores, question } from './question';
import type { Question } from './question';
import { recordedBody, recordedError, recordedRunName } from './recordings';

/**
 * Everything of a run but ids, as runComparison.ts compares runs across stores (times too, but
 * for the runs logged live while recording); the parent is named, as its id differs by store.
 */
interface RunView {
  run: unknown;
  parent: string | null;
}

/**
 * `mlflow run` logged the project runs live while each store was made, as the runs listed in
 * runComparison.ts's LIVE_RUNS: their times are each store's own, their content is not.
 */
const LIVE_PROJECT_RUNS = new Set(['project-lr0.005', 'project-lr0.02']);

interface ComparableTimes {
  info: { runName: string; startTime?: number; endTime?: number };
  metrics: { timestamp?: number }[];
}

function timesAsCompared(comparable: unknown): unknown {
  const run = comparable as ComparableTimes;
  if (!LIVE_PROJECT_RUNS.has(run.info.runName)) return comparable;
  const { startTime: _start, endTime: _end, ...info } = run.info;
  return { ...run, info, metrics: run.metrics.map(({ timestamp: _timestamp, ...metric }) => metric) };
}

function recordedRunView(selector: string): RunView {
  const { run } = recordedBody<{ run: WireRun }>(selector);
  const parentId = run.data.tags?.find((tag) => tag.key === SystemTags.parentRunId)?.value;
  return {
    run: timesAsCompared(comparableWire(run)),
    parent: parentId === undefined ? null : recordedRunName(parentId),
  };
}

/** A run view whose metric values of +/-1.7976931348623157e308 read as +/-Infinity. */
function unclampedMetrics(view: RunView): RunView {
  const run = view.run as { metrics: { value: number }[] };
  return {
    ...view,
    run: { ...run, metrics: run.metrics.map((metric) => ({ ...metric, value: unclampInfinity(metric.value) })) },
  };
}

function viewOf(run: Run, parentName: (runId: string) => string | undefined): RunView {
  const parentId = run.data.tags[SystemTags.parentRunId];
  return {
    run: timesAsCompared(comparableRun(run)),
    parent: parentId === undefined ? null : (parentName(parentId) ?? `unknown run ${parentId}`),
  };
}

function getRun(
  selector: string,
  experiment: string,
  name: string,
  what: string,
  exceptions: Pick<Question<RunView>, 'differs'> = {},
): Question {
  return question<RunView>({
    title: `${selector} runs/get ${what}`,
    ask: async (store, ids) => viewOf(await store.getRun(ids.run(experiment, name)), ids.runName),
    expected: () => recordedRunView(selector),
    ...exceptions,
  });
}

export const RUN_QUESTIONS: Question[] = [
  getRun('061', 'demo-classifier', 'best-so-far', 'best-so-far: params, latest metrics, tags, datasets'),
  getRun(
    '062',
    'edge-cases',
    'nan-inf-metrics',
    'nan-inf-metrics: latest values NaN, +/-Infinity, -0.0, 5e-324, 1.79e308',
    {
      // The server's sqlite store (062) clamps +/-Infinity to +/-1.7976931348623157e308 and turns
      // -0.0 into 0.0 when it writes them; the file store keeps them. So both sqlite stores answer
      // as 062 with the clamped values read back as +/-Infinity (webview/shared/nonFinite.ts), and mlruns/
      // answers as a server on a file store did (compare-filestore/002).
      differs: {
        file: () => recordedRunView('compare-filestore/002'),
        ...onSqliteStores(() => unclampedMetrics(recordedRunView('062'))),
      },
    },
  ),
  getRun('063', 'demo-classifier', 'smoke-test-fluent', 'smoke-test-fluent: a logged model in its outputs'),
  getRun('064', 'edge-cases', '学習ラン 🚀 – résumé naïve Ωmega', 'a unicode name'),
  getRun('065', 'edge-cases', '<img src=x onerror=alert(1)>', 'an HTML-like name'),
  getRun('066', 'edge-cases', 'long-values', 'a 5,000-character param and a 7,900-character tag'),
  getRun('067', 'edge-cases', 'to-be-deleted', 'a deleted run'),
  getRun('068', 'demo-classifier', 'still-running', 'a run still RUNNING'),
  getRun('069', 'project-runs', 'project-lr0.02', 'a run of `mlflow run` (repo URL, project tags)'),
  getRun('070', 'demo-classifier', 'sweep-parent-trial-0', 'a child run, its parent named'),
  question({
    title: '128 runs/get of an unknown run id',
    ask: (store) => errorCodeOf(store.getRun('00000000000000000000000000000000')),
    expected: () => recordedError('128'),
  }),
  question({
    title: '129 runs/get of a malformed run id',
    ask: (store) => errorCodeOf(store.getRun('not-a-run-id')),
    expected: () => recordedError('129'),
  }),
];
