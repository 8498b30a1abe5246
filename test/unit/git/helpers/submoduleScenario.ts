import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, setIdentity, tempFolder, writeFiles } from './gitCli';

/** A repository with a real submodule (added from a local path), on `main`. */
export interface SubmoduleScenario {
  /** The superproject the user works in. */
  work: string;
  commits: {
    /** train.py only: before the submodule was added. */
    beforeSubmodule: string;
    /** The submodule `libs` added (its l.txt is "lib v1"). */
    withSubmodule: string;
    /** train.py changed; `main` is here. */
    latest: string;
  };
}

let template: SubmoduleScenario | undefined;

function build(): SubmoduleScenario {
  const base = tempFolder('mlflow-submodule-');
  const lib = join(base, 'lib');
  const work = join(base, 'work');
  git(base, 'init', '--quiet', lib);
  writeFiles(lib, { 'l.txt': 'lib v1\n' });
  commitAll(lib, 'lib');
  git(base, 'init', '--quiet', work);
  setIdentity(work);
  writeFiles(work, { 'train.py': 'print("v1")\n' });
  const beforeSubmodule = commitAll(work, 'first');
  // A local path needs file transport, which git turns off for submodules by default.
  git(work, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', lib, 'libs');
  const withSubmodule = commitAll(work, 'add the submodule');
  writeFiles(work, { 'train.py': 'print("v2")\n' });
  const latest = commitAll(work, 'second');
  return { work, commits: { beforeSubmodule, withSubmodule, latest } };
}

/**
 * A copy of a submodule scenario built once per test file. The submodule's `.git` file and its
 * config name their folders relatively, so the copy is a working repository of its own.
 */
export function copiedSubmoduleScenario(): SubmoduleScenario {
  template ??= build();
  const base = tempFolder('mlflow-submodule-');
  cpSync(join(template.work, '..'), base, { recursive: true, verbatimSymlinks: true });
  return { work: join(base, 'work'), commits: template.commits };
}
