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
export declare function ensureVscodeTools(options?: { log?: (line: string) => void; parts?: readonly VscodeToolPart[] }): VscodeToolPaths;
