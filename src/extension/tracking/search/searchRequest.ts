import { MlflowError } from '../errors';
import type { LifecycleStage, ViewType } from '../model';

/** The server's default page size, and the most it hands out in one page. */
export const DEFAULT_MAX_RESULTS = 1000;
export const MAX_RESULTS_LIMIT = 50000;

/** The page size of a search request, checked as the server checks `max_results`. */
export function checkMaxResults(maxResults: number | undefined): number {
  if (maxResults === undefined) return DEFAULT_MAX_RESULTS;
  if (!Number.isInteger(maxResults)) {
    throw invalidMaxResults(maxResults, 'It must be an integer');
  }
  if (maxResults < 1) throw invalidMaxResults(maxResults, 'It must be a positive integer');
  if (maxResults > MAX_RESULTS_LIMIT) throw invalidMaxResults(maxResults, `It must be at most ${MAX_RESULTS_LIMIT}`);
  return maxResults;
}

function invalidMaxResults(maxResults: number, rule: string): MlflowError {
  return new MlflowError(
    `Invalid value ${maxResults} for parameter 'max_results' supplied. ${rule}`,
    'INVALID_PARAMETER_VALUE',
    400,
  );
}

const STAGES: Readonly<Record<ViewType, ReadonlySet<LifecycleStage>>> = {
  ACTIVE_ONLY: new Set(['active']),
  DELETED_ONLY: new Set(['deleted']),
  ALL: new Set(['active', 'deleted']),
};

/** The lifecycle stages a view type selects (ACTIVE_ONLY when absent); an unknown view type is an error. */
export function stagesOf(viewType: ViewType | undefined, field: string): ReadonlySet<LifecycleStage> {
  const view = viewType ?? 'ACTIVE_ONLY';
  if (!Object.hasOwn(STAGES, view)) {
    throw new MlflowError(
      `Invalid ${field} '${String(view)}': expected ACTIVE_ONLY, DELETED_ONLY or ALL`,
      'INVALID_PARAMETER_VALUE',
      400,
    );
  }
  return STAGES[view];
}

/**
 * Checks the shape of a request that may come from outside TypeScript's reach (a webview, a
 * stored setting): strings where strings belong, lists of strings where lists belong.
 */
export function checkRequestFields(fields: {
  experimentIds?: unknown;
  filterString?: unknown;
  orderBy?: unknown;
  pageToken?: unknown;
}): void {
  const isStringList = (value: unknown): boolean =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  if ('experimentIds' in fields && !isStringList(fields.experimentIds))
    throw invalidField('experimentIds', 'a list of experiment ids');
  if (fields.filterString !== undefined && typeof fields.filterString !== 'string')
    throw invalidField('filterString', 'a string');
  if (fields.orderBy !== undefined && !isStringList(fields.orderBy)) throw invalidField('orderBy', 'a list of strings');
  if (fields.pageToken !== undefined && typeof fields.pageToken !== 'string')
    throw invalidField('pageToken', 'a string');
}

function invalidField(field: string, expected: string): MlflowError {
  return new MlflowError(`Invalid ${field}: expected ${expected}`, 'INVALID_PARAMETER_VALUE', 400);
}
