import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, which is also the extension under development. */
export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Where runs leave what a person may want to look at afterwards (git-ignored). */
export const testOutputDir = join(repoRoot, 'test-output');

/** Where a suite's logs (and its screenshot, when it failed) are kept. */
export const suiteOutputDir = (suiteName: string): string => join(testOutputDir, 'vscode', suiteName);

/**
 * Set by the harness for the UI tests: the run's temp folder, so their workbenches live (and are
 * checked for leftover processes) with the rest of the run.
 */
export const runDirVariable = 'MLFLOW_EXPLORER_VSCODE_RUN_DIR';
