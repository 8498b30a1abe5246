import type { GitRunnerOptions } from '../git/gitRunner';
import type { FileDiffRequest } from './fileDiff';
import type { GitDocument } from './gitDocumentUri';
import type { ScopedLogger } from '../platform/logger';
import type { CheckoutRecords } from './checkoutRecords';
import type { GitDialogs } from './gitDialogs';

/** What the git commands do to the workbench besides asking: open editors and windows. */
export interface GitWorkbench {
  /** The local folders of the workspace, as paths. */
  workspaceFolders(): string[];
  /** Opens a file as it was at a commit, read-only, beside the active editor. */
  openFileAtCommit(document: GitDocument): Promise<void>;
  /** Opens the diff editor for one changed file. */
  openFileDiff(request: FileDiffRequest): Promise<void>;
  /** Opens a folder (a new worktree) in a new window. */
  openFolderInNewWindow(path: string): Promise<void>;
}

/** Everything the git commands work with, built once by the extension's wiring. */
export interface GitCommandContext {
  /** The dialogs in use now (the user's, or a test's script). */
  dialogs(): GitDialogs;
  workbench: GitWorkbench;
  records: CheckoutRecords;
  logger: ScopedLogger;
  /** For every repository opened: logs each git command. */
  gitOptions: GitRunnerOptions;
}
