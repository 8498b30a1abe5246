/**
 * What the RestStore tests share: a store against a replay server of chosen transcripts (closed,
 * and checked for unmatched requests, when the test ends), tiny retry delays, and an assertion
 * on the error a call rejects with.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import type { RestStore } from '../../../src/extension/tracking/rest/restStore';
import type { RestStoreOptions } from '../../../src/extension/tracking/rest/restConnection';
import { startReplayServer } from '../../support/replayServer';
import type { ReplayServer } from '../../support/replayServer';
import { startScriptedServer } from '../../support/scriptedServer';
import type { Script, ScriptedServer } from '../../support/scriptedServer';
import { loadTranscripts } from '../../support/transcripts';

export const FAST_RETRY = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 };

/** No MLFLOW_* or DATABRICKS_* from the machine running the tests. */
export const NO_ENV: Readonly<Record<string, string | undefined>> = {};

/**
 * A store against a replay server answering from `selection`; after the test, the server is
 * closed and the test fails if any request matched no transcript (unless `allowUnmatched`).
 */
export async function replayStore(
  t: TestContext,
  selection: readonly string[],
  options: RestStoreOptions & { allowUnmatched?: boolean } = {},
): Promise<{ store: RestStore; server: ReplayServer }> {
  const server = await startReplayServer(loadTranscripts(selection));
  const store = createRestStore(server.url, { env: NO_ENV, retry: FAST_RETRY, ...options });
  t.after(async () => {
    store.dispose();
    await server.close();
    if (!options.allowUnmatched) assert.deepEqual(server.unmatched, [], 'every request matched a recorded exchange');
  });
  return { store, server };
}

/** A store against a scripted server; both closed after the test. */
export async function scriptedStore(
  t: TestContext,
  script: Script,
  options: RestStoreOptions = {},
): Promise<{ store: RestStore; server: ScriptedServer }> {
  const server = await startScriptedServer(script);
  const store = createRestStore(server.url, { env: NO_ENV, retry: FAST_RETRY, ...options });
  t.after(async () => {
    store.dispose();
    await server.close();
  });
  return { store, server };
}

/** Asserts that `promise` rejects with an MlflowError of `errorCode` (and `type`, status, message when given). */
export async function rejectsWith(
  promise: Promise<unknown>,
  expected: { errorCode: string; httpStatus?: number; type?: new (...args: never[]) => MlflowError; message?: RegExp },
): Promise<MlflowError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(
    caught instanceof (expected.type ?? MlflowError),
    `expected ${(expected.type ?? MlflowError).name}, got ${String(caught)}`,
  );
  const error = caught;
  assert.equal(error.errorCode, expected.errorCode, error.message);
  if (expected.httpStatus !== undefined) assert.equal(error.httpStatus, expected.httpStatus);
  if (expected.message) assert.match(error.message, expected.message);
  return error;
}
