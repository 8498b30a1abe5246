import { ClientErrorCode, MlflowError } from '../errors';
import type { Run } from '../model';

/**
 * The value of a run's text attribute, for filtering and ordering alike. `run_name` is the run's
 * name column (info.runName): ordering reads it, while a filter on `run_name` reads the
 * `mlflow.runName` tag instead and never asks here (the server does the same).
 */
export function runTextAttributeReader(key: string): (run: Run) => string | undefined {
  switch (key) {
    case 'run_name':
      return (run) => run.info.runName;
    case 'run_id':
      return (run) => run.info.runId;
    case 'user_id':
      return (run) => run.info.userId;
    case 'status':
      return (run) => run.info.status;
    case 'artifact_uri':
      return (run) => run.info.artifactUri;
    default:
      throw new MlflowError(`No run attribute '${key}' to search on`, ClientErrorCode.unsupported);
  }
}
