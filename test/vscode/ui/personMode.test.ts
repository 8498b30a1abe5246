// A person's code-server, started as `npm run demo` starts it (the packaged extension installed, no
// test-only options), shows notification toasts: with the tests' smoke-test driver option every
// message landed, unseen, in the notification centre. The message here is the one a server that
// refuses the credentials (401) gets, which the extension shows as a toast with "Sign In…".
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { ensureVscodeTools } from '../../../scripts/vscode-tools.mjs';
import { closeServer, listen } from '../../support/replayServer';
import { launchChromium } from '../harness/browser';
import { installExtension, startCodeServer } from '../harness/codeServer';
import type { CodeServer } from '../harness/codeServer';
import { repoRoot, runDirVariable } from '../harness/paths';
import { screenshotDir } from './driver';

const refusing = createServer((request, response) => {
  request.resume();
  response.writeHead(401, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ error_code: 'UNAUTHENTICATED', message: 'You are not authenticated.' }));
});
let dir: string;
let server: CodeServer | undefined;
let browser: BrowserContext | undefined;

before(async () => {
  const tools = ensureVscodeTools();
  dir = await mkdtemp(join(process.env[runDirVariable] ?? tmpdir(), 'mlflow-explorer-person-'));
  const packaged = spawnSync('npm', ['run', '-s', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}${packaged.stderr}`);
  const port = await listen(refusing);
  const workspace = join(dir, 'workspace');
  await mkdir(join(workspace, '.vscode'), { recursive: true });
  await writeFile(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'mlflow.trackingUri': `http://127.0.0.1:${port}` }),
  );
  const serverDir = join(dir, 'code-server');
  await mkdir(serverDir, { recursive: true });
  installExtension(serverDir, tools, join(repoRoot, 'dist', 'mlflow-explorer.vsix'));
  server = await startCodeServer(serverDir, tools, { forPerson: true });
  browser = await launchChromium(tools.chromium, join(dir, 'chromium'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(120_000);
  const url = new URL(server.url);
  url.searchParams.set('folder', workspace);
  await page.goto(url.href, { waitUntil: 'domcontentloaded' });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  await closeServer(refusing);
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("a person's code-server shows the extension's notification as a toast, not only in the notification centre", async () => {
  const page = browser!.pages()[0]!;
  await page
    .locator('.part.activitybar')
    .getByRole('tab', { name: /MLflow/ })
    .click();
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'HTTP 401' });
  await toast.waitFor({ state: 'visible' });
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, 'person-mode-toast.png') });
  assert.match(await toast.innerText(), /failed with HTTP 401.*You are not authenticated/s);
  assert.ok(await toast.getByRole('button', { name: 'Sign In…' }).isVisible(), 'the toast offers to sign in');
});
