// Types for vscode-tools.mjs, so the TypeScript test harness can call it.

export declare const CODE_SERVER_VERSION: string;
export declare const NODE_MAJOR: number;

export interface VscodeToolPaths {
  repoRoot: string;
  toolsDir: string;
  node24Bin: string;
  node24Headers: string;
  codeServer: string;
  chromium: string;
}

/** Where each tool lives once installed (nothing is checked or installed). */
export declare function vscodeToolPaths(): VscodeToolPaths;

/** An environment whose `node`, `npm` and `npx` run under Node 24. */
export declare function node24Env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;

/** A piece of the tools: the browser, Node 24 (vsce), code-server (which brings Node 24). */
export type VscodeToolPart = 'chromium' | 'node24' | 'codeServer';

/** Installs whatever `parts` (default all) lack (apt packages, Node 24, code-server) and returns the tool paths. */
export declare function ensureVscodeTools(options?: {
  log?: (line: string) => void;
  parts?: readonly VscodeToolPart[];
}): VscodeToolPaths;

/** apt-get's arguments for `update` or for installing `packages`. */
export declare function aptGetArgs(action: 'update' | 'install', packages?: readonly string[]): string[];

/** Which lock apt-get could not get and who holds it; undefined when its output says nothing of a lock. */
export declare function aptLockHolder(output: string): { lock: string; holder: string } | undefined;

/** What is said when apt-get must wait for its lock (`waitedMs` 0), and while it waits. */
export declare function aptLockWaitLine(held: { lock: string; holder: string }, waitedMs?: number): string;

/** The outcome of one apt-get run, as spawnSync gives it. */
export interface AptResult {
  status: number | null;
  signal?: NodeJS.Signals | null;
  stdout?: string;
  stderr?: string;
}

/** Runs apt-get (`attempt`) until it gets its locks, saying so while another apt-get or dpkg holds one. */
export declare function waitForAptLock(
  args: readonly string[],
  attempt: () => AptResult,
  options: {
    log: (line: string) => void;
    sleep: (ms: number) => void;
    now: () => number;
    maxWaitMs?: number;
    retryMs?: number;
  },
): AptResult;

/** What is being installed, how long it takes, and that it happens once. */
export declare function installingLine(what: string, takes: string): string;

/** The line repeated while an install runs. */
export declare function stillInstallingLine(what: string, elapsedMs: number): string;

/** `45s`, `2m10s`. */
export declare function formatElapsed(ms: number): string;

/** The Debian packages `parts` need. */
export declare function aptPackagesFor(parts: readonly VscodeToolPart[]): string[];

/** The parts `parts` stand for (code-server brings Node 24). */
export declare function partsNeeded(parts: readonly VscodeToolPart[]): Set<VscodeToolPart>;

/** Runs `install` while a child process prints stillInstallingLine every `everyMs` to `output`. */
export declare function whileInstalling<T>(
  what: string,
  install: () => T,
  options?: { everyMs?: number; output?: 'inherit' | number },
): T;
