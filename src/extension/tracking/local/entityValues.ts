import { RUN_STATUSES, type LifecycleStage, type RunStatus } from '../model';

/** MLflow's RunStatus enum numbers, as the file store writes them in meta.yaml. */
const STATUS_BY_NUMBER: Record<number, RunStatus> = {
  1: 'RUNNING',
  2: 'SCHEDULED',
  3: 'FINISHED',
  4: 'FAILED',
  5: 'KILLED',
};

const STATUS_NAMES: ReadonlySet<string> = new Set(RUN_STATUSES);

/** A run status written as its name (`FINISHED`) or its number (3); undefined for anything else. */
export function parseRunStatus(value: unknown): RunStatus | undefined {
  if (typeof value === 'number') return STATUS_BY_NUMBER[value];
  if (typeof value === 'string') {
    // As MLflow writes it (every row but odd ones): no trimming, case folding or pattern test per run.
    if (STATUS_NAMES.has(value)) return value as RunStatus;
    const upper = value.trim().toUpperCase();
    if (/^\d+$/.test(upper)) return STATUS_BY_NUMBER[Number(upper)];
    return RUN_STATUSES.find((status) => status === upper);
  }
  return undefined;
}

/** `active` or `deleted`; stores that predate lifecycle stages leave it empty, which means active. */
export function parseLifecycleStage(value: unknown): LifecycleStage | undefined {
  if (value === null || value === undefined || value === '') return 'active';
  return value === 'active' || value === 'deleted' ? value : undefined;
}
