// A small MLflow tracking server for the sidebar's REST tests: real HTTP on 127.0.0.1, MLflow's
// endpoints and JSON, answering from a real store of the fixtures (server-store/mlflow.db, read by
// SqliteStore) with the project's local search (which matches a 3.5.1 server's filters, order and
// page tokens). Writes (rename, tags, delete, restore) change an in-memory copy, never the file.
//
//   const server = await startMlflowTestServer({ source: await openSqliteStore(db) });
//   ... server.url, server.requests, server.close(); `port` reopens on the same address after a close.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MlflowError } from '../../../../src/extension/tracking/errors';
import { keyedRecord, SystemTags } from '../../../../src/extension/tracking/model';
import type { Experiment, Run } from '../../../../src/extension/tracking/model';
import { searchExperimentsLocally, searchRunsLocally } from '../../../../src/extension/tracking/search/localSearch';
import type { TrackingStore } from '../../../../src/extension/tracking/trackingStore';
import { experimentToWire, runInfoToWire, runToWire } from './mlflowWire';

export interface MlflowTestServerOptions {
  /** Where the experiments and runs come from (read once, on the first request). */
  source: TrackingStore;
  /** Listen on this port (e.g. to come back after `close`); default a free one. */
  port?: number;
  /** Require HTTP basic auth with these credentials, answering 401 otherwise. */
  basicAuth?: { username: string; password: string };
}

export interface MlflowTestServer {
  readonly url: string;
  readonly port: number;
  /** `METHOD /path` of every request, in order. */
  readonly requests: string[];
  /** The JSON body of every request that had one, with its `/path`, in order. */
  readonly bodies: { path: string; body: Record<string, unknown> }[];
  /** Makes every answer wait this long from now on (a slow server); 0 answers at once. */
  setDelay(milliseconds: number): void;
  close(): Promise<void>;
}

interface Data {
  experiments: Experiment[];
  runs: Map<string, Run>;
}

type Body = Record<string, unknown>;
type Handler = (data: Data, body: Body, query: URLSearchParams) => unknown;

const API = '/api/2.0/mlflow/';

export async function startMlflowTestServer(options: MlflowTestServerOptions): Promise<MlflowTestServer> {
  let data: Promise<Data> | undefined;
  let delayMs = 0;
  const requests: string[] = [];
  const bodies: { path: string; body: Body }[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://test.invalid');
      requests.push(`${request.method ?? ''} ${url.pathname}`);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (options.basicAuth && !authorized(request, options.basicAuth)) return unauthorized(response);
      const handler = url.pathname.startsWith(API)
        ? HANDLERS[`${request.method ?? ''} ${url.pathname.slice(API.length)}`]
        : undefined;
      if (!handler)
        return send(response, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No such endpoint: ${url.pathname}` });
      try {
        data ??= load(options.source);
        const body = await readBody(request);
        if (Object.keys(body).length > 0) bodies.push({ path: url.pathname, body });
        send(response, 200, handler(await data, body, url.searchParams));
      } catch (error) {
        const status = error instanceof MlflowError ? (error.httpStatus ?? 400) : 500;
        const code = error instanceof MlflowError ? error.errorCode : 'INTERNAL_ERROR';
        send(response, status, { error_code: code, message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    bodies,
    setDelay: (milliseconds) => (delayMs = milliseconds),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function load(source: TrackingStore): Promise<Data> {
  const { experiments } = await source.searchExperiments({ viewType: 'ALL', maxResults: 50000 });
  const { runs } = await source.searchRuns({
    experimentIds: experiments.map((e) => e.experimentId),
    runViewType: 'ALL',
    maxResults: 50000,
  });
  return { experiments, runs: new Map(runs.map((run) => [run.info.runId, run])) };
}

const HANDLERS: Record<string, Handler> = {
  'POST experiments/search': (data, body) => {
    if (typeof body.max_results !== 'number' || body.max_results < 1) {
      throw new MlflowError(
        `Invalid value ${JSON.stringify(body.max_results ?? 0)} for parameter 'max_results' supplied. It must be a positive integer`,
        'INVALID_PARAMETER_VALUE',
        400,
      );
    }
    const result = searchExperimentsLocally(data.experiments, {
      maxResults: body.max_results,
      filterString: optionalString(body.filter),
      orderBy: optionalStrings(body.order_by),
      viewType: optionalString(body.view_type) as 'ACTIVE_ONLY' | undefined,
      pageToken: optionalString(body.page_token),
    });
    return page({ experiments: result.experiments.map(experimentToWire) }, result.nextPageToken);
  },
  'GET experiments/get': (data, _body, query) => {
    const experiment = data.experiments.find((entry) => entry.experimentId === query.get('experiment_id'));
    if (!experiment)
      throw new MlflowError(
        `No Experiment with id=${query.get('experiment_id')} exists`,
        'RESOURCE_DOES_NOT_EXIST',
        404,
      );
    return { experiment: experimentToWire(experiment) };
  },
  'GET experiments/get-by-name': (data, _body, query) => {
    const experiment = data.experiments.find((entry) => entry.name === query.get('experiment_name'));
    if (!experiment)
      throw new MlflowError(
        `Could not find experiment with name '${query.get('experiment_name')}'`,
        'RESOURCE_DOES_NOT_EXIST',
        404,
      );
    return { experiment: experimentToWire(experiment) };
  },
  'POST runs/search': (data, body) => {
    const result = searchRunsLocally([...data.runs.values()], {
      experimentIds: optionalStrings(body.experiment_ids) ?? [],
      filterString: optionalString(body.filter),
      orderBy: optionalStrings(body.order_by),
      runViewType: optionalString(body.run_view_type) as 'ACTIVE_ONLY' | undefined,
      maxResults: typeof body.max_results === 'number' ? body.max_results : undefined,
      pageToken: optionalString(body.page_token),
    });
    return page({ runs: result.runs.map(runToWire) }, result.nextPageToken);
  },
  'GET runs/get': (data, _body, query) => ({ run: runToWire(runOf(data, query.get('run_id'))) }),
  'POST runs/update': (data, body) => {
    const run = edit(data, body.run_id, (copy) => {
      if (typeof body.run_name === 'string') setRunName(copy, body.run_name);
      if (typeof body.status === 'string') copy.info.status = body.status as Run['info']['status'];
      if (typeof body.end_time === 'number') copy.info.endTime = body.end_time;
    });
    return { run_info: runInfoToWire(run.info) };
  },
  'POST runs/set-tag': (data, body) => {
    const key = requiredString(body.key, 'key');
    const value = typeof body.value === 'string' ? body.value : '';
    edit(data, body.run_id, (copy) =>
      key === SystemTags.runName ? setRunName(copy, value) : (copy.data.tags[key] = value),
    );
    return {};
  },
  'POST runs/delete-tag': (data, body) => {
    const key = requiredString(body.key, 'key');
    edit(data, body.run_id, (copy) => {
      if (!(key in copy.data.tags))
        throw new MlflowError(
          `No tag with name: ${key} in run with id ${copy.info.runId}`,
          'RESOURCE_DOES_NOT_EXIST',
          404,
        );
      delete copy.data.tags[key];
    });
    return {};
  },
  'POST runs/delete': (data, body) => (edit(data, body.run_id, (copy) => (copy.info.lifecycleStage = 'deleted')), {}),
  'POST runs/restore': (data, body) => (edit(data, body.run_id, (copy) => (copy.info.lifecycleStage = 'active')), {}),
};

/** Renaming sets the attribute and the mlflow.runName tag together, as the server does (171, 173). */
function setRunName(run: Run, name: string): void {
  run.info.runName = name;
  run.data.tags[SystemTags.runName] = name;
}

function runOf(data: Data, runId: unknown): Run {
  const run = typeof runId === 'string' ? data.runs.get(runId) : undefined;
  if (!run) throw new MlflowError(`Run with id=${String(runId)} not found`, 'RESOURCE_DOES_NOT_EXIST', 404);
  return run;
}

/** Applies `change` to a copy of the run and keeps the copy: the source store is never written. */
function edit(data: Data, runId: unknown, change: (copy: Run) => void): Run {
  const run = runOf(data, runId);
  const copy: Run = {
    ...run,
    info: { ...run.info },
    data: { ...run.data, tags: keyedRecord(Object.entries(run.data.tags)) },
  };
  change(copy);
  data.runs.set(copy.info.runId, copy);
  return copy;
}

function page(body: Body, nextPageToken: string | undefined): Body {
  return nextPageToken ? { ...body, next_page_token: nextPageToken } : body;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : undefined;
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value)
    throw new MlflowError(`Missing value for required parameter '${name}'.`, 'INVALID_PARAMETER_VALUE', 400);
  return value;
}

function authorized(request: IncomingMessage, expected: { username: string; password: string }): boolean {
  const header = request.headers.authorization ?? '';
  return header === `Basic ${Buffer.from(`${expected.username}:${expected.password}`).toString('base64')}`;
}

function unauthorized(response: ServerResponse): void {
  const text =
    'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.';
  response.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic realm="mlflow"' });
  response.end(text);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Body) : {};
  } catch {
    // MLflow answers a malformed body as if it were empty (transcript 142).
    return {};
  }
}
