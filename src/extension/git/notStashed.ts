import type { WorkingTreeStatus } from './workingTreeStatus';

/**
 * What a stash does not take, said plainly so nobody is promised otherwise: a submodule's own
 * changes (git's stash leaves submodules alone) and folders holding a repository of their own
 * (git skips them). Both stay exactly as they are; switching commits does not touch them either.
 * Empty when there is nothing of the kind; else a sentence with a leading space.
 */
export function notStashedNote(status: Pick<WorkingTreeStatus, 'submodules' | 'repositories'>): string {
  const parts: string[] = [];
  if (status.submodules.length)
    parts.push(`the changes inside the submodule${plural(status.submodules)} ${status.submodules.join(', ')}`);
  if (status.repositories.length)
    parts.push(`the untracked repository folder${plural(status.repositories)} ${status.repositories.join(', ')}`);
  if (parts.length === 0) return '';
  return ` Not stashed (git does not stash them), left as they are: ${parts.join('; ')}.`;
}

function plural(paths: readonly string[]): string {
  return paths.length === 1 ? '' : 's';
}
