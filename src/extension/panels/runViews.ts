import type { RunView } from '../../webview/protocol';
import { toWire } from '../../webview/protocol';
import { SystemTags } from '../tracking/model';
import type { Run } from '../tracking/model';
import { runCommit, runLabel, runUser } from '../runs/runPresentation';

/**
 * A run as the panels receive it: plain, JSON-safe data (null-prototype records copied into plain
 * objects, NaN and infinities spelled out). `experimentName` is looked up by the caller.
 */
export function toRunView(run: Run, experimentName: string): RunView {
  const tags = run.data.tags;
  const view: RunView = {
    runId: run.info.runId,
    name: runLabel(run),
    status: run.info.status,
    user: runUser(run) ?? '',
    experimentId: run.info.experimentId,
    experimentName,
    deleted: run.info.lifecycleStage === 'deleted',
    params: plain(run.data.params),
    metrics: Object.fromEntries(
      Object.entries(run.data.metrics).map(([key, metric]) => [
        key,
        { value: toWire(metric.value), step: metric.step, timestamp: metric.timestamp },
      ]),
    ),
    tags: plain(tags),
  };
  if (run.info.startTime !== undefined) view.startTime = run.info.startTime;
  if (run.info.endTime !== undefined) view.endTime = run.info.endTime;
  const commit = runCommit(run);
  if (commit !== undefined) view.commit = commit;
  const branch = tags[SystemTags.gitBranch]?.trim();
  if (branch) view.branch = branch;
  const source = tags[SystemTags.sourceName]?.trim();
  if (source) view.sourceName = source;
  return view;
}

/** A plain copy; `Object.fromEntries` defines properties, so a `__proto__` key stays an ordinary key. */
function plain(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record));
}
