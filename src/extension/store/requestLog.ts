import type { RequestEvent } from '../tracking/rest/restConnection';

/** `GET /api/2.0/mlflow/runs/get 200 41ms`, with the retry number and the failure when there was one. */
export function describeRequest(event: RequestEvent): string {
  const status = event.status === undefined ? 'failed' : String(event.status);
  const retry = event.attempt > 0 ? ` (retry ${event.attempt})` : '';
  const error = event.error ? `: ${event.error}` : '';
  return `${event.method} ${event.path} ${status} ${Math.round(event.durationMs)}ms${retry}${error}`;
}
