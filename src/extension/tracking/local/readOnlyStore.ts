import { MlflowReadOnlyError } from '../errors';
import type { Run, RunInfo } from '../model';

/**
 * The write half of `TrackingStore` for stores opened read-only (`mlflow.db`, `mlruns/`): another
 * process may be writing the store, and a write from a stale copy would lose its work, so every
 * write rejects with MlflowReadOnlyError naming the store and what was asked.
 */
export abstract class ReadOnlyTrackingStore {
  readonly writable = false;
  abstract readonly description: string;

  createExperiment(..._args: unknown[]): Promise<string> {
    return this.refuse('creating an experiment');
  }
  createRun(..._args: unknown[]): Promise<Run> {
    return this.refuse('creating a run');
  }
  logBatch(..._args: unknown[]): Promise<void> {
    return this.refuse('logging a batch of metrics, params and tags');
  }
  logMetric(..._args: unknown[]): Promise<void> {
    return this.refuse('logging a metric');
  }
  logParam(..._args: unknown[]): Promise<void> {
    return this.refuse('logging a param');
  }
  setTag(..._args: unknown[]): Promise<void> {
    return this.refuse('setting a tag');
  }
  deleteTag(..._args: unknown[]): Promise<void> {
    return this.refuse('deleting a tag');
  }
  updateRun(..._args: unknown[]): Promise<RunInfo> {
    return this.refuse('updating a run');
  }
  setTerminated(..._args: unknown[]): Promise<void> {
    return this.refuse('ending a run');
  }
  deleteRun(..._args: unknown[]): Promise<void> {
    return this.refuse('deleting a run');
  }
  restoreRun(..._args: unknown[]): Promise<void> {
    return this.refuse('restoring a run');
  }
  logArtifact(..._args: unknown[]): Promise<void> {
    return this.refuse('uploading an artifact');
  }
  logArtifacts(..._args: unknown[]): Promise<void> {
    return this.refuse('uploading artifacts');
  }

  private refuse(operation: string): Promise<never> {
    return Promise.reject(new MlflowReadOnlyError(this.description, operation));
  }
}
