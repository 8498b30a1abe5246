import { SystemTags } from '../model';
import type { Run, RunInfo } from '../model';
import type {
  CallOptions,
  CreateRunRequest,
  SearchRunsRequest,
  SearchRunsResult,
  UpdateRunRequest,
} from '../trackingStore';
import { keyValues } from './mlflowApi';
import type { MlflowApi } from './mlflowApi';
import { ResponseLimits } from './responseLimits';
import { runFromWire, runInfoFromWire } from './wire';
import { asObject, readArray, readOptionalString } from './wireValues';

/** One page of `runs/search` (POST only: GET is 405, 144). `{}` is no runs and no token. */
export async function searchRuns(
  api: MlflowApi,
  request: SearchRunsRequest,
  options?: CallOptions,
): Promise<SearchRunsResult> {
  const where = 'runs/search';
  const json = await api.read(
    'POST',
    where,
    {
      experiment_ids: request.experimentIds,
      filter: request.filterString,
      order_by: request.orderBy,
      run_view_type: request.runViewType,
      // The server's default page size is 1000, as ours; unlike experiments/search, none is needed.
      max_results: request.maxResults,
      page_token: request.pageToken,
    },
    ResponseLimits.runsPage,
    options,
  );
  const body = asObject(json, where);
  const runs = readArray(body, 'runs', where).map((entry, index) => runFromWire(entry, `${where}: runs[${index}]`));
  const nextPageToken = readOptionalString(body, 'next_page_token', where);
  return nextPageToken ? { runs, nextPageToken } : { runs };
}

/** `runs/get`; an unknown run is RESOURCE_DOES_NOT_EXIST from the server (128). */
export async function getRun(api: MlflowApi, runId: string, options?: CallOptions): Promise<Run> {
  const json = await api.read('GET', 'runs/get', { run_id: runId }, ResponseLimits.run, options);
  return runFromWire(asObject(json, 'runs/get').run, 'runs/get: run');
}

/** `runs/create`: the server adds the mlflow.runName tag itself. */
export async function createRun(api: MlflowApi, request: CreateRunRequest, options?: CallOptions): Promise<Run> {
  const tags = request.tags ?? {};
  const json = await api.write(
    'runs/create',
    {
      experiment_id: request.experimentId,
      run_name: request.runName,
      start_time: request.startTime ?? Date.now(),
      // The deprecated user_id field follows the mlflow.user tag, as in MLflow's own client.
      user_id: tags[SystemTags.user],
      tags: Object.keys(tags).length > 0 ? keyValues(tags) : undefined,
    },
    options,
  );
  return runFromWire(asObject(json, 'runs/create').run, 'runs/create: run');
}

/** `runs/update`: status, end time and name, each only when given. */
export async function updateRun(
  api: MlflowApi,
  runId: string,
  update: UpdateRunRequest,
  options?: CallOptions,
): Promise<RunInfo> {
  const json = await api.write(
    'runs/update',
    {
      run_id: runId,
      status: update.status,
      end_time: update.endTime,
      run_name: update.runName,
    },
    options,
  );
  return runInfoFromWire(asObject(json, 'runs/update').run_info, 'runs/update: run_info');
}
