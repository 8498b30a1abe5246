import * as vscode from 'vscode';
import { fileBytes, safeFileName } from './exportFiles';

/**
 * Saves what a panel exported (a table as CSV, a chart as PNG) where the user chooses: the webview
 * suggests a name, never a folder, and nothing is written without the save dialog.
 */
export async function saveExport(
  format: 'csv' | 'png',
  suggestedName: string,
  content: string,
): Promise<vscode.Uri | undefined> {
  const bytes = fileBytes(format, content);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = safeFileName(suggestedName, format);
  const target = await vscode.window.showSaveDialog({
    title: format === 'csv' ? 'Export as CSV' : 'Save Chart as PNG',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'csv' ? { 'CSV files': ['csv'] } : { 'PNG images': ['png'] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  vscode.window.setStatusBarMessage(`Saved ${target.fsPath}`, 5000);
  return target;
}
