// Runs @vscode/vsce (pinned) with the given arguments, under the cached Node 24 (vsce 4 needs
// Node >= 22; the project runs on Node 20). Installs Node 24 first if it is missing.
// `npm run package` uses it: node scripts/vsce.mjs package --no-dependencies -o dist/mlflow-explorer.vsix
import { spawnSync } from 'node:child_process';
import { ensureVscodeTools, node24Env } from './vscode-tools.mjs';

const VSCE_VERSION = '4.1.0';

// Setup lines go to stderr: stdout is vsce's own (`vsce ls` output is read by the tests).
const { repoRoot } = ensureVscodeTools({ log: (line) => console.error(`[vscode-tools] ${line}`), parts: ['node24'] });
const result = spawnSync('npx', ['--yes', `@vscode/vsce@${VSCE_VERSION}`, ...process.argv.slice(2)], {
  cwd: repoRoot,
  env: node24Env(),
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
