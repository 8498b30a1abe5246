// Git as the journey checks it: from the test process, on the workspace folder the workbench has
// open (the same machine), so what the extension did is read from git itself, not from the screen.
import { git } from '../suite/gitSupport/repositoryState';

const headTimeoutMs = 30_000;

/** The full id of the commit HEAD is at. */
export function headCommit(folder: string): string {
  return git(folder, 'rev-parse', 'HEAD').trim();
}

/** The branch HEAD is on, or undefined when HEAD is detached. */
export function headBranch(folder: string): string | undefined {
  const name = git(folder, 'rev-parse', '--abbrev-ref', 'HEAD').trim();
  return name === 'HEAD' ? undefined : name;
}

/** Full commit id of the first commit whose id starts with `prefix`. */
export function fullCommit(folder: string, prefix: string): string {
  return git(folder, 'rev-parse', '--verify', `${prefix}^{commit}`).trim();
}

/** Waits until HEAD is at `commit` (the checkout runs in the extension host, beside this process). */
export async function waitForHead(folder: string, commit: string): Promise<void> {
  for (const deadline = Date.now() + headTimeoutMs; headCommit(folder) !== commit;) {
    if (Date.now() > deadline)
      throw new Error(`HEAD is still at ${headCommit(folder).slice(0, 7)}, not ${commit.slice(0, 7)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until HEAD is on `branch` (a return to a branch at the commit HEAD is already at moves no commit). */
export async function waitForBranch(folder: string, branch: string): Promise<void> {
  for (const deadline = Date.now() + headTimeoutMs; headBranch(folder) !== branch;) {
    if (Date.now() > deadline) throw new Error(`HEAD is on ${headBranch(folder) ?? 'no branch'}, not ${branch}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
