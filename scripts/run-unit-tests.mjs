// Runs every plain-Node test (test/unit/**/*.test.ts) with Node's built-in runner, TypeScript via tsx,
// under Node 24 from npm (installed into .cache/vscode-tools when missing): mlflow.db is read with
// node:sqlite, which the machine's Node 20 does not have (VS Code's extension host has it from 1.101).
// The files are listed here; extra arguments pass through (e.g. `npm run test:unit -- --test-name-pattern=filter`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVscodeTools, node24Env } from './vscode-tools.mjs';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = findTests('test/unit').sort();
if (files.length === 0) {
  console.error('no test files found under test/unit');
  process.exit(1);
}
const { node24Bin } = ensureVscodeTools({ log: (line) => console.error(`[vscode-tools] ${line}`), parts: ['node24'] });
const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
const result = spawnSync(
  join(node24Bin, 'node'),
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporter, ...process.argv.slice(2), ...files],
  { stdio: 'inherit', env: node24Env() },
);
process.exit(result.status ?? 1);
