import type { RunView, RunDetails, RunLink } from '../../webview/protocol';
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

/** The run panel's data: the run, its parent and children (as links), datasets and logged models. */
export function toRunDetails(
  run: Run,
  experimentName: string,
  family: { parent?: RunLink; children: RunLink[]; moreChildren: boolean },
): RunDetails {
  return {
    ...toRunView(run, experimentName),
    artifactUri: run.info.artifactUri,
    ...(family.parent ? { parent: family.parent } : {}),
    children: family.children,
    moreChildren: family.moreChildren,
    datasets: run.inputs.datasetInputs.map(({ dataset, tags }) => ({
      name: dataset.name,
      digest: dataset.digest,
      sourceType: dataset.sourceType,
      source: dataset.source,
      ...(tags['mlflow.data.context'] ? { context: tags['mlflow.data.context'] } : {}),
      ...(dataset.schema ? { schema: dataset.schema } : {}),
      ...(dataset.profile ? { profile: dataset.profile } : {}),
    })),
    models: run.outputs.modelOutputs.map(({ modelId, step }) => ({ modelId, step })),
  };
}

export function runLink(run: Run): RunLink {
  return { runId: run.info.runId, name: runLabel(run) };
}

/** A plain copy; `Object.fromEntries` defines properties, so a `__proto__` key stays an ordinary key. */
function plain(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record));
}
