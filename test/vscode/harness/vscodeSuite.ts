/** What a service started beside a suite gives back: env vars for the extension host, and a way to stop. */
export interface SuiteService {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** One extension-host integration suite (declared in test/vscode/suites.ts). */
export interface VscodeSuite {
  /** Short and unique: names the bundle, the output folder and the command-line filter. */
  name: string;
  /** Fills the (empty, throwaway) folder the workbench opens as its workspace. */
  workspace: (folder: string) => Promise<void> | void;
  /** Glob of the suite's mocha test files, relative to the repository root. */
  tests: string;
  /** Environment variables for the extension host under test. */
  env: Record<string, string>;
  /** Optional: something to run beside the workbench (e.g. a replay server); stopped after the suite. */
  start?: (workspace: string) => Promise<SuiteService>;
}
