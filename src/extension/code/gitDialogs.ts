/** One entry of a quick pick. */
export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
}

/** Work shown with progress: `signal` fires when the user cancels, `report` updates the message. */
export type ProgressTask<T> = (signal: AbortSignal, report: (message: string) => void) => Promise<T>;

/**
 * The dialogs of the git commands, no more than four kinds. Everything around them (the words of
 * each question, what each answer does) is the commands' own code, so a test that answers these
 * from a script runs the same flows the user does.
 */
export interface GitDialogs {
  /** A modal warning with `actions` (VS Code adds Cancel): the action chosen, or undefined. */
  askModal(message: string, detail: string, actions: readonly string[]): Promise<string | undefined>;
  /** A notification, with optional actions: the action clicked, or undefined when closed. */
  inform(message: string, actions?: readonly string[]): Promise<string | undefined>;
  /** A quick pick: the item chosen, or undefined when dismissed. */
  pick<T extends PickItem>(items: readonly T[], title: string, placeHolder: string): Promise<T | undefined>;
  /** Runs `task` under a progress notification, which offers Cancel when `cancellable`. */
  withProgress<T>(title: string, cancellable: boolean, task: ProgressTask<T>): Promise<T>;
}
