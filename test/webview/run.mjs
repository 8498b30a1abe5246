// `npm run test:webview`: builds the webview bundles, then runs the Chromium tests of them
// (test/webview/*.test.ts, node:test with TypeScript through tsx). Extra arguments pass through.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { continueUnderNode24 } from '../../scripts/underNode24.mjs';

continueUnderNode24(import.meta.url);

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const dir = 'test/webview';
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => join(dir, name));
const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
// One file at a time: each starts its own Chromium, and the machine has two cores.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', ...reporter, ...process.argv.slice(2), ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
