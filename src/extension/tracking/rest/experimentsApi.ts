import type { Experiment } from '../model';
import type { CallOptions, SearchExperimentsRequest, SearchExperimentsResult } from '../trackingStore';
import { keyValues } from './mlflowApi';
import type { MlflowApi } from './mlflowApi';
import { ResponseLimits } from './responseLimits';
import { experimentFromWire } from './wire';
import { asObject, readArray, readOptionalString, readString } from './wireValues';

/** experiments/search answers 400 without max_results (003), so there is always one. */
const DEFAULT_PAGE_SIZE = 1000;

/** One page of `experiments/search` (POST). `{}` is no experiments and no token. */
export async function searchExperiments(
  api: MlflowApi,
  request: SearchExperimentsRequest,
  options?: CallOptions,
): Promise<SearchExperimentsResult> {
  const where = 'experiments/search';
  const json = await api.read(
    'POST',
    where,
    {
      max_results: request.maxResults ?? DEFAULT_PAGE_SIZE,
      filter: request.filterString,
      order_by: request.orderBy,
      view_type: request.viewType,
      page_token: request.pageToken,
    },
    ResponseLimits.experimentsPage,
    options,
  );
  const body = asObject(json, where);
  const experiments = readArray(body, 'experiments', where).map((entry, index) =>
    experimentFromWire(entry, `${where}: experiments[${index}]`),
  );
  const nextPageToken = readOptionalString(body, 'next_page_token', where);
  return nextPageToken ? { experiments, nextPageToken } : { experiments };
}

/** `experiments/get`; an unknown id is RESOURCE_DOES_NOT_EXIST from the server (131). */
export async function getExperiment(api: MlflowApi, experimentId: string, options?: CallOptions): Promise<Experiment> {
  const json = await api.read(
    'GET',
    'experiments/get',
    { experiment_id: experimentId },
    ResponseLimits.experiment,
    options,
  );
  return experimentFromWire(asObject(json, 'experiments/get').experiment, 'experiments/get: experiment');
}

/** `experiments/get-by-name`; an unknown name is RESOURCE_DOES_NOT_EXIST from the server (133). */
export async function getExperimentByName(api: MlflowApi, name: string, options?: CallOptions): Promise<Experiment> {
  const json = await api.read(
    'GET',
    'experiments/get-by-name',
    { experiment_name: name },
    ResponseLimits.experiment,
    options,
  );
  return experimentFromWire(
    asObject(json, 'experiments/get-by-name').experiment,
    'experiments/get-by-name: experiment',
  );
}

/** `experiments/create`; resolves to the new experiment's id. */
export async function createExperiment(
  api: MlflowApi,
  name: string,
  init: { artifactLocation?: string; tags?: Record<string, string> },
  options?: CallOptions,
): Promise<string> {
  const json = await api.write(
    'experiments/create',
    {
      name,
      artifact_location: init.artifactLocation,
      tags: init.tags && keyValues(init.tags),
    },
    options,
  );
  return readString(asObject(json, 'experiments/create'), 'experiment_id', 'experiments/create');
}
