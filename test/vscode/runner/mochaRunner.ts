// Runs inside the extension host: the `run()` of every suite bundle calls this (the contract of
// VS Code's extensionTestsPath). It runs the suite's mocha tests and writes a SuiteReport for the
// harness; the returned promise rejects on any failure, which the workbench reports as exit code 1.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { reportPathVariable } from './suiteReport';
import type { SuiteReport, TestOutcome } from './suiteReport';

/** Loads the suite's tests (`load` requires each test file) and runs them. */
export async function runMochaTests(load: () => void): Promise<void> {
  const reportPath = process.env[reportPathVariable];
  if (!reportPath) throw new Error(`${reportPathVariable} is not set: run the suites with test/vscode/run.mjs`);
  const outcomes: TestOutcome[] = [];
  try {
    await runMocha(load, outcomes);
  } catch (error) {
    outcomes.push({ title: 'loading the suite', passed: false, durationMs: 0, error: describe(error) });
  }
  const report: SuiteReport = { tests: outcomes };
  writeFileSync(reportPath, JSON.stringify(report, null, 2));
  const failed = outcomes.filter((outcome) => !outcome.passed).length;
  if (failed > 0 || outcomes.length === 0) throw new Error(`${failed} of ${outcomes.length} tests failed`);
}

async function runMocha(load: () => void, outcomes: TestOutcome[]): Promise<void> {
  // A skipped (pending) or exclusive (.only) test would silently drop checks: mocha fails them.
  const mocha = new Mocha({ ui: 'tdd', timeout: 20_000, forbidOnly: true, forbidPending: true, color: false });
  mocha.reporter(Mocha.reporters.Base);
  // The test files are bundled, not loaded by mocha: give them its globals and `import from 'mocha'` first.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'bundle', mocha);
  load();
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => {
      outcomes.push({ title: test.fullTitle(), passed: true, durationMs: test.duration ?? 0 });
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error) => {
      outcomes.push({ title: test.fullTitle(), passed: false, durationMs: test.duration ?? 0, error: describe(error) });
    });
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
