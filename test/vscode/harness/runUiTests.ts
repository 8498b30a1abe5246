// The UI tests (test/vscode/ui/*.test.ts) are node:test files that drive a workbench of their own
// through ui/driver.ts. They run in a child process: spec lines to the console, TAP to a file for
// the counts.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findFiles } from './files';
import { repoRoot, runDirVariable } from './paths';
import { onInterrupt, stopProcessGroup, trackProcessGroup } from './processGroups';

export interface UiTestRun {
  passed: number;
  failed: number;
}

/** Runs every UI test file; their workbenches and the TAP report go under `dir`. */
export async function runUiTests(dir: string): Promise<UiTestRun> {
  const files = findFiles(repoRoot, 'test/vscode/ui/**/*.test.ts');
  if (files.length === 0) return { passed: 0, failed: 0 };
  const tapFile = join(dir, 'ui.tap');
  const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=300000'];
  const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
  const tap = ['--test-reporter=tap', `--test-reporter-destination=${tapFile}`];
  const child = spawn(process.execPath, [...args, ...reporters, ...tap, ...files], {
    cwd: repoRoot,
    env: { ...process.env, [runDirVariable]: dir },
    stdio: 'inherit',
    detached: true, // its own group: an interrupt stops the test files and, through them, their workbenches
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('could not start the UI tests');
  trackProcessGroup(pgid, 'the UI tests (their code-server and browser)');
  // Each test file stops its own workbench on SIGTERM (browser, then code-server): give it time.
  const removeInterruptHandler = onInterrupt(() => stopProcessGroup(pgid, 30_000));
  const exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  removeInterruptHandler();
  await stopProcessGroup(pgid, 30_000);
  const counts = tapCounts(await readFile(tapFile, 'utf8').catch(() => ''));
  // A run that failed outside any test (a crash, a file that would not load) still fails.
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** Passed and failed tests from a TAP summary; skipped, todo and cancelled tests count as failed. */
function tapCounts(tap: string): UiTestRun {
  const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return {
    passed: count('pass'),
    failed: count('fail') + count('cancelled') + count('skipped') + count('todo'),
  };
}
