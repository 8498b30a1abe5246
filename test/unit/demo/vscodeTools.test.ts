import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  aptGetArgs,
  aptLockHolder,
  aptPackagesFor,
  formatElapsed,
  installingLine,
  partsNeeded,
  stillInstallingLine,
  waitForAptLock,
  whileInstalling,
} from '../../../scripts/vscode-tools.mjs';
import type { AptResult } from '../../../scripts/vscode-tools.mjs';
import { DEMO_TOOL_PARTS } from '../../../scripts/demo';
import { interruptMessage } from '../../vscode/harness/processGroups';

/** apt 2.6's words when another apt holds the lists lock (seen on a real lock held by another process). */
const LISTS_LOCKED: AptResult = {
  status: 100,
  stdout: 'Reading package lists...\n',
  stderr:
    'E: Could not get lock /var/lib/apt/lists/lock. It is held by process 967 (apt)\nE: Unable to lock directory /var/lib/apt/lists/\n',
};
const OK: AptResult = { status: 0, stdout: 'Reading package lists...\n', stderr: '' };

test("the demo installs code-server (and Node 24) but no browser: apt is asked for libkrb5-dev only, never Debian's chromium", () => {
  assert.deepEqual([...partsNeeded(DEMO_TOOL_PARTS)], ['codeServer', 'node24']);
  assert.deepEqual(aptPackagesFor(DEMO_TOOL_PARTS), ['libkrb5-dev']);
  assert.deepEqual(
    aptPackagesFor(['chromium', 'node24', 'codeServer']),
    ['chromium', 'libkrb5-dev'],
    'the tests still get their browser',
  );
});

test('apt-get command lines: quiet update, then a non-interactive install of what is missing', () => {
  assert.deepEqual(aptGetArgs('update'), ['-q', 'update']);
  assert.deepEqual(aptGetArgs('install', ['libkrb5-dev']), ['-q', 'install', '-y', 'libkrb5-dev']);
});

test("apt's lock messages are recognised, with who holds the lock when apt says", () => {
  assert.deepEqual(aptLockHolder(LISTS_LOCKED.stderr!), {
    lock: '/var/lib/apt/lists/lock',
    holder: 'process 967 (apt)',
  });
  assert.deepEqual(
    aptLockHolder('E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1234 (apt-get)\n'),
    {
      lock: '/var/lib/dpkg/lock-frontend',
      holder: 'process 1234 (apt-get)',
    },
  );
  assert.deepEqual(
    aptLockHolder('E: Could not get lock /var/lib/dpkg/lock - open (11: Resource temporarily unavailable)'),
    {
      lock: '/var/lib/dpkg/lock',
      holder: 'another process',
    },
  );
  assert.equal(aptLockHolder('E: Unable to locate package libkrb5-dev'), undefined);
});

test('apt-get waits for a lock another apt-get holds, saying so, then goes on', () => {
  const outcomes = [LISTS_LOCKED, LISTS_LOCKED, LISTS_LOCKED, OK];
  const lines: string[] = [];
  const slept: number[] = [];
  let clock = 0;
  const result = waitForAptLock(aptGetArgs('update'), () => outcomes.shift()!, {
    log: (line) => lines.push(line),
    sleep: (ms) => {
      slept.push(ms);
      clock += 10_000;
    },
    now: () => clock,
  });
  assert.equal(result, OK);
  assert.equal(outcomes.length, 0, 'tried until it got the lock');
  assert.deepEqual(slept, [3000, 3000, 3000]);
  assert.deepEqual(lines, [
    'apt-get is waiting: /var/lib/apt/lists/lock is held by process 967 (apt) (another apt-get or dpkg at work); going on when it is done (waiting up to 10m00s)...',
    'still waiting for /var/lib/apt/lists/lock, held by process 967 (apt) (20s)...',
  ]);
});

test("apt-get gives up on a lock held past the wait, naming it; any other failure is reported at once with apt's words", () => {
  let clock = 0;
  const options = { log: () => undefined, sleep: () => (clock += 60_000), now: () => clock, maxWaitMs: 120_000 };
  assert.throws(() => waitForAptLock(aptGetArgs('update'), () => LISTS_LOCKED, options), {
    message:
      'apt-get -q update failed (100): /var/lib/apt/lists/lock was still held by process 967 (apt) after 2m00s:\n' +
      'Reading package lists...\n\nE: Could not get lock /var/lib/apt/lists/lock. It is held by process 967 (apt)\nE: Unable to lock directory /var/lib/apt/lists/',
  });
  let attempts = 0;
  const missing: AptResult = { status: 100, stdout: '', stderr: 'E: Unable to locate package libkrb5-dev\n' };
  assert.throws(() => waitForAptLock(aptGetArgs('install', ['libkrb5-dev']), () => (attempts++, missing), options), {
    message: 'apt-get -q install -y libkrb5-dev failed (100):\nE: Unable to locate package libkrb5-dev',
  });
  assert.equal(attempts, 1);
});

test('a one-time install says what it installs, that it happens once, and how long it has been going', () => {
  assert.equal(
    installingLine('code-server 4.139.1 (VS Code in a browser) from npm', 'several minutes: it builds native modules'),
    'installing code-server 4.139.1 (VS Code in a browser) from npm (several minutes: it builds native modules; once: later runs reuse it from .cache/vscode-tools)...',
  );
  assert.equal(stillInstallingLine('code-server 4.139.1', 130_400), 'still installing code-server 4.139.1 (2m10s)...');
  assert.deepEqual(
    [formatElapsed(0), formatElapsed(45_900), formatElapsed(60_000), formatElapsed(3_725_000)],
    ['0s', '45s', '1m00s', '62m05s'],
  );
});

test('while an install blocks the process, another process prints that it is still going, and stops with it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-ticker-'));
  const file = join(dir, 'out.txt');
  const fd = openSync(file, 'w');
  try {
    const value = whileInstalling('code-server', () => (spawnSync('sleep', ['3']), 'done'), {
      everyMs: 200,
      output: fd,
    });
    assert.equal(value, 'done');
    const atEnd = readFileSync(file, 'utf8');
    await sleep(1000);
    assert.equal(readFileSync(file, 'utf8'), atEnd, 'nothing more once the install is over');
    const lines = atEnd.trimEnd().split('\n');
    assert.ok(lines.length >= 2, `printed while it ran: ${JSON.stringify(atEnd)}`);
    for (const line of lines) assert.match(line, /^\[vscode-tools\] still installing code-server \([0-3]s\)\.\.\.$/);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Ctrl-C says what it stops: only what is running (the demo runs no browser)', () => {
  assert.equal(interruptMessage('SIGINT', ['code-server']), 'SIGINT: stopping code-server');
  assert.equal(
    interruptMessage('SIGINT', ['the browser', 'code-server']),
    'SIGINT: stopping the browser and code-server',
  );
  assert.equal(interruptMessage('SIGTERM', ['code-server', 'code-server']), 'SIGTERM: stopping code-server');
  assert.equal(interruptMessage('SIGINT', []), 'SIGINT: stopping');
});
