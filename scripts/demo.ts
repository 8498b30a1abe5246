/**
 * `npm run demo`: the extension in a real VS Code on demo data, in one command.
 *
 * 1. Installs what is missing into .cache/, once: Node 24 and code-server from npm, Debian's
 *    libkrb5-dev (code-server builds against it). No browser: the demo opens in the user's own.
 * 2. Builds and packages the extension (.vsix).
 * 3. Prepares .cache/demo/demo-repo once: a clone of the fixture repository the recorded runs came
 *    from, with the recorded local store (mlflow.db, artifacts in mlruns/) beside the code, so the
 *    runs' commits are in this very repository. Kept between runs (delete it, or pass --fresh).
 * 4. Opens it in VS Code with the extension installed: the local `code` command when there is one,
 *    else code-server at a printed localhost URL. Ctrl-C stops code-server and everything it started.
 *
 * `npm run demo -- --server http://host:5000` opens the same workspace against an MLflow server.
 * `--port N` picks code-server's port (default 8080, else any free one).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeDemoWorkspace, writeTrackingUriSetting } from './demoWorkspace';
import { ensureVscodeTools, vscodeToolPaths } from './vscode-tools.mjs';
import type { VscodeToolPart, VscodeToolPaths } from './vscode-tools.mjs';
import { installExtension, startCodeServer } from '../test/vscode/harness/codeServer';
import { onInterrupt } from '../test/vscode/harness/processGroups';

/**
 * What the demo installs: code-server (which brings Node 24). No Chromium: the demo opens in the
 * user's own browser (Debian's chromium, for the tests, took 2.5 of a 9.5-minute first start).
 */
export const DEMO_TOOL_PARTS: readonly VscodeToolPart[] = ['codeServer'];

/** The command line (`--server URL`, `--port N`, `--fresh`), read when run as a script. */
let args: { server?: string; port?: string; fresh?: boolean } = {};
const root = vscodeToolPaths().repoRoot;
const demoDir = join(root, '.cache', 'demo');
const workspace = join(demoDir, 'demo-repo');
const vsix = join(root, 'dist', 'mlflow-explorer.vsix');

function run(command: string, argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(command, argv, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (${result.status ?? result.signal})`);
}

function say(line: string): void {
  console.log(`[demo] ${line}`);
}

/** The demo repository with the recorded local store beside its code; made once. */
function prepareWorkspace(): void {
  if (args.fresh) rmSync(workspace, { recursive: true, force: true });
  if (!existsSync(join(workspace, '.git'))) {
    makeDemoWorkspace(root, workspace);
    say(`demo workspace made: ${workspace}`);
  }
  // `--server URL` goes into the workspace's settings; without it the local mlflow.db is found by itself.
  writeTrackingUriSetting(workspace, args.server);
}

function hasLocalCode(): boolean {
  return !process.env.CI && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function openInCodeServer(tools: VscodeToolPaths): Promise<void> {
  const serverDir = join(demoDir, 'code-server');
  mkdirSync(serverDir, { recursive: true });
  installExtension(serverDir, tools, vsix);
  const port = args.port ? Number(args.port) : 8080;
  const server = await startCodeServer(serverDir, tools, {
    port: (await portIsFree(port)) ? port : 0,
    forPerson: true,
  });
  const url = new URL(server.url);
  url.searchParams.set('folder', workspace);
  say(`VS Code with MLflow Explorer: ${url.href}`);
  say('open it in your browser; Ctrl-C stops code-server (the page then stops working).');
  await new Promise<void>((resolve) => {
    onInterrupt(async () => {
      await server.stop();
      say(`code-server stopped; the demo workspace stays in ${workspace}`);
      resolve();
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer().once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  if (hasLocalCode()) {
    packageAndPrepare();
    run('code', ['--install-extension', vsix, '--force']);
    run('code', [workspace]);
    say(`opened ${workspace} in VS Code`);
    return;
  }
  const tools = ensureVscodeTools({ parts: DEMO_TOOL_PARTS });
  packageAndPrepare();
  await openInCodeServer(tools);
}

function packageAndPrepare(): void {
  say('building and packaging the extension');
  run('npm', ['run', '-s', 'package'], { cwd: root });
  prepareWorkspace();
}

// Run as `npm run demo`; imported (by a test), it only names things.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  args = parseArgs({
    options: { server: { type: 'string' }, port: { type: 'string' }, fresh: { type: 'boolean' } },
  }).values;
  main().catch((error: unknown) => {
    console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
