import type { RunDetails, RunLink } from '../../webview/protocol';
import { isCancellation } from '../tracking/errors';
import { SystemTags } from '../tracking/model';
import type { Run } from '../tracking/model';
import type { CallOptions, TrackingStore } from '../tracking/trackingStore';
import { isRunId } from '../../webview/shared/mlflowIds';
import { toRunView } from '../panels/runViews';
import { runLabel } from '../runs/runPresentation';

/** Children listed at most; more are said to exist. */
const MAX_CHILDREN = 50;

/**
 * A run's parent (from `mlflow.parentRunId`; named by its id when it cannot be fetched) and its
 * children (runs of the same experiment naming it as their parent). A run id is put in a search
 * filter only when it is made of the characters MLflow's ids are made of.
 */
export async function runFamily(
  store: TrackingStore,
  run: Run,
  options?: CallOptions,
): Promise<{ parent?: RunLink; children: RunLink[]; moreChildren: boolean }> {
  const parentId = run.data.tags[SystemTags.parentRunId]?.trim();
  const parent = parentId
    ? await store.getRun(parentId, options).then(runLink, (error: unknown) => {
        if (isCancellation(error)) throw error;
        return { runId: parentId, name: parentId };
      })
    : undefined;
  const runId = run.info.runId;
  if (!isRunId(runId)) return { ...(parent ? { parent } : {}), children: [], moreChildren: false };
  const page = await store.searchRuns(
    {
      experimentIds: [run.info.experimentId],
      filterString: `tags.\`${SystemTags.parentRunId}\` = '${runId}'`,
      maxResults: MAX_CHILDREN + 1,
      orderBy: ['attributes.start_time ASC'],
    },
    options,
  );
  const children = page.runs.filter((child) => child.info.runId !== runId).map(runLink);
  return {
    ...(parent ? { parent } : {}),
    children: children.slice(0, MAX_CHILDREN),
    moreChildren: children.length > MAX_CHILDREN,
  };
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

function runLink(run: Run): RunLink {
  return { runId: run.info.runId, name: runLabel(run) };
}
