import { MlflowError } from '../errors';
import { DEFAULT_WORKSPACE } from '../model';
import type { CallOptions } from '../trackingStore';
import type { HttpClient } from './http';
import { ResponseLimits } from './responseLimits';
import { asObject, readArray } from './wireValues';

/**
 * MLflow's workspaces (3.10+) on a server, as MLflow's own client follows them:
 * - the workspaces are listed by `GET /api/3.0/mlflow/workspaces`, answering
 *   `{"workspaces": [{"name": …, "description": …}, …]}` (mlflow/mlflow
 *   `mlflow/store/workspace/rest_store.py`: `WORKSPACES_ENDPOINT`, `list_workspaces`; its older
 *   revisions used `/api/2.0/mlflow/workspaces`, the released 3.10+ ones `/api/3.0/`);
 * - the workspace a request is about travels in the `X-MLFLOW-WORKSPACE` header, on every request
 *   (mlflow/mlflow `mlflow/utils/workspace_utils.py`: `WORKSPACE_HEADER_NAME`; the server reads it in
 *   `mlflow/server/workspace_helpers.py`), `default` being the workspace of everything made before
 *   workspaces (`DEFAULT_WORKSPACE_NAME`);
 * - a server needs `mlflow server --enable-workspaces` (or MLFLOW_ENABLE_WORKSPACES=true) for them
 *   (https://mlflow.org/docs/latest/self-hosting/workspaces/getting-started); without it the
 *   workspace APIs are refused (FEATURE_DISABLED), and a server before 3.10 has no such route at
 *   all (MLflow 3.5.1 answers an unknown route with a 404 HTML page).
 */
export const WORKSPACE_HEADER = 'X-MLFLOW-WORKSPACE';

const WORKSPACES_PATH = '/api/3.0/mlflow/workspaces';

/** The answers that mean "this server has no workspaces", rather than a failure to report. */
const NO_WORKSPACES_CODES: ReadonlySet<string> = new Set(['ENDPOINT_NOT_FOUND', 'FEATURE_DISABLED']);

/**
 * The server's workspaces, `default` first then in the server's order, each once; `undefined`
 * when the server has none (a 404 or FEATURE_DISABLED answer). Other failures reject as usual.
 */
export async function listServerWorkspaces(http: HttpClient, options: CallOptions = {}): Promise<string[] | undefined> {
  const where = `GET ${WORKSPACES_PATH}`;
  let json: unknown;
  try {
    json = await http.requestJson({
      method: 'GET',
      path: WORKSPACES_PATH,
      idempotent: true,
      signal: options.signal,
      limit: ResponseLimits.workspaces,
    });
  } catch (error) {
    if (error instanceof MlflowError && (error.httpStatus === 404 || NO_WORKSPACES_CODES.has(error.errorCode)))
      return undefined;
    throw error;
  }
  const names = new Set<string>([DEFAULT_WORKSPACE]);
  for (const entry of readArray(asObject(json, where), 'workspaces', where)) {
    // Untrusted: an entry without a usable name is skipped, not shown.
    const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
    if (typeof name === 'string' && name.trim() !== '') names.add(name);
  }
  return [...names];
}
