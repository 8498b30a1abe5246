import * as vscode from 'vscode';
import { parseTrackingUri } from '../tracking/connection';
import { messageText } from '../platform/untrustedText';
import { splitCredentials } from './enteredUri';
import type { EnteredUri } from './enteredUri';
import { errorMessage } from '../tracking/errors';

/** The folder relative URIs and paths are resolved against: the first workspace folder. */
export function baseFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
  return folder?.uri.fsPath ?? process.cwd();
}

/**
 * Asks for a tracking URI, checked as it is typed by the same parser that opens it. `serversOnly`
 * (for "Connect to MLflow Server…") accepts only http(s):// and databricks.
 */
export async function askForTrackingUri(options: {
  serversOnly: boolean;
  value?: string;
}): Promise<EnteredUri | undefined> {
  const entered = await vscode.window.showInputBox({
    title: options.serversOnly ? 'Connect to MLflow Server' : 'MLflow Tracking URI',
    prompt: options.serversOnly
      ? 'The address of an MLflow tracking server: http(s)://host:port[/prefix], or databricks'
      : 'http(s)://host:port, databricks, sqlite:///path/to/mlflow.db, file:///path/to/mlruns, or a path',
    placeHolder: options.serversOnly ? 'http://localhost:5000' : 'http://localhost:5000 or ./mlflow.db',
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (text) => validateTrackingUri(text, options.serversOnly),
  });
  return entered === undefined ? undefined : splitCredentials(entered.trim());
}

async function validateTrackingUri(text: string, serversOnly: boolean): Promise<string | undefined> {
  if (!text.trim()) return 'Enter a tracking URI.';
  try {
    const location = await parseTrackingUri(text, baseFolder());
    if (serversOnly && location.kind !== 'rest' && location.kind !== 'databricks') {
      return 'A server address starts with http:// or https:// (or is databricks). Use "Open Local Store…" for mlflow.db or mlruns.';
    }
    return undefined;
  } catch (error) {
    return messageText(errorMessage(error));
  }
}
