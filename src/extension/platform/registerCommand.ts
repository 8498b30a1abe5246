import * as vscode from 'vscode';
import { isCancellation, MlflowError } from '../tracking/errors';
import type { ScopedLogger } from './logger';
import { messageText } from './untrustedText';
import type { CommandIdValue } from './commandIds';

const SHOW_LOG = 'Show Log';

/**
 * Registers a command through the one wrapper every command goes through: a failure is logged
 * with the command's id and shown as a message (with a way to the log), a cancellation is quiet,
 * and the command's promise never rejects into VS Code (which would only log it to the console).
 */
export function registerCommand(
  id: CommandIdValue,
  handler: (...args: unknown[]) => unknown,
  logger: ScopedLogger,
  showLog: () => void,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isCancellation(error)) return undefined;
      logger.error(`${id} failed`, error);
      // Errors carry run names, paths and server text: shown so no link or icon can hide in them.
      void vscode.window.showErrorMessage(messageText(userMessage(error)), SHOW_LOG).then((choice) => {
        if (choice === SHOW_LOG) showLog();
      });
      return undefined;
    }
  });
}

/** Command handlers by id, as a feature hands them to `CommandRegistry.registerAll`. */
export type CommandHandlers = Partial<Record<CommandIdValue, (...args: unknown[]) => unknown>>;

/**
 * Where each feature registers its own commands, every one through `registerCommand` with the
 * commands' log and the way to show it: a feature gets this in its constructor instead of the
 * logger and a callback of its own.
 */
export class CommandRegistry {
  constructor(
    private readonly logger: ScopedLogger,
    private readonly showLog: () => void,
  ) {}

  /** Registers every handler given; the caller disposes what is returned. */
  registerAll(handlers: CommandHandlers): vscode.Disposable[] {
    return (Object.entries(handlers) as [CommandIdValue, CommandHandlers[CommandIdValue]][]).flatMap(([id, handler]) =>
      handler ? [registerCommand(id, handler, this.logger, this.showLog)] : [],
    );
  }
}

/** What to tell the user: our errors are written for people; anything else gets its message. */
export function userMessage(error: unknown): string {
  if (error instanceof MlflowError) return error.message;
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}
