import type { Run } from '../tracking/model';

/**
 * What every command on runs receives: the run itself, as the view that showed it had it. The
 * sidebar's run rows are run targets, and so are the rows the runs table hands to a command, so
 * one command implementation serves both and no command walks back through a view's model to
 * find its run again.
 */
export interface RunTarget {
  readonly run: Run;
}

/** Whether a command argument carries a run (a sidebar row, a table row, `{ run }`). */
export function isRunTarget(value: unknown): value is RunTarget {
  if (typeof value !== 'object' || value === null) return false;
  const run = (value as { run?: unknown }).run;
  if (typeof run !== 'object' || run === null) return false;
  const info = (run as { info?: unknown }).info;
  return typeof info === 'object' && info !== null && typeof (info as { runId?: unknown }).runId === 'string';
}

/**
 * The runs a command acts on, from the (clicked, selection) pair VS Code passes to a context-menu
 * command: the whole selection when the clicked item is part of it, else the clicked item alone.
 * Undefined when the command got no run (from the palette or a keybinding): the caller then falls
 * back to its view's selection or asks.
 */
export function targetedRuns(args: readonly unknown[]): Run[] | undefined {
  const [clicked, selection] = args;
  if (!isRunTarget(clicked)) return undefined;
  const selected = Array.isArray(selection) ? selection.filter(isRunTarget) : [];
  const chosen = selected.some((target) => target.run.info.runId === clicked.run.info.runId) ? selected : [clicked];
  return chosen.map((target) => target.run);
}
