/**
 * A local MLflow-shaped HTTP server for the REST benchmark, run in its own process so its work
 * does not count against the client being measured. It serves, pretty-printed as MLflow does:
 * - POST /api/2.0/mlflow/runs/search: 10,000 runs of experiment '6' in the recorded run shape
 *   (5 params, 5 metrics with NaN as the string "NaN", 7 tags), paged by base64 {"offset": N}
 *   tokens, a full last page still carrying a token and the call after it answering {};
 * - GET /api/2.0/mlflow/metrics/get-history: a 100,000-step history, paged the same way.
 * Prints `listening <port>` once ready.
 */
import { createServer } from 'node:http';

const RUNS = 10_000;
const HISTORY_STEPS = 100_000;
const START = 1_795_564_800_000;

function run(index: number): unknown {
  const runId = index.toString(16).padStart(32, '0');
  const name = `trial-${String(index).padStart(5, '0')}`;
  const failed = index % 10 === 0;
  const end = START + 600_000 + index;
  const metric = (key: string, value: number | string) => ({ key, value, timestamp: end, step: 23 });
  return {
    info: {
      run_uuid: runId,
      experiment_id: '6',
      run_name: name,
      user_id: 'root',
      status: failed ? 'FAILED' : 'FINISHED',
      start_time: START + index,
      end_time: end,
      artifact_uri: `mlflow-artifacts:/6/${runId}/artifacts`,
      lifecycle_stage: 'active',
      run_id: runId,
    },
    data: {
      metrics: [
        metric('loss', failed ? 'NaN' : 0.1 + (index % 97) / 100),
        metric('accuracy', 0.5 + (index % 50) / 100),
        metric('f1', 0.6922),
        metric('auc', 0.73258),
        metric('val_loss', 0.46116),
      ],
      params: [
        { key: 'lr', value: String(0.001 * (1 + (index % 30))) },
        { key: 'batch_size', value: '32' },
        { key: 'optimizer', value: index % 2 ? 'adam' : 'sgd' },
        { key: 'dropout', value: '0.066' },
        { key: 'num_layers', value: String(2 + (index % 4)) },
      ],
      tags: [
        { key: 'mlflow.user', value: 'root' },
        { key: 'mlflow.source.name', value: 'sweep.py' },
        { key: 'mlflow.source.type', value: 'LOCAL' },
        { key: 'mlflow.source.git.commit', value: '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf' },
        { key: 'sweep', value: 'sweep-2026-11' },
        { key: 'stage', value: 'prod-candidate' },
        { key: 'mlflow.runName', value: name },
      ],
    },
    inputs: {},
  };
}

const runs = Array.from({ length: RUNS }, (_, i) => run(RUNS - 1 - i));
const history = Array.from({ length: HISTORY_STEPS }, (_, step) => ({
  key: 'loss',
  value: Math.round((2 / (1 + step / 1000)) * 1e6) / 1e6,
  timestamp: START + step * 100,
  step,
}));

const encodeToken = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64');
const decodeToken = (token: unknown) =>
  typeof token === 'string' && token
    ? (JSON.parse(Buffer.from(token, 'base64').toString()) as { offset: number }).offset
    : 0;

/** Pages are rendered once and cached, so serving costs the same for every client measured. */
const rendered = new Map<string, string>();
function page(kind: 'runs' | 'metrics', items: unknown[], offset: number, size: number): string {
  const cacheKey = `${kind}:${offset}:${size}`;
  let body = rendered.get(cacheKey);
  if (body === undefined) {
    const slice = items.slice(offset, offset + size);
    const next = slice.length === size ? { next_page_token: encodeToken(offset + size) } : {};
    body = slice.length === 0 ? '{}' : JSON.stringify({ [kind]: slice, ...next }, null, 2);
    rendered.set(cacheKey, body);
  }
  return body;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let body: string;
    if (url.pathname === '/api/2.0/mlflow/runs/search') {
      const query = JSON.parse(Buffer.concat(chunks).toString() || '{}') as {
        max_results?: number;
        page_token?: string;
      };
      body = page('runs', runs, decodeToken(query.page_token), query.max_results ?? 1000);
    } else if (url.pathname === '/api/2.0/mlflow/metrics/get-history') {
      const size = Number(url.searchParams.get('max_results') ?? 0);
      body = page('metrics', history, decodeToken(url.searchParams.get('page_token')), size);
    } else {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
