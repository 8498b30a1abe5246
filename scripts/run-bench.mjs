// `npm run bench`: every benchmark case in a fresh process, a few times each, then one JSON
// summary on stdout (median wall time, worst peak RSS, the client/floor ratios, the compare
// panel's render figures in Chromium, and the extension's startup and package size).
// `npm run bench -- startup` runs the startup bench alone, `npm run bench -- runsTable` the runs table's,
// `npm run bench -- sqliteScale [--5gb]` the mlflow.db stores at real sizes.
// Progress goes to stderr so the JSON can be piped.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { ensureVscodeTools, node24Env } from './vscode-tools.mjs';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const STORES = 'bench/output/stores-10k';
// Every case runs under Node 24 from npm (installed when missing): mlflow.db is read with node:sqlite.
const { node24Bin } = ensureVscodeTools({
  log: (line) => process.stderr.write(`[vscode-tools] ${line}\n`),
  parts: ['node24'],
});
const env = node24Env();
const tsx = (script, ...args) => [join(node24Bin, 'node'), ['--import', 'tsx', script, ...args]];
/**
 * A bench of the extension's own code, bundled as the extension is (esbuild, one file) and run by
 * plain Node: the command that runs it. Under tsx, its disk cache expiry (a walk of its cache
 * folder, 60 ms and a collection) ran on the event loop in the middle of measured steps; the
 * extension host runs no such thing.
 */
function bundled(script) {
  const outfile = join('bench', 'output', 'bundles', `${script.split('/').at(-1).replace(/\.ts$/, '')}.cjs`);
  buildSync({ entryPoints: [script], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  return (...args) => [join(node24Bin, 'node'), [outfile, ...args]];
}

/** One case of a bench (`launch`: what bundled() returns), as the JSON line it prints last. */
function runCase(launch, ...args) {
  const [command, argv] = launch(...args);
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 26, env });
  if (result.status !== 0) throw new Error(`${args[0]} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

function runJson(command, argv) {
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 26, env });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

function summarise(samples) {
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)],
    // CPU (user + system) of the measured work: on a shared machine the wall clock counts the neighbours too.
    medianCpuMs: cpu[Math.floor(cpu.length / 2)],
    minMs: times[0],
    maxMs: times.at(-1),
    peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)),
    items: samples[0].items,
  };
}

/** The median of every number in a list of like JSON objects (nested ones included); other values from the first. */
function medians(samples) {
  const [first] = samples;
  return Object.fromEntries(
    Object.entries(first).map(([key, value]) => {
      if (typeof value === 'number') {
        const sorted = samples.map((sample) => sample[key]).sort((a, b) => a - b);
        return [key, sorted[Math.floor(sorted.length / 2)]];
      }
      if (value && typeof value === 'object' && !Array.isArray(value))
        return [key, medians(samples.map((s) => s[key]))];
      return [key, value];
    }),
  );
}

function repeat(cases, launch, arg) {
  const samples = Object.fromEntries(cases.map((name) => [name, []]));
  for (let i = 0; i < REPEATS; i++) {
    for (const name of cases) {
      const sample = runCase(launch, name, arg);
      samples[name].push(sample);
      process.stderr.write(`${name}: ${sample.ms} ms (CPU ${sample.cpuMs} ms), ${sample.peakRssMb} MB\n`);
    }
  }
  return Object.fromEntries(cases.map((name) => [name, summarise(samples[name])]));
}

async function startPageServer() {
  const [command, argv] = tsx('bench/support/pageServer.ts');
  const server = spawn(command, argv, { stdio: ['ignore', 'pipe', 'inherit'], env });
  const port = await new Promise((resolve, reject) => {
    server.stdout.on('data', (data) => {
      const match = /listening (\d+)/.exec(String(data));
      if (match) resolve(Number(match[1]));
    });
    server.on('exit', (code) => reject(new Error(`page server exited with ${code}`)));
  });
  return { server, url: `http://127.0.0.1:${port}` };
}

/** A bench that drives Chromium and prints one JSON object: its figures (the run stops if it fails). */
function chromiumBench(script) {
  const result = spawnSync(...tsx(script), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
    env,
  });
  if (result.status !== 0) process.exit(1);
  return JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
}

/** Startup (bench/startupBench.ts): require + activate in 10 fresh processes, bundle and .vsix bytes. */
function startup() {
  const result = spawnSync(...tsx('bench/startupBench.ts'), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
    env,
  });
  if (result.status !== 0) process.exit(1);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

// The mlflow.db stores at real sizes and the soak copies live here (made once, kept).
const SCALE = 'bench/output/scale';

// mlflow.db at real sizes (~0.4 GB and ~1.9 GB by default, made once into bench/output/scale; add
// `-- --5gb` for a 7.7 GB one, ~10 min to make): our reads next to the floor, MLflow's own SQL
// through Python's sqlite3, in the same run, and the filter next to a join written by hand too.
function sqliteScale() {
  const big = process.argv.includes('--5gb');
  const scaleGeneration = spawnSync(...tsx('bench/support/generateScaleStores.ts', SCALE, ...(big ? ['--5gb'] : [])), {
    stdio: 'inherit',
    env,
  });
  if (scaleGeneration.status !== 0) process.exit(1);
  const scale = {};
  const scaleBench = bundled('bench/sqliteScaleBench.ts');
  // Ours and the floor alternate, several times: this machine's speed drifts between runs (the
  // floor's own filter ranged 27-52 ms within an hour), so one run of each compares two moments.
  const SCALE_REPEATS = Number(process.env.SCALE_REPEATS ?? 7);
  for (const name of ['small', 'large', ...(big ? ['huge'] : [])]) {
    const db = `${SCALE}/${name}.db`;
    const runs = { ours: [], floor: [] };
    for (let i = 0; i < SCALE_REPEATS; i++) {
      runs.ours.push(runCase(scaleBench, db));
      runs.floor.push(runJson('python3', ['bench/support/sqliteFloor.py', db, `feed${'0'.repeat(28)}`]));
    }
    const ours = medians(runs.ours);
    const floor = medians(runs.floor);
    const ratios = Object.fromEntries(
      Object.keys(floor)
        .filter((key) => key.endsWith('Ms') && typeof ours[key] === 'number')
        .map((key) => [key, Math.round((ours[key] / floor[key]) * 100) / 100]),
    );
    // The same filter as a join written by hand, which SQLite answers far faster than MLflow's own statement.
    ratios.filterVsHandWrittenJoin =
      Math.round((ours.filterOrderByMetricMs / floor.filterHandWrittenJoinMs) * 100) / 100;
    scale[name] = {
      sizeMb: Math.round(statSync(db).size / 1e6),
      repeats: SCALE_REPEATS,
      ours,
      floor,
      ratios,
    };
    process.stderr.write(`${name}: ${JSON.stringify(scale[name])}\n`);
  }
  return scale;
}

if (process.argv.includes('runsTable')) {
  const table = spawnSync(...tsx('bench/runsTableBench.ts'), {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  process.exit(table.status ?? 1);
}
if (process.argv.includes('sqliteScale')) {
  console.log(JSON.stringify({ loadAverage: os.loadavg(), sqliteScale: sqliteScale() }, null, 2));
  process.exit(0);
}
if (process.argv.includes('startup')) {
  console.log(JSON.stringify({ startup: startup() }, null, 2));
  process.exit(0);
}

// The load average at the start: figures measured on a busy machine say so beside them.
const results = { node: process.version, repeats: REPEATS, loadAverage: os.loadavg(), cases: {} };
const { server, url } = await startPageServer();
try {
  Object.assign(
    results.cases,
    repeat(
      ['rest.runs10k.floor', 'rest.runs10k.client', 'rest.history100k.floor', 'rest.history100k.client'],
      bundled('bench/restBench.ts'),
      url,
    ),
  );
  // The runs table's first rows against one raw page (goal: within 1.2x).
  Object.assign(
    results.cases,
    repeat(['table.firstRows.floor', 'table.firstRows.host'], bundled('bench/runsTableRestBench.ts'), url),
  );
} finally {
  server.kill();
}
mkdirSync(STORES, { recursive: true });
const generated = Date.now();
const generation = spawnSync(...tsx('bench/support/generateStoresMain.ts', STORES), { stdio: 'inherit', env });
if (generation.status !== 0) process.exit(1);
process.stderr.write(`stores ready in ${Date.now() - generated} ms\n`);
results.stores = { runs: 10_000, sqliteMb: Math.round(statSync(`${STORES}/mlflow.db`).size / 1e5) / 10 };
// mlruns/ cold start: the first page next to its floor, a plain walk reading every run's meta.yaml.
const localCases = [
  ...['sqlite', 'file'].flatMap((kind) =>
    ['firstPage', 'firstPageAgain', 'filteredSearch', 'allRuns'].map((query) => `local.${kind}.${query}`),
  ),
  'local.file.metaWalkFloor',
];
Object.assign(results.cases, repeat(localCases, bundled('bench/localBench.ts'), STORES));
results.sqliteScale = sqliteScale();
// A training script committing every 50 ms for a minute while the store is read (rollback journal,
// then WAL): refusals on the writer's side, torn and missing reads must all be 0.
results.sqliteSoak = {};
for (const journal of ['delete', 'wal']) {
  const copy = `${SCALE}/soak-${journal}.db`;
  copyFileSync('test/fixtures/mlflow-3.5.1/local-store/mlflow.db', copy);
  chmodSync(copy, 0o644);
  rmSync(`${copy}-wal`, { force: true });
  rmSync(`${copy}-shm`, { force: true });
  results.sqliteSoak[journal] = runJson(
    ...tsx('bench/sqliteSoakBench.ts', copy, process.env.SOAK_SECONDS ?? '60', journal),
  );
  process.stderr.write(`soak ${journal}: ${JSON.stringify(results.sqliteSoak[journal])}\n`);
}
// The compare panel and the runs table in Chromium (each bench prints one JSON object of its own).
results.comparePanel = chromiumBench('bench/compareBench.ts');
// The runs table: 10,000 runs x 100 columns.
results.runsTablePanel = chromiumBench('bench/runsTableBench.ts');
results.startup = startup();
const ratio = (client, floor) =>
  Math.round((results.cases[client].medianMs / results.cases[floor].medianMs) * 100) / 100;
results.ratios = {
  'rest.runs10k client/floor': ratio('rest.runs10k.client', 'rest.runs10k.floor'),
  'rest.history100k client/floor': ratio('rest.history100k.client', 'rest.history100k.floor'),
  'mlruns firstPage/metaWalkFloor': ratio('local.file.firstPage', 'local.file.metaWalkFloor'),
  'mlruns firstPage/metaWalkFloor (CPU)':
    Math.round(
      (results.cases['local.file.firstPage'].medianCpuMs / results.cases['local.file.metaWalkFloor'].medianCpuMs) * 100,
    ) / 100,
  'runs table first rows host/one raw page': ratio('table.firstRows.host', 'table.firstRows.floor'),
};
console.log(JSON.stringify(results, null, 2));
