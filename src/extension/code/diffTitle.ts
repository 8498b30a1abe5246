import { posix } from 'node:path';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import type { FileChange } from '../git/fileChanges';
import { labelText } from './gitDocumentUri';

/** One side of a diff between runs: a commit (with its run's name, for the title). */
export interface CommitSide {
  commit: string;
  runName?: string;
}

/** The right side of a diff: another commit, or the files on disk. */
export type DiffTarget = CommitSide | 'workingTree';

/**
 * The diff editor's title: the file (old and new names for a rename) and both sides, e.g.
 * `train.py (7aead6a baseline-adam ↔ 9b64e09 best-so-far)`.
 */
export function diffTitle(change: FileChange, from: CommitSide, to: DiffTarget): string {
  const name = posix.basename(change.path);
  const oldName = change.oldPath !== undefined ? posix.basename(change.oldPath) : name;
  const names = oldName === name ? name : `${oldName} → ${name}`;
  return `${names} (${sideLabel(from)} ↔ ${to === 'workingTree' ? 'Working Tree' : sideLabel(to)})`;
}

function sideLabel(side: CommitSide): string {
  return side.runName ? `${shortCommitId(side.commit)} ${labelText(side.runName)}` : shortCommitId(side.commit);
}
