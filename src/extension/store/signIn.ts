import * as vscode from 'vscode';
import type { RestCredentials } from '../tracking/rest/credentials';
import { messageText } from '../platform/untrustedText';

/**
 * Asks how to sign in to `server` and for the secret itself (a password box). Returns undefined
 * when the user backs out at any step.
 */
export async function askForCredentials(server: string): Promise<RestCredentials | undefined> {
  const method = await vscode.window.showQuickPick(
    [
      {
        label: 'User name and password',
        description: 'HTTP basic auth (mlflow server --app-name basic-auth)',
        method: 'basic' as const,
      },
      {
        label: 'Access token',
        description: 'Bearer token (e.g. a Databricks personal access token)',
        method: 'token' as const,
      },
    ],
    {
      title: `Sign in to ${messageText(server)}`,
      placeHolder: 'How does this server check who you are?',
      ignoreFocusOut: true,
    },
  );
  if (!method) return undefined;
  if (method.method === 'token') {
    const token = await secretInput(`Access token for ${messageText(server)}`);
    return token ? { token } : undefined;
  }
  const username = await vscode.window.showInputBox({
    title: `Sign in to ${messageText(server)}`,
    prompt: 'User name',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : 'Enter a user name.'),
  });
  if (!username) return undefined;
  const password = await secretInput(`Password of ${messageText(username.trim())} on ${messageText(server)}`);
  return password === undefined ? undefined : { username: username.trim(), password };
}

function secretInput(prompt: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text ? undefined : 'Required.'),
  });
}
