import type * as vscode from 'vscode';
import type { ScopedLogger } from '../platform/logger';
import type { Run } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';

/** What every panel gets from the extension: the store in use, the workspace, and ways out. */
export interface PanelServices {
  extensionUri: vscode.Uri;
  /** The tracking store the sidebar uses (opened on first call); undefined when there is none. */
  store(): Promise<TrackingStore | undefined>;
  /** The workspace folders (file system paths) whose repositories may hold the runs' code. */
  workspaceFolders(): string[];
  logger: ScopedLogger;
  /** Opens (or shows) the run panel of a run. */
  openRun(runId: string, known?: Run): void;
}
