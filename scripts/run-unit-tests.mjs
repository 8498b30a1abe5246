// Runs every plain-Node test (test/unit/**/*.test.ts) with Node's built-in runner, TypeScript via tsx.
// Node 20 has no glob for --test, so the files are listed here; extra arguments pass through
// (e.g. `npm run test:unit -- --test-name-pattern=filter`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporter, ...process.argv.slice(2), ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
