// Every extension-host integration suite, declared here and nowhere else.
//
// A suite is a folder of mocha tests (tdd: `import { suite, test } from 'mocha'`) that run inside a
// real VS Code extension host (code-server) with this repository loaded as the extension under
// development. `test/vscode/run.mjs` bundles each suite, starts a fresh code-server for it (its own
// user data, so settings and state never leak between suites), opens the workbench on the suite's
// workspace folder in Chromium, and reports mocha's results.
//
// To add a suite:
//   1. write tests in test/vscode/suite/<name>/*.test.ts;
//   2. add an entry below: a name, a workspace preparer, the tests glob and (optionally) env vars
//      for the extension host and a service to start beside it (e.g. a REST replay server).
//      A workspace made from fixtures: `workspace: copyIntoWorkspace('test/fixtures/mlflow-3.5.1/mlruns', 'mlruns')`.
// Run one suite alone with `npm run test:vscode -- <name>` (`ui` runs only the UI tests).
import { emptyWorkspace } from './harness/workspaces';
import { repoRoot } from './harness/paths';
import { demoRepoWith, fixtureFiles } from './suite/sidebarSupport/workspaces';
import { demoRepoWithLocalStore } from './suite/gitSupport/workspace';
import { demoWorkspaceWithHostileNames } from './suite/hostileSupport/workspace';
import { demoWorkspaceWithEveryStore } from './suite/runsTableSupport/workspace';
import type { VscodeSuite } from './harness/vscodeSuite';

export const suites: readonly VscodeSuite[] = [
  {
    name: 'activation',
    // Empty, so nothing in the folder can activate the extension before its command runs.
    workspace: emptyWorkspace,
    tests: 'test/vscode/suite/activation/**/*.test.ts',
    env: {},
  },
  {
    name: 'sidebar-sqlite',
    // The demo repository at the commit of most runs, with the local mlflow.db at its root.
    workspace: demoRepoWith(repoRoot, { 'mlflow.db': 'local-store/mlflow.db' }),
    tests: 'test/vscode/suite/sidebar-sqlite/**/*.test.ts',
    env: {},
  },
  {
    name: 'sidebar-live',
    // The local mlflow.db alone, which the suite writes as a training script would.
    workspace: fixtureFiles(repoRoot, { 'mlflow.db': 'local-store/mlflow.db' }),
    tests: 'test/vscode/suite/sidebar-live/**/*.test.ts',
    env: {},
  },
  {
    name: 'sidebar-workspaces',
    // MLflow 3.12's store with a second workspace (team-b) holding experiments of the same names.
    workspace: fixtureFiles(repoRoot, { 'mlflow.db': '../mlflow-newer-schemas/mlflow-3.12-workspaces.db' }),
    tests: 'test/vscode/suite/sidebar-workspaces/**/*.test.ts',
    env: {},
  },
  {
    name: 'sidebar-mlruns',
    workspace: demoRepoWith(repoRoot, { mlruns: 'mlruns' }),
    tests: 'test/vscode/suite/sidebar-mlruns/**/*.test.ts',
    env: {},
  },
  {
    name: 'sidebar-rest',
    // No store at the root: the welcome view first. The test MLflow server reads data/server.db.
    workspace: fixtureFiles(repoRoot, { 'data/server.db': 'server-store/mlflow.db' }),
    tests: 'test/vscode/suite/sidebar-rest/**/*.test.ts',
    env: {},
  },
  {
    name: 'git-commands',
    // The demo repository with the local store in it (mlflow.db excluded locally): every run's commit is there.
    workspace: demoRepoWithLocalStore(repoRoot),
    tests: 'test/vscode/suite/git-commands/**/*.test.ts',
    env: {},
  },
  {
    name: 'panels',
    // The demo repository with the local store in it: runs to compare, their commits and artifacts.
    workspace: demoRepoWithLocalStore(repoRoot),
    tests: 'test/vscode/suite/panels/**/*.test.ts',
    env: {},
  },
  {
    name: 'hostile-names',
    // The demo workspace with runs renamed as a server user could (command links, icons, a
    // right-to-left override, 6,000 characters) and two commit tags spoiled, by SQL on its mlflow.db.
    workspace: demoWorkspaceWithHostileNames(repoRoot),
    tests: 'test/vscode/suite/hostile-names/**/*.test.ts',
    env: {},
  },
  {
    name: 'runs-table',
    // The demo workspace (mlflow.db at the root) with the file store and the server's store in data/.
    workspace: demoWorkspaceWithEveryStore(repoRoot),
    tests: 'test/vscode/suite/runs-table/**/*.test.ts',
    env: {},
  },
];
