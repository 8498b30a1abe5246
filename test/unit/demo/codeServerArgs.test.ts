import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeServerArgs } from '../../vscode/harness/codeServer';

const STATE = [
  ...['--config', '/d/config.yaml', '--user-data-dir', '/d/user-data', '--extensions-dir', '/d/extensions'],
  ...['--auth', 'none', '--bind-addr', '127.0.0.1:8080', '--disable-telemetry', '--disable-update-check'],
  ...['--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'],
];

test("a person's code-server (the demo) gets no test-only option: the smoke-test driver would hide every notification toast", () => {
  assert.deepEqual(codeServerArgs('/d', '127.0.0.1:8080', true), STATE);
});

test("a test's code-server honours the payload query (smoke-test driver) and shuts down soon after its browser leaves", () => {
  assert.deepEqual(codeServerArgs('/d', '127.0.0.1:8080', false), [
    ...STATE,
    ...['--reconnection-grace-time', '5', '--idle-timeout-seconds', '120'],
    ...['--vscode-option', 'enable-smoke-test-driver'],
  ]);
});
