import type * as vscode from 'vscode';
import { Extension } from './extensionObject';
import type { ExtensionApi } from './extensionObject';

/** Builds the extension's object graph; everything it registers is disposed with the extension. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const extension = new Extension(context);
  context.subscriptions.push(extension);
  return extension.api;
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
