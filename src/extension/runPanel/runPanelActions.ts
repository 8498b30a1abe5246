import * as vscode from 'vscode';
import { messageText } from '../platform/untrustedText';
import { artifactUri } from './artifactFileSystem';
import { checkArtifactPath } from '../tracking/artifactPaths';
import { MlflowError, errorMessage } from '../tracking/errors';
import type { ScopedLogger } from '../platform/logger';
import type { FileInfo } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';

/**
 * Downloads an artifact (a file, a folder, or the whole run when `path` is empty) into a folder
 * the user picks, with progress that can be cancelled. The store keeps every path from the
 * server inside the chosen folder.
 */
export async function downloadArtifacts(
  store: TrackingStore,
  runId: string,
  artifact: FileInfo,
): Promise<string | undefined> {
  const path = checkArtifactPath(artifact.path);
  const [folder] =
    (await vscode.window.showOpenDialog({
      title: path ? `Download ${path}` : `Download the artifacts of run ${runId}`,
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: 'Download Here',
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    })) ?? [];
  if (!folder) return undefined;
  const local = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Downloading ${messageText(path) || 'artifacts'}`,
      cancellable: true,
    },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return store.downloadArtifacts(runId, path, folder.fsPath, {
        signal: abort.signal,
        onProgress: ({ files, bytes }) =>
          progress.report({ message: `${files} file${files === 1 ? '' : 's'}, ${Math.round(bytes / 1024)} KB` }),
      });
    },
  );
  void vscode.window.showInformationMessage(`Downloaded to ${messageText(local)}`, 'Reveal').then((choice) => {
    if (choice) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(local));
  });
  return local;
}

/**
 * Opens a file artifact read-only in an editor beside the panel. A path no store will read (a
 * backslash, `..`) is refused first with the store's own reason, worded as the preview words it:
 * through the editor, VS Code would only say "an unexpected error".
 */
export async function openArtifactInEditor(runId: string, artifact: FileInfo): Promise<void> {
  try {
    checkArtifactPath(artifact.path);
  } catch (error) {
    const reason = errorMessage(error);
    throw new MlflowError(
      `${artifact.path} could not be opened: ${reason}`,
      error instanceof MlflowError ? error.errorCode : 'INVALID_PARAMETER_VALUE',
      undefined,
      { cause: error },
    );
  }
  await vscode.commands.executeCommand('vscode.open', artifactUri(runId, artifact.path), {
    viewColumn: vscode.ViewColumn.Beside,
    preview: true,
  });
}

/** Opens a link from a run description in the browser: only http(s) and mailto links, anything else is refused and logged. */
export async function openExternalLink(url: string, logger: ScopedLogger): Promise<void> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(url, true);
  } catch {
    logger.warn(`refused to open a malformed link from a run description: ${url.slice(0, 200)}`);
    return;
  }
  if (!['http', 'https', 'mailto'].includes(uri.scheme)) {
    logger.warn(`refused to open a ${uri.scheme}: link from a run description`);
    return;
  }
  await vscode.env.openExternal(uri);
}
