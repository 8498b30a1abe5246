// README.md's TypeScript example, read out of README.md at test time and run as written against a
// server that answers with what a real MLflow 3.5.1 server answered to the same calls (the recorded
// write transcripts): if the README and the client drift apart, this fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { startScriptedServer } from '../../support/scriptedServer';
import type { RecordedRequest, ScriptedAnswer, ScriptedServer } from '../../support/scriptedServer';
import { loadTranscripts, responseBytes } from '../../support/transcripts';
import type { Transcript } from '../../support/transcripts';

const ROOT = resolve(__dirname, '../../..');
const SECTION = '## The tracking client, from TypeScript';
/** The server address the example is written with; the test points it at its own server. */
const README_SERVER = 'http://127.0.0.1:5000';
/** The free variables the example leaves to its reader. */
const SHA = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf';
const LOSSES = [1, 0.5, 0.3333333333333333, 0.25, 0.2];
const RUN_ID = 'f779b3378cf94de39e3a35d2e2fcec33';

interface Example {
  imports: string[];
  body: string;
}

/** The first ```ts block of the README's section on the tracking client, split into its imports and the rest. */
function readmeExample(): Example {
  const readme = ts.sys.readFile(join(ROOT, 'README.md')) ?? assert.fail('README.md is missing');
  const start = readme.indexOf(SECTION);
  assert.notEqual(start, -1, `README.md has no "${SECTION}" section`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  assert.ok(block, `the "${SECTION}" section has no \`\`\`ts block`);
  const lines = block[1]!.split('\n');
  const imports = lines.filter((line) => line.startsWith('import '));
  assert.ok(imports.length > 0, 'the example imports nothing');
  return { imports, body: lines.filter((line) => !line.startsWith('import ')).join('\n') };
}

/**
 * The example as a module: its imports resolved from the repository root (where the README is read
 * from), its code as written inside a function whose parameters are the free variables it leaves
 * to the reader (`sha`, `losses`) and the console it prints to; only the server address changes.
 */
function exampleModule(example: Example, serverUrl: string): string {
  const imports = example.imports.map((line) =>
    line.replace(/from '(\.[^']*)'/, (_whole, path: string) => `from '${join(ROOT, path)}'`),
  );
  assert.equal(example.body.split(`'${README_SERVER}'`).length, 2, `the example opens '${README_SERVER}' once`);
  const body = example.body.replace(`'${README_SERVER}'`, `'${serverUrl}'`);
  return [
    ...imports,
    'export async function example(sha: string, losses: number[], console: { log(...values: unknown[]): void }): Promise<void> {',
    body,
    '}',
    '',
  ].join('\n');
}

/** A recorded transcript's answer, replayed as the server sent it. */
function replay(transcript: Transcript): ScriptedAnswer {
  const contentType = transcript.response.headers['content-type'];
  return {
    status: transcript.response.status,
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
    body: responseBytes(transcript),
  };
}

const [created, runCreated, batchLogged, runUpdated, uploaded, runRead, png] = loadTranscripts([
  '153', // experiments/create
  '159', // runs/create
  '160', // runs/log-batch
  '173', // runs/update
  '174', // mlflow-artifacts upload
  '180', // runs/get of the same run, finished
  '119', // a PNG downloaded from the same server
]) as [Transcript, Transcript, Transcript, Transcript, Transcript, Transcript, Transcript];

/** What the recorded server answered to each call the example makes; a search gets the run it read back. */
function answer(request: RecordedRequest): ScriptedAnswer {
  const byPath: Record<string, Transcript> = {
    'POST /api/2.0/mlflow/experiments/create': created,
    'POST /api/2.0/mlflow/runs/create': runCreated,
    'POST /api/2.0/mlflow/runs/log-batch': batchLogged,
    'GET /api/2.0/mlflow/runs/get': runRead,
    [`PUT /api/2.0/mlflow-artifacts/artifacts/8/${RUN_ID}/artifacts/plots/loss.png`]: uploaded,
    'POST /api/2.0/mlflow/runs/update': runUpdated,
  };
  const recorded = byPath[`${request.method} ${request.path}`];
  if (recorded) return replay(recorded);
  if (request.method === 'POST' && request.path === '/api/2.0/mlflow/runs/search') {
    const { run } = JSON.parse(responseBytes(runRead).toString('utf8')) as { run: unknown };
    return { body: { runs: [run] } };
  }
  return { status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND', message: `${request.method} ${request.path}` } };
}

let folder: string;
let server: ScriptedServer;
let cwd: string;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'readme-example-'));
  server = await startScriptedServer(answer);
  cwd = process.cwd();
});

after(async () => {
  process.chdir(cwd);
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

test("README's TypeScript example runs as written: the calls it makes, the artifact it uploads, what it prints", async () => {
  const module = join(folder, 'example.ts');
  writeFileSync(module, exampleModule(readmeExample(), server.url));
  // The example uploads `plots/loss.png` from the folder it runs in.
  const work = join(folder, 'work');
  mkdirSync(join(work, 'plots'), { recursive: true });
  writeFileSync(join(work, 'plots', 'loss.png'), responseBytes(png));
  process.chdir(work);
  const printed: unknown[][] = [];
  const { example } = (await import(pathToFileURL(module).href)) as {
    example: (sha: string, losses: number[], console: { log(...values: unknown[]): void }) => Promise<void>;
  };
  const startedAt = Date.now();
  await example(SHA, LOSSES, { log: (...values) => printed.push(values) });
  const now = Date.now();

  assert.deepEqual(printed, [['transcript-run-finished', 0.2]]);
  assert.deepEqual(
    server.requests.map((request) => `${request.method} ${request.path}`),
    [
      'POST /api/2.0/mlflow/experiments/create',
      'POST /api/2.0/mlflow/runs/create',
      'POST /api/2.0/mlflow/runs/log-batch',
      'GET /api/2.0/mlflow/runs/get',
      `PUT /api/2.0/mlflow-artifacts/artifacts/8/${RUN_ID}/artifacts/plots/loss.png`,
      'POST /api/2.0/mlflow/runs/update',
      'POST /api/2.0/mlflow/runs/search',
    ],
  );
  const [create, runCreate, batch, get, upload, update, search] = server.requests;
  assert.deepEqual(JSON.parse(create!.text), { name: 'demo' });
  const runBody = JSON.parse(runCreate!.text) as Record<string, unknown>;
  assert.equal(runBody.experiment_id, '8');
  assert.equal(runBody.run_name, 'first');
  assert.deepEqual(runBody.tags, [{ key: 'mlflow.source.git.commit', value: SHA }]);
  const logged = JSON.parse(batch!.text) as {
    run_id: string;
    params: unknown[];
    metrics: { key: string; value: number; step: number; timestamp: number }[];
  };
  assert.equal(logged.run_id, RUN_ID);
  assert.deepEqual(logged.params, [{ key: 'lr', value: '0.01' }]);
  assert.deepEqual(
    logged.metrics.map(({ key, value, step }) => ({ key, value, step })),
    LOSSES.map((value, step) => ({ key: 'loss', value, step })),
  );
  for (const { timestamp } of logged.metrics) assert.ok(timestamp >= startedAt && timestamp <= now, `${timestamp}`);
  assert.deepEqual(get!.query, { run_id: [RUN_ID] });
  assert.deepEqual(upload!.body, responseBytes(png));
  const finished = JSON.parse(update!.text) as { run_id: string; status: string; end_time: number };
  assert.equal(finished.run_id, RUN_ID);
  assert.equal(finished.status, 'FINISHED');
  assert.ok(finished.end_time >= startedAt && finished.end_time <= now);
  const searched = JSON.parse(search!.text) as Record<string, unknown>;
  assert.deepEqual(searched.experiment_ids, ['8']);
  assert.equal(searched.filter, 'metrics.loss < 0.2');
});

test("README's TypeScript example type-checks against the client's own types", () => {
  const module = join(folder, 'typed.ts');
  writeFileSync(module, exampleModule(readmeExample(), README_SERVER));
  const program = ts.createProgram([module], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  assert.deepEqual(problems, []);
});
