import { ClientErrorCode, MlflowError } from '../errors';

/**
 * The errors a local store raises, worded as an MLflow server words them (transcripts 128, 131,
 * 133), so a message reads the same whichever backend the user picked.
 */

/** A run id the store does not hold. */
export function runNotFound(runId: string): MlflowError {
  return new MlflowError(`Run with id=${runId} not found`, 'RESOURCE_DOES_NOT_EXIST');
}

/** An experiment id the store does not hold. */
export function experimentNotFound(experimentId: string): MlflowError {
  return new MlflowError(`No Experiment with id=${experimentId} exists`, 'RESOURCE_DOES_NOT_EXIST');
}

/** An experiment name the store does not hold. */
export function experimentNameNotFound(name: string): MlflowError {
  return new MlflowError(`Could not find experiment with name '${name}'`, 'RESOURCE_DOES_NOT_EXIST');
}

/** The store itself is unusable: not an MLflow store, damaged, or of a layout we cannot read. */
export function badStore(message: string, cause?: unknown): MlflowError {
  return new MlflowError(message, ClientErrorCode.badStore, undefined, cause === undefined ? undefined : { cause });
}
