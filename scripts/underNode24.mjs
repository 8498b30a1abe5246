// The test runners read mlflow.db with node:sqlite (the extension does, in VS Code 1.101+'s
// extension host), which the machine's Node 20 lacks. A runner started by an older Node runs itself
// again under Node 24 from npm (installed once into .cache/vscode-tools) and exits with its status.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVscodeTools, node24Env } from './vscode-tools.mjs';

/** Returns when this Node has node:sqlite; otherwise runs `scriptUrl` under Node 24 and exits. */
export function continueUnderNode24(scriptUrl) {
  if (process.getBuiltinModule?.('node:sqlite')) return;
  const { node24Bin } = ensureVscodeTools({
    log: (line) => console.error(`[vscode-tools] ${line}`),
    parts: ['node24'],
  });
  const result = spawnSync(join(node24Bin, 'node'), [fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: node24Env(),
  });
  process.exit(result.status ?? 1);
}
