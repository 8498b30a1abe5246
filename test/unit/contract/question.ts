/**
 * The shape of the contract suite: one list of questions, each asked of every backend. A question
 * is phrased with experiment and run NAMES (ids differ from store to store) and answered with
 * names and values, so the answer a real MLflow server gave (the recording) is the expected answer
 * of every backend.
 */
import { MlflowError } from '../../../src/extension/tracking/errors';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import type { StoreIds } from './storeIds';

/** The backends the suite runs against. */
export type BackendName = 'rest' | 'sqlite-server' | 'sqlite-local' | 'sqlite-3.12' | 'file';

export const LOCAL_BACKENDS: readonly BackendName[] = ['sqlite-server', 'sqlite-local', 'file'];

/** The backends whose store is an mlflow.db, answering through SqliteStore. */
export const SQLITE_BACKENDS: readonly BackendName[] = ['sqlite-server', 'sqlite-local'];

/** What an expected answer may depend on: which backend, and the manifest of what its store holds. */
export interface BackendFacts {
  name: BackendName;
  label: string;
  /** The manifest of the store (local stores), relative to test/fixtures/mlflow-3.5.1. */
  manifest?: string;
  /**
   * The backend whose expected answers this one gives, when it holds the same store in another
   * form (local-store/mlflow.db upgraded by a later MLflow's migrations answers as the original).
   */
  answersAs?: BackendName;
}

/** An expected answer given as properties to hold rather than one value (for answers a backend computes its own way). */
export class Satisfies<A> {
  constructor(
    readonly description: string,
    readonly check: (answer: A, store: TrackingStore, ids: StoreIds) => void | Promise<void>,
  ) {}
}

export type Expected<A> = (backend: BackendFacts) => A | Satisfies<A> | Promise<A | Satisfies<A>>;

export interface Question<A = unknown> {
  /** Starts with the transcript number(s) the expected answer comes from. */
  title: string;
  ask: (store: TrackingStore, ids: StoreIds) => Promise<A>;
  /** The answer the recorded server gave, as names and values. */
  expected: Expected<A>;
  /**
   * Backends that legitimately answer otherwise, with their answer. Each entry carries a comment
   * saying why; everything not listed must answer exactly as recorded.
   */
  differs?: Partial<Record<BackendName, Expected<A>>>;
  /** Only these backends can be asked (a comment beside it says why); all when absent. */
  only?: readonly BackendName[];
  /**
   * The page size the REST store reads metric histories with, when the recording used one other
   * than the store's default (25,000): a transport setting of RestStore, not part of the question.
   */
  historyPageSize?: number;
}

/** The same different answer on every sqlite store (`differs`). */
export function onSqliteStores<A>(expected: Expected<A>): Partial<Record<BackendName, Expected<A>>> {
  return Object.fromEntries(SQLITE_BACKENDS.map((name) => [name, expected]));
}

/** The same different answer on every local store (`differs`). */
export function onLocalStores<A>(expected: Expected<A>): Partial<Record<BackendName, Expected<A>>> {
  return Object.fromEntries(LOCAL_BACKENDS.map((name) => [name, expected]));
}

/** Keeps a question's answer type while it is checked, and erases it for the shared list. */
export function question<A>(definition: Question<A>): Question {
  return definition as Question;
}

/** An answer that is an error: only the error code is compared, as messages are each store's own. */
export interface ErrorAnswer {
  errorCode: string;
}

/** What a call answers: its value, or the error code it rejected with. */
export async function outcome<T>(call: Promise<T>): Promise<T | ErrorAnswer> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof MlflowError) return { errorCode: error.errorCode };
    throw error;
  }
}

/** The error code of a call that must fail; fails when the call succeeds. */
export async function errorCodeOf(call: Promise<unknown>): Promise<ErrorAnswer> {
  let answer: unknown;
  try {
    answer = await call;
  } catch (error) {
    if (error instanceof MlflowError) return { errorCode: error.errorCode };
    throw error;
  }
  throw new Error(`expected an MlflowError, got ${JSON.stringify(answer)?.slice(0, 200)}`);
}
