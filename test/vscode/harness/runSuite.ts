// Runs one suite: prepares its workspace, opens a fresh workbench with the suite's bundle as the
// extension tests, waits for the workbench to report the exit code, and reads the suite's report.
// Logs (and a screenshot when something failed) go to test-output/vscode/<suite>/.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import type { VscodeToolPaths } from '../../../scripts/vscode-tools.mjs';
import { parseSuiteReport, reportPathVariable } from '../runner/suiteReport';
import type { TestOutcome } from '../runner/suiteReport';
import { suiteOutputDir } from './paths';
import type { VscodeSuite } from './vscodeSuite';
import { startWorkbench } from './workbench';

const suiteTimeoutMs = Number(process.env.VSCODE_SUITE_TIMEOUT_MS ?? 300_000);

/** Runs a bundled suite in a fresh workbench under `dir`; a failing test is an outcome, not an exception. */
export async function runSuite(
  suite: VscodeSuite,
  bundle: string,
  dir: string,
  tools: VscodeToolPaths,
): Promise<TestOutcome[]> {
  const outputDir = suiteOutputDir(suite.name);
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const workspace = join(dir, 'workspace');
  await mkdir(workspace, { recursive: true });
  await suite.workspace(workspace);
  const service = await suite.start?.(workspace);
  const workbench = await startWorkbench(dir, tools);
  const reportPath = join(dir, 'report.json');
  const workbenchLog: string[] = [];
  let outcomes: TestOutcome[];
  try {
    const env = { ...suite.env, ...service?.env, [reportPathVariable]: reportPath };
    const url = workbench.urlFor(workspace, [
      ['extensionTestsPath', workbench.remoteUri(bundle)],
      ['extensionEnvironment', JSON.stringify(env)],
    ]);
    const exitCode = await openAndWaitForExit(workbench.page, url, workbenchLog);
    outcomes = await readOutcomes(reportPath, exitCode);
    if (outcomes.some((outcome) => !outcome.passed)) {
      await workbench.page.screenshot({ path: join(outputDir, 'end.png') }).catch(() => undefined);
    }
  } finally {
    await writeFile(join(outputDir, 'workbench.log'), workbenchLog.join('\n'));
    await workbench.close();
    await copyFile(workbench.server.logFile, join(outputDir, 'code-server.log'));
    await service?.stop();
  }
  return outcomes;
}

/** Opens the workbench and resolves with the code it passes to window.codeAutomationExit, or 'timeout'. */
async function openAndWaitForExit(page: Page, url: string, log: string[]): Promise<number | 'timeout'> {
  // The same hooks @vscode/test-web uses: the workbench calls them when the smoke-test driver is on.
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    log.push(`[${type}] ${format(...(args ?? []))}`);
  });
  const exited = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  page.on('pageerror', (error) => log.push(`[pageerror] ${error.message}`));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), suiteTimeoutMs)));
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The suite's outcomes; a missing report or a host that failed without one becomes a failed outcome. */
async function readOutcomes(reportPath: string, exitCode: number | 'timeout'): Promise<TestOutcome[]> {
  if (exitCode === 'timeout') {
    return [
      {
        title: 'suite',
        passed: false,
        durationMs: suiteTimeoutMs,
        error: `no result within ${suiteTimeoutMs / 1000}s`,
      },
    ];
  }
  let text: string;
  try {
    text = await readFile(reportPath, 'utf8');
  } catch {
    const error = `the extension host exited with code ${exitCode} without a test report (see workbench.log)`;
    return [{ title: 'suite', passed: false, durationMs: 0, error }];
  }
  let outcomes: TestOutcome[];
  try {
    outcomes = parseSuiteReport(text).tests;
  } catch (error) {
    return [{ title: 'suite', passed: false, durationMs: 0, error: `unreadable test report: ${String(error)}` }];
  }
  if (exitCode !== 0 && outcomes.every((outcome) => outcome.passed)) {
    outcomes.push({
      title: 'suite',
      passed: false,
      durationMs: 0,
      error: `the workbench reported exit code ${exitCode}`,
    });
  }
  return outcomes;
}
