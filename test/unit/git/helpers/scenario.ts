import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, setIdentity, tempFolder, writeFiles } from './gitCli';

/** Repositories made for one test: a bare remote, a clone to work in, and the commits' ids. */
export interface Scenario {
  base: string;
  /** A bare repository: the clone's `origin`. */
  remote: string;
  /** The clone the user works in, on `main` at `third`, with a local identity. */
  work: string;
  commits: {
    /** train.py, README.md, .gitignore (ignores *.log and secret.env). */
    first: string;
    /** train.py changed, utils/data.py added. */
    second: string;
    /** utils/data.py renamed to utils/dataset.py, README.md changed. */
    third: string;
    /** On branch `feature` (from `second`), in the clone. */
    feature: string;
    /** On branch `experiment` of the remote only: pushed after the clone was made. */
    remoteOnly: string;
    /** Held by the remote only under refs/pull/1/head, which `fetch --all` does not bring. */
    unbranched: string;
  };
}

let template: Scenario | undefined;

/**
 * A scenario of its own for one test: a copy of one built once per test file (building runs some
 * thirty git processes, copying none). Remote and clone are both copied and the clone's `origin`
 * names the copied remote, so a test may change either without touching another test's.
 */
export function makeScenario(): Scenario {
  template ??= buildScenario();
  const base = tempFolder();
  // The seed repository only built the remote; no test reads it.
  cpSync(template.base, base, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => source !== join(template!.base, 'seed'),
  });
  const remote = join(base, 'origin.git');
  const work = join(base, 'work');
  const config = join(work, '.git', 'config');
  writeFileSync(config, readFileSync(config, 'utf8').replaceAll(template.remote, remote));
  return { base, remote, work, commits: template.commits };
}

/** Builds a scenario with git in a new temp folder. */
function buildScenario(): Scenario {
  const base = tempFolder();
  const remote = join(base, 'origin.git');
  const seed = join(base, 'seed');
  const work = join(base, 'work');
  git(base, 'init', '--quiet', '--bare', remote);
  git(base, 'init', '--quiet', seed);
  writeFiles(seed, { 'train.py': 'print("v1")\n', 'README.md': '# demo\n', '.gitignore': '*.log\nsecret.env\n' });
  const first = commitAll(seed, 'first');
  writeFiles(seed, { 'train.py': 'print("v2")\n', 'utils/data.py': 'DATA = 1\n' });
  const second = commitAll(seed, 'second');
  git(seed, 'mv', 'utils/data.py', 'utils/dataset.py');
  writeFiles(seed, { 'README.md': '# demo, third\n' });
  const third = commitAll(seed, 'third');
  git(seed, 'switch', '--quiet', '-c', 'feature', second);
  writeFiles(seed, { 'feature.py': 'FEATURE = True\n' });
  const feature = commitAll(seed, 'feature');
  git(seed, 'push', '--quiet', remote, 'main', 'feature');
  git(base, 'clone', '--quiet', remote, work);
  git(work, 'branch', '--quiet', 'feature', 'origin/feature');
  setIdentity(work);
  git(seed, 'switch', '--quiet', '-c', 'experiment', third);
  writeFiles(seed, { 'experiment.py': 'EXPERIMENT = 1\n' });
  const remoteOnly = commitAll(seed, 'experiment');
  git(seed, 'switch', '--quiet', '-c', 'pr', third);
  writeFiles(seed, { 'pr.py': 'PR = 1\n' });
  const unbranched = commitAll(seed, 'pull request');
  git(seed, 'push', '--quiet', remote, 'experiment', 'pr:refs/pull/1/head');
  return { base, remote, work, commits: { first, second, third, feature, remoteOnly, unbranched } };
}

/** A `--depth 1` clone of the scenario's remote (only `third` is in it). */
export function shallowClone(scenario: Scenario): string {
  const path = join(scenario.base, 'shallow');
  git(scenario.base, 'clone', '--quiet', '--depth', '1', `file://${scenario.remote}`, path);
  setIdentity(path);
  return path;
}

/** Staged, unstaged, untracked and ignored changes in `root` (the state the flows must keep). */
export function makeEveryKindOfChange(root: string): void {
  writeFiles(root, { 'README.md': '# demo, staged edit\n' });
  git(root, 'add', 'README.md');
  writeFiles(root, { 'train.py': 'print("unstaged edit")\n' });
  writeFiles(root, { 'notes/untracked.txt': 'not yet added\n', 'run.log': 'an ignored log\n' });
}
