import type { Run } from '../tracking/model';

/**
 * Runs handed to a git command directly (by a panel: `executeCommand(id, run)` or
 * `executeCommand(id, runA, runB)`), or undefined when the arguments are the tree's own (a
 * clicked node and the selection). A value only counts as a run when it has the shape of one.
 */
export function runsGivenDirectly(args: readonly unknown[]): Run[] | undefined {
  if (!isRun(args[0])) return undefined;
  return args.filter(isRun);
}

/** Two runs, the one started first on the left (the order of selection when times are missing). */
export function olderFirst(runs: readonly Run[]): Run[] {
  const start = (run: Run) => run.info.startTime ?? Number.POSITIVE_INFINITY;
  return [...runs].sort((a, b) => (start(a) === start(b) ? 0 : start(a) < start(b) ? -1 : 1));
}

function isRun(value: unknown): value is Run {
  if (!isObject(value) || !isObject(value.info) || !isObject(value.data)) return false;
  return typeof value.info.runId === 'string' && typeof value.info.runName === 'string' && isObject(value.data.tags);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
