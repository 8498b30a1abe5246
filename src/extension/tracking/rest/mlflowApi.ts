import type { CallOptions } from '../trackingStore';
import type { HttpClient } from './http';
import { ResponseLimits } from './responseLimits';
import type { ResponseLimit } from './responseLimits';

const API = '/api/2.0/mlflow';

/**
 * MLflow's REST endpoints under `/api/2.0/mlflow/`, as reads (retried on transient failures)
 * and writes (retried only when the server did not take them, see retry.ts). Fields left
 * undefined are not sent: MLflow treats an absent field as unset.
 */
export class MlflowApi {
  constructor(readonly http: HttpClient) {}

  /** A read: GET with the fields as query, or POST with them as body (the searches); its answer may not exceed `limit`. */
  read(
    method: 'GET' | 'POST',
    endpoint: string,
    fields: Record<string, unknown>,
    limit: ResponseLimit,
    options: CallOptions = {},
  ): Promise<unknown> {
    const defined = withoutUndefined(fields);
    const common = { path: `${API}/${endpoint}`, idempotent: true, signal: options.signal, limit };
    return this.http.requestJson(
      method === 'GET'
        ? { ...common, method, query: defined as Record<string, string> }
        : { ...common, method, json: defined },
    );
  }

  /** A write: POST with a JSON body. */
  write(endpoint: string, body: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
    return this.http.requestJson({
      method: 'POST',
      path: `${API}/${endpoint}`,
      json: withoutUndefined(body),
      idempotent: false,
      signal: options.signal,
      limit: ResponseLimits.writeAnswer,
    });
  }
}

/** `{key: value}` -> MLflow's `[{key, value}]`. */
export function keyValues(record: Readonly<Record<string, string>>): { key: string; value: string }[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
