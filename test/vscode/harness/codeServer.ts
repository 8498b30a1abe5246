// A throwaway code-server: its own user data, extensions and XDG folders inside `dir`, a free port,
// its own process group (so stopping it also stops the extension hosts it forks).
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { node24Env } from '../../../scripts/vscode-tools.mjs';
import type { VscodeToolPaths } from '../../../scripts/vscode-tools.mjs';
import { stopProcessGroup, trackProcessGroup } from './processGroups';

export interface CodeServer {
  /** Where the workbench is served, e.g. http://127.0.0.1:41234 */
  readonly url: URL;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** A quiet workbench: no welcome page, walkthroughs, trust prompt, telemetry, updates or AI panel. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
};

/** Tests also keep VS Code's own git support out: it would scan their repositories as they change. */
const testSettings = { ...quietSettings, 'git.enabled': false };

const startTimeoutMs = 60_000;

export interface CodeServerOptions {
  /** Default 0: any free port. */
  port?: number;
  /**
   * A server a person uses (the demo): it shows notification toasts (no test-only options), waits
   * for them (no idle shutdown, VS Code's own grace time for a browser that reconnects) and keeps
   * VS Code's git support, Source Control included.
   * Default false: a test's server, which cleans up after itself quickly.
   */
  forPerson?: boolean;
}

/** Starts code-server with all its state under `dir` and resolves once it listens. */
export async function startCodeServer(
  dir: string,
  tools: VscodeToolPaths,
  options: CodeServerOptions = {},
): Promise<CodeServer> {
  const userData = join(dir, 'user-data');
  const xdg = join(dir, 'xdg');
  await mkdir(join(userData, 'User'), { recursive: true });
  await mkdir(xdg, { recursive: true });
  await writeFile(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(options.forPerson ? quietSettings : testSettings, null, 2),
  );
  const config = join(dir, 'config.yaml');
  const bindAddress = `127.0.0.1:${options.port ?? 0}`;
  await writeFile(config, `bind-addr: ${bindAddress}\nauth: none\ncert: false\n`);
  const args = codeServerArgs(dir, bindAddress, options.forPerson ?? false);
  const logFile = join(dir, 'code-server.log');
  const log = await open(logFile, 'w');
  const child = spawn(join(tools.node24Bin, 'node'), [tools.codeServer, ...args], {
    detached: true, // setsid: a process group of its own, stopped as one
    stdio: ['ignore', log.fd, log.fd],
    env: serverEnv(xdg),
  });
  await log.close();
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  trackProcessGroup(pgid, 'code-server');
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `code-server exited (${code ?? signal})`));
  try {
    const url = await waitForListening(logFile, () => exited);
    return { url, logFile, stop: () => stopProcessGroup(pgid) };
  } catch (error) {
    await stopProcessGroup(pgid);
    throw error;
  }
}

/**
 * code-server's command line. A test's server honours the `payload` query (the smoke-test driver
 * option: extension development and tests paths) and cleans up quickly; a person's has neither,
 * because the smoke-test driver also turns notification toasts off (every message would land,
 * unseen, in the notification centre) and a person's browser may reconnect after a while.
 */
export function codeServerArgs(dir: string, bindAddress: string, forPerson: boolean): string[] {
  const common = [
    ...stateArgs(dir),
    ...['--auth', 'none', '--bind-addr', bindAddress, '--disable-telemetry', '--disable-update-check'],
    ...['--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'],
  ];
  if (forPerson) return common;
  return [
    ...common,
    // Without a short grace time an extension host outlives its closed browser tab for hours; and
    // should the harness be killed (SIGKILL) before it can stop the server, with no browser
    // connected it shuts down on its own two minutes later.
    ...['--reconnection-grace-time', '5', '--idle-timeout-seconds', '120'],
    // Makes the workbench honour the `payload` query (extension development and tests paths).
    ...['--vscode-option', 'enable-smoke-test-driver'],
  ];
}

/** Installs a .vsix into the code-server whose state is under `dir` (as startCodeServer lays it out). */
export function installExtension(dir: string, tools: VscodeToolPaths, vsix: string): void {
  const result = spawnSync(
    join(tools.node24Bin, 'node'),
    [tools.codeServer, ...stateArgs(dir), '--install-extension', vsix, '--force'],
    {
      encoding: 'utf8',
      env: serverEnv(join(dir, 'xdg')),
    },
  );
  if (result.status !== 0) throw new Error(`code-server could not install ${vsix}:\n${result.stdout}${result.stderr}`);
}

/** Where code-server keeps its configuration, user data and extensions: all inside `dir`. */
function stateArgs(dir: string): string[] {
  return [
    '--config',
    join(dir, 'config.yaml'),
    '--user-data-dir',
    join(dir, 'user-data'),
    '--extensions-dir',
    join(dir, 'extensions'),
  ];
}

/** The environment of code-server and so of the extension hosts: Node 24, XDG folders kept inside. */
function serverEnv(xdg: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...node24Env(), XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg };
  // A developer's own MLflow settings must not reach the extension under test; suites pass their own.
  for (const name of Object.keys(env)) if (name.startsWith('MLFLOW_')) delete env[name];
  return env;
}

async function waitForListening(logFile: string, exited: () => string | undefined): Promise<URL> {
  for (const deadline = Date.now() + startTimeoutMs; Date.now() < deadline; await sleep(100)) {
    const log = await readFile(logFile, 'utf8');
    const listening = /HTTP server listening on (http:\/\/\S+)/.exec(log);
    if (listening?.[1]) return new URL(listening[1]);
    const problem = exited();
    if (problem) throw new Error(`${problem}; log ${logFile}:\n${log}`);
  }
  throw new Error(`code-server did not listen within ${startTimeoutMs / 1000}s; log: ${logFile}`);
}
