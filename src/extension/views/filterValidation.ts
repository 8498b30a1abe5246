import { parseRunFilter } from '../tracking/search/filterParser';

/**
 * What is wrong with a run filter, for the input box while typing (undefined: nothing). The
 * parser's message names the offending token and its position, as the server's would.
 */
export function describeFilterProblem(filter: string): string | undefined {
  try {
    parseRunFilter(filter);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
