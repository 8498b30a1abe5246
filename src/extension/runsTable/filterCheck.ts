import type { FilterProblem } from '../../webview/protocol';
import { errorMessage, SearchSyntaxError } from '../tracking/errors';
import { parseRunFilter } from '../tracking/search/filterParser';

/**
 * What is wrong with a run filter as the table's filter box is typed into, checked by the tracking
 * client's parser (the one that answers as a 3.5.1 server would), with the offending token's
 * offsets so the box can underline it. Undefined for a filter the store will accept.
 */
export function filterProblem(filter: string): FilterProblem | undefined {
  try {
    parseRunFilter(filter);
    return undefined;
  } catch (error) {
    if (!(error instanceof SearchSyntaxError)) return { message: errorMessage(error) };
    const start = Math.max(0, Math.min(error.position, filter.length));
    const token = /^\S*/.exec(filter.slice(start))![0];
    return { message: error.message, start, end: start + token.length };
  }
}
