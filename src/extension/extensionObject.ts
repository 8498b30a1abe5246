import * as vscode from 'vscode';
import { CommandId } from './commands/commandIds';
import { Logger } from './logging/logger';

/** The one disposable object that owns what the extension registers. */
export class Extension implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(_context: vscode.ExtensionContext) {
    const logger = new Logger();
    this.disposables.push(logger);
    this.disposables.push(vscode.commands.registerCommand(CommandId.showLog, () => logger.show()));
    logger.scoped('extension').info('activated');
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }
}
