/**
 * `node --import tsx bench/sqliteSoakBench.ts <mlflow.db copy> [seconds=60] [delete|wal]`: a training
 * script (bench/support/soakWriter.ts, node:sqlite in a child process) commits a run every 50 ms
 * for a minute while this process reads the store as the sidebar does: the newest page of the
 * experiment whenever SQLite's change stamp moves, and every run of it now and then. Prints one
 * JSON line: commits and refusals on the writer's side (refusals must be 0), reads, torn reads (a
 * run seen without the rows committed with it) and missing runs (a run whose commit was reported
 * before the read began, not in it): both must be 0. The database is changed: pass a copy.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openSqliteStore } from '../src/extension/tracking/local/sqliteStore';
import type { Run } from '../src/extension/tracking/model';

const [path, secondsArg = '60', journal = 'delete'] = process.argv.slice(2);
if (!path) throw new Error('usage: sqliteSoakBench.ts <mlflow.db copy> [seconds] [delete|wal]');
const EXPERIMENT = '2';
const FULL_READ_EVERY = 25;

/** Whether a run the writer made reads whole: its name tag, param and latest loss were committed with it. */
function torn(run: Run): boolean {
  const loss = run.data.metrics['loss'];
  return (
    run.data.tags['mlflow.runName'] !== run.info.runName ||
    run.data.params['lr'] !== '0.01' ||
    loss === undefined ||
    loss.step !== 9
  );
}

async function main(): Promise<void> {
  const store = await openSqliteStore(path!);
  const committed: string[] = [];
  const writerErrors: string[] = [];
  const writer = spawn(process.execPath, [
    '--import',
    'tsx',
    join(__dirname, 'support', 'soakWriter.ts'),
    path!,
    EXPERIMENT,
    secondsArg,
    '50',
    journal,
  ]);
  let pending = '';
  writer.stdout.on('data', (data: Buffer) => {
    const lines = (pending + String(data)).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [kind, , runId] = line.split(' ');
      if (kind === 'run' && runId) committed.push(runId);
      if (kind === 'error') writerErrors.push(line);
    }
  });
  let stderr = '';
  writer.stderr.on('data', (data: Buffer) => (stderr += String(data)));
  let done = false;
  const exited = new Promise<number | null>((resolve) => writer.on('close', resolve));
  void exited.then(() => (done = true));

  const counts = { pageReads: 0, fullReads: 0, stampReads: 0, tornRuns: 0, missingRuns: 0, readerErrors: 0 };
  const pageMs: number[] = [];
  let stamp = '';
  while (!done) {
    try {
      counts.stampReads += 1;
      const now = await store.changeStamp();
      if (now !== stamp) {
        stamp = now;
        const known = committed.length;
        const full = counts.pageReads % FULL_READ_EVERY === 0;
        const started = process.hrtime.bigint();
        const runs: Run[] = [];
        if (full) {
          for await (const run of store.iterateRuns({ experimentIds: [EXPERIMENT], maxResults: 1000 })) runs.push(run);
          counts.fullReads += 1;
        } else {
          runs.push(...(await store.searchRuns({ experimentIds: [EXPERIMENT], maxResults: 100 })).runs);
          pageMs.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        counts.pageReads += 1;
        const seen = new Set(runs.map((run) => run.info.runId));
        counts.tornRuns += runs.filter((run) => /^soak-\d+$/.test(run.info.runName) && torn(run)).length;
        // Newest first: the page must hold the newest runs committed before the read began (as many as fit).
        const expected = full ? committed.slice(0, known) : committed.slice(Math.max(0, known - 50), known);
        counts.missingRuns += expected.filter((runId) => !seen.has(runId)).length;
      }
    } catch {
      counts.readerErrors += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const status = await exited;
  store.dispose();
  pageMs.sort((a, b) => a - b);
  const seconds = Number(secondsArg);
  console.log(
    JSON.stringify({
      journal,
      seconds,
      writer: {
        status,
        commits: committed.length,
        commitsPerSecond: Math.round((committed.length / seconds) * 10) / 10,
        refused: writerErrors.length,
        firstRefusal: writerErrors[0],
        stderr: stderr.trim() || undefined,
      },
      reader: {
        ...counts,
        pageReadsPerSecond: Math.round((counts.pageReads / seconds) * 10) / 10,
        pageMedianMs: Math.round((pageMs[Math.floor(pageMs.length / 2)] ?? 0) * 10) / 10,
        pageP95Ms: Math.round((pageMs[Math.floor(pageMs.length * 0.95)] ?? 0) * 10) / 10,
      },
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
