import type { CallOptions, SearchRunsRequest, SearchRunsResult } from './trackingStore';
import type { Run } from './model';

/**
 * Walks every page of a run search lazily: the next page is fetched only when the caller has
 * consumed the previous one. Stops on a missing token or an empty page, since MLflow hands out a
 * token even when the last page was exactly full (the call after it answers `{}`).
 */
export async function* iterateRunPages(
  searchRuns: (request: SearchRunsRequest, options?: CallOptions) => Promise<SearchRunsResult>,
  request: Omit<SearchRunsRequest, 'pageToken'>,
  options?: CallOptions,
): AsyncGenerator<Run> {
  let pageToken: string | undefined;
  const seenTokens = new Set<string>();
  do {
    const page = await searchRuns({ ...request, pageToken }, options);
    yield* page.runs;
    if (page.runs.length === 0) return;
    pageToken = page.nextPageToken;
    // A server that hands back a token it gave before would keep us here forever.
    if (pageToken !== undefined) {
      if (seenTokens.has(pageToken)) return;
      seenTokens.add(pageToken);
    }
  } while (pageToken);
}
