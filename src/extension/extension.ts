import type * as vscode from 'vscode';
import { Extension } from './extensionObject';

/** Builds the extension's object graph; everything it registers is disposed with the extension. */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(new Extension(context));
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
