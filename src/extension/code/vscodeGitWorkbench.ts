import * as vscode from 'vscode';
import { openFileAtCommit, openFileDiff } from './fileDiff';
import type { GitWorkbench } from './gitCommandContext';

/** The git commands' editors and windows, in VS Code. */
export const vscodeGitWorkbench: GitWorkbench = {
  workspaceFolders() {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => folder.uri.fsPath);
  },
  async openFileAtCommit(document) {
    await openFileAtCommit(document);
  },
  openFileDiff(request) {
    return openFileDiff(request);
  },
  async openFolderInNewWindow(path) {
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(path), { forceNewWindow: true });
  },
};
