// Every process group the harness starts (code-server and the extension hosts it forks) is tracked
// here, so it can be stopped as a whole and checked with pgrep: nothing may outlive a run, even one
// interrupted by Ctrl-C or a CI timeout.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Each live group, and what it is (for the message when interrupted). */
const liveGroups = new Map<number, string>();
/** Each cleanup, and what it stops when it is worth naming. */
const cleanups = new Map<() => Promise<void>, string | undefined>();
let handlersInstalled = false;

/**
 * Records a process group started by this process; it is killed if this process exits first.
 * `what` names it when it is stopped on an interrupt (e.g. `code-server`).
 */
export function trackProcessGroup(pgid: number, what: string): void {
  installHandlers();
  liveGroups.set(pgid, what);
}

/** What an interrupt says it stops: the groups still running, by name, else only that it stops. */
export function interruptMessage(signal: NodeJS.Signals, running: readonly string[]): string {
  const names = [...new Set(running)];
  if (names.length === 0) return `${signal}: stopping`;
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `${signal}: stopping ${list}`;
}

/**
 * Stops a process group (TERM, then KILL after a grace period) and checks with pgrep that none of
 * its processes is left; throws, naming them, if one is.
 */
export async function stopProcessGroup(pgid: number, graceMs = 10_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  if (!(await waitUntilEmpty(pgid, graceMs))) {
    signalGroup(pgid, 'SIGKILL');
    if (!(await waitUntilEmpty(pgid, 5_000))) {
      throw new Error(`processes left behind in group ${pgid}: ${groupMembers(pgid).join(', ')}`);
    }
  }
  liveGroups.delete(pgid);
}

/** Live (non-zombie) process ids in a process group, by pgrep. */
export function groupMembers(pgid: number): number[] {
  const result = spawnSync('pgrep', ['-g', String(pgid)], { encoding: 'utf8' });
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number)
    .filter((pid) => !isZombie(pid));
}

/**
 * Stops whatever is still running with `folder` in its command line (pgrep -f): every code-server
 * and Chromium of a run names the run's temp folder, so anything found there is the run's own,
 * left behind by a process that could not clean up. Returns what was found (empty: nothing left).
 */
export async function stopLeftovers(folder: string): Promise<string[]> {
  const pattern = folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = spawnSync('pgrep', ['-a', '-f', pattern], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.trim() !== '' && !isZombie(Number(line.split(' ')[0])));
  const groups = new Set(found.map((line) => processGroupOf(Number(line.split(' ')[0]))));
  await Promise.allSettled([...groups].filter((pgid) => pgid > 1).map((pgid) => stopProcessGroup(pgid)));
  return found;
}

function processGroupOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state, ppid, pgrp.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return 0;
  }
}

/**
 * Runs `cleanup` if this process is interrupted (SIGINT/SIGTERM) before the returned function is
 * called; `what` names what it stops, for the message (e.g. `the browser`).
 */
export function onInterrupt(cleanup: () => Promise<void>, what?: string): () => void {
  installHandlers();
  cleanups.set(cleanup, what);
  return () => cleanups.delete(cleanup);
}

/** Last registered, first run: what was started last is stopped first. */
async function runCleanups(): Promise<void> {
  for (const cleanup of [...cleanups.keys()].reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup failed: ${String(error)}`);
    }
  }
}

async function waitUntilEmpty(pgid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (groupMembers(pgid).length === 0) return true;
  }
  return groupMembers(pgid).length === 0;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort when this process ends without stopping its groups: no waiting is possible here.
  process.on('exit', () => {
    for (const pgid of liveGroups.keys()) signalGroup(pgid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      const named = [...cleanups.values()].filter((what): what is string => what !== undefined);
      console.error(`\n${interruptMessage(signal, [...named, ...liveGroups.values()])}`);
      void runCleanups()
        .then(() => Promise.allSettled([...liveGroups.keys()].map((pgid) => stopProcessGroup(pgid))))
        .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}
