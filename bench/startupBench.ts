// Startup: what a user pays when VS Code activates the extension. Builds the production bundle,
// then, in fresh Node processes (no module cache, no warm JIT), times `require('dist/extension.js')`
// and `activate(context)` against a stand-in `vscode` module (bench/support/startupChild.mjs).
// Also reports the bundle's and the packaged .vsix's sizes. Prints one JSON object.
//
//   node --import tsx bench/startupBench.ts [processes]      (default 10)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const PROCESSES = Number(process.argv[2] ?? 10);
const BUNDLE = 'dist/extension.js';
const VSIX = 'dist/mlflow-explorer.vsix';

interface Sample {
  requireMs: number;
  activateMs: number;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** The newest modification time under `path` (a file, or a folder walked whole). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Packages the extension unless the .vsix on disk was made after every input it is made from. */
function packageIfStale(): boolean {
  const inputs = Math.max(newest('src'), newest('media'), newest('package.json'), newest('esbuild.mjs'));
  let packaged = 0;
  try {
    packaged = statSync(VSIX).mtimeMs;
  } catch {
    // No .vsix yet.
  }
  if (packaged > inputs) return false;
  process.stderr.write('packaging (npm run package)...\n');
  run('npm', ['run', 'package']);
  return true;
}

function stats(values: number[]): { medianMs: number; minMs: number; maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    medianMs: round(sorted[Math.floor(sorted.length / 2)]!),
    minMs: round(sorted[0]!),
    maxMs: round(sorted.at(-1)!),
  };
}

const packaged = packageIfStale();
// The production bundle is what ships; the .vsix holds the same (npm run package builds it too).
run(process.execPath, ['esbuild.mjs', '--production']);
const samples: Sample[] = [];
for (let i = 0; i < PROCESSES; i++) {
  const sample = JSON.parse(run(process.execPath, ['bench/support/startupChild.mjs', BUNDLE]).trim()) as Sample;
  samples.push(sample);
  process.stderr.write(
    `startup ${i + 1}/${PROCESSES}: require ${sample.requireMs.toFixed(1)} ms, activate ${sample.activateMs.toFixed(1)} ms\n`,
  );
}
console.log(
  JSON.stringify({
    node: process.version,
    processes: PROCESSES,
    // The machine's load while measuring: on a shared machine the times scale with it.
    loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
    require: stats(samples.map((sample) => sample.requireMs)),
    activate: stats(samples.map((sample) => sample.activateMs)),
    extensionJsBytes: statSync(BUNDLE).size,
    vsixBytes: statSync(VSIX).size,
    vsixRebuilt: packaged,
  }),
);
