import { describeUnknownKey, unknownFilterKeys } from '../tracking/search/filterKeys';
import type { KnownKeys } from '../tracking/search/filterKeys';
import { parseRunFilter } from '../tracking/search/filterParser';
import { errorMessage } from '../tracking/errors';

/**
 * What is wrong with a run filter, for the input box while typing (undefined: nothing). The
 * parser's message names the offending token and its position, as the server's would.
 */
export function describeFilterProblem(filter: string): string | undefined {
  try {
    parseRunFilter(filter);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/**
 * What a valid filter names that no known run of the experiment has (each: "no loaded run has
 * metric `acuracy`; did you mean `accuracy`?"). Nothing when the filter does not parse (its
 * syntax is the problem then) or when no run is known at all (nothing to compare with).
 */
export function describeFilterKeyProblems(filter: string, known: KnownKeys): string[] {
  if (known.metric.size === 0 && known.param.size === 0 && known.tag.size === 0) return [];
  try {
    return unknownFilterKeys(parseRunFilter(filter), known).map(describeUnknownKey);
  } catch {
    return [];
  }
}
