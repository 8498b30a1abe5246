// `npm run test:vscode [-- <suite>... | ui]`: sets up the tools if needed, builds the extension,
// runs each integration suite (test/vscode/suites.ts) in a fresh code-server, then the UI tests,
// and ends with the line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureVscodeTools } from '../../../scripts/vscode-tools.mjs';
import type { VscodeToolPaths } from '../../../scripts/vscode-tools.mjs';
import type { TestOutcome } from '../runner/suiteReport';
import { suites } from '../suites';
import { bundleSuite } from './bundle';
import { checkPackageListing } from './packageListing';
import { repoRoot, suiteOutputDir } from './paths';
import { onInterrupt, stopLeftovers } from './processGroups';
import { runSuite } from './runSuite';
import { runUiTests } from './runUiTests';
import type { VscodeSuite } from './vscodeSuite';

const log = (line: string): void => console.log(`[vscode-tests] ${line}`);
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)}s`;

/** Runs the selected suites (all when `names` is empty; `ui` selects the UI tests); returns the exit code. */
export async function runVscodeTests(names: readonly string[]): Promise<number> {
  const started = Date.now();
  const unknown = names.filter((name) => name !== 'ui' && !suites.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    console.error(`unknown suite ${unknown.join(', ')}; known: ${[...suites.map((s) => s.name), 'ui'].join(', ')}`);
    return 2;
  }
  const selected = suites.filter((suite) => names.length === 0 || names.includes(suite.name));
  const tools = timed('tools', () => ensureVscodeTools({ log }));
  timed('build', buildExtension);
  const runRoot = await mkdtemp(join(tmpdir(), 'mlflow-explorer-vscode-'));
  const removeRunRoot = async (): Promise<void> => {
    await stopLeftovers(runRoot);
    await rm(runRoot, { recursive: true, force: true });
  };
  const removeInterruptHandler = onInterrupt(removeRunRoot);
  let passed = 0;
  let failed = 0;
  try {
    if (names.length === 0) {
      const listing = checkPackageListing();
      printOutcomes('package', [listing]);
      if (listing.passed) passed += 1;
      else failed += 1;
    }
    for (const suite of selected) {
      const suiteStarted = Date.now();
      const outcomes = await runOneSuite(suite, join(runRoot, suite.name), tools);
      printOutcomes(suite.name, outcomes);
      const suiteFailed = outcomes.filter((outcome) => !outcome.passed).length;
      passed += outcomes.length - suiteFailed;
      failed += suiteFailed;
      const logs = suiteOutputDir(suite.name);
      log(`suite ${suite.name}: ${seconds(suiteStarted)}${suiteFailed > 0 ? `; logs and screenshot in ${logs}` : ''}`);
    }
    if (names.length === 0 || names.includes('ui')) {
      const uiStarted = Date.now();
      const ui = await runUiTests(runRoot);
      passed += ui.passed;
      failed += ui.failed;
      log(`ui tests: ${seconds(uiStarted)}`);
    }
    const left = await stopLeftovers(runRoot);
    if (left.length > 0) {
      failed += 1;
      console.log(`✖ processes were left behind (now stopped):\n${left.join('\n')}`);
    } else {
      log('no code-server or Chromium process left behind (pgrep)');
    }
  } finally {
    removeInterruptHandler();
    await removeRunRoot();
  }
  log(`total: ${seconds(started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

/** A suite's outcomes; a suite that cannot even start counts as one failure, and the others still run. */
async function runOneSuite(suite: VscodeSuite, dir: string, tools: VscodeToolPaths): Promise<TestOutcome[]> {
  try {
    const bundle = await bundleSuite(suite);
    return await runSuite(suite, bundle, dir, tools);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return [{ title: 'setting up the suite', passed: false, durationMs: 0, error: message }];
  }
}

function buildExtension(): void {
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
}

function timed<T>(name: string, work: () => T): T {
  const stepStarted = Date.now();
  const result = work();
  log(`${name}: ${seconds(stepStarted)}`);
  return result;
}

/** Mocha-style lines: a tick or a cross per test, failures with their error indented below. */
function printOutcomes(suiteName: string, outcomes: readonly TestOutcome[]): void {
  console.log(`\n  ${suiteName}`);
  for (const outcome of outcomes) {
    const mark = outcome.passed ? '✔' : '✖';
    console.log(`    ${mark} ${outcome.title} (${Math.round(outcome.durationMs)}ms)`);
    if (outcome.error) console.log(outcome.error.replace(/^/gm, '        '));
  }
  console.log('');
}
