// Each suite becomes one CommonJS bundle for the extension host: an entry exporting `run()` (the
// extensionTestsPath contract) that loads the suite's test files only once mocha is ready for them.
import { join } from 'node:path';
import { build } from 'esbuild';
import { findFiles } from './files';
import { repoRoot } from './paths';
import type { VscodeSuite } from './vscodeSuite';

/** Where the test bundles are written (git-ignored). */
export const bundleDir = join(repoRoot, 'out', 'vscode-tests');

/** Bundles a suite's tests with the mocha runner; returns the bundle's path. */
export async function bundleSuite(suite: VscodeSuite): Promise<string> {
  const files = findFiles(repoRoot, suite.tests);
  if (files.length === 0) throw new Error(`suite ${suite.name}: no test files match ${suite.tests}`);
  // esbuild evaluates a require()d ES module lazily, at the require() call: after mocha's pre-require.
  const entry = [
    `import { runMochaTests } from './test/vscode/runner/mochaRunner';`,
    `export function run(): Promise<void> {`,
    `  return runMochaTests(() => {`,
    ...files.map((file) => `    require(${JSON.stringify(`./${file}`)});`),
    `  });`,
    `}`,
  ].join('\n');
  const outfile = join(bundleDir, suite.name, 'index.js');
  await build({
    stdin: { contents: entry, resolveDir: repoRoot, sourcefile: `${suite.name}-suite.ts`, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // 'vscode' is the host's own module; mocha is required from node_modules so the tests'
    // `import { suite, test } from 'mocha'` and the runner share one instance.
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}
