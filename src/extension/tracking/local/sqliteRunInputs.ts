import type { Dataset, DatasetInput, Run } from '../model';
import { keyedRecord } from '../model';
import type { SqliteImage } from './sqliteImage';
import { hasColumn } from './sqliteSchema';
import { integerCell, queryRows, textCell, type RunSelection } from './sqliteQuery';

/**
 * Run inputs and outputs as MLflow 3 records them in one `inputs` table of links:
 * DATASET -> RUN for a dataset a run used (with `input_tags` such as `mlflow.data.context`), and
 * RUN_OUTPUT -> MODEL_OUTPUT for a logged model a run produced (063). Databases older than
 * datasets (MLflow < 2.4) have none of these tables, and so no inputs.
 */

/** Fills each selected run's dataset inputs, in the order they were logged. */
export function addDatasetInputs(image: SqliteImage, selection: RunSelection, runs: Map<string, Run>): void {
  if (!hasColumn(image.schema, 'inputs') || !hasColumn(image.schema, 'datasets')) return;
  const sql =
    'SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile ' +
    'FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id ' +
    `WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id IN (SELECT run_uuid FROM runs WHERE ${selection.where}) ` +
    'ORDER BY i.rowid';
  const byInput = new Map<string, DatasetInput>();
  for (const [runId, inputId, name, digest, sourceType, source, schema, profile] of queryRows(image.db, sql, selection.params)) {
    const run = runs.get(textCell(runId) ?? '');
    if (!run) continue;
    const dataset: Dataset = {
      name: textCell(name) ?? '',
      digest: textCell(digest) ?? '',
      sourceType: textCell(sourceType) ?? '',
      source: textCell(source) ?? '',
    };
    if (textCell(schema) !== undefined) dataset.schema = textCell(schema);
    if (textCell(profile) !== undefined) dataset.profile = textCell(profile);
    const input: DatasetInput = { dataset, tags: keyedRecord() };
    run.inputs.datasetInputs.push(input);
    byInput.set(textCell(inputId) ?? '', input);
  }
  if (byInput.size > 0 && hasColumn(image.schema, 'input_tags')) addInputTags(image, selection, byInput);
}

function addInputTags(image: SqliteImage, selection: RunSelection, byInput: Map<string, DatasetInput>): void {
  const sql =
    'SELECT t.input_uuid, t.name, t.value FROM input_tags t JOIN inputs i ON i.input_uuid = t.input_uuid ' +
    `WHERE i.destination_type = 'RUN' AND i.destination_id IN (SELECT run_uuid FROM runs WHERE ${selection.where})`;
  for (const [inputId, name, value] of queryRows(image.db, sql, selection.params)) {
    const input = byInput.get(textCell(inputId) ?? '');
    const key = textCell(name);
    if (input && key !== undefined) input.tags[key] = textCell(value) ?? '';
  }
}

/** Fills each selected run's logged-model outputs. */
export function addModelOutputs(image: SqliteImage, selection: RunSelection, runs: Map<string, Run>): void {
  if (!hasColumn(image.schema, 'inputs')) return;
  const step = hasColumn(image.schema, 'inputs', 'step') ? 'step' : '0';
  const sql =
    `SELECT source_id, destination_id, ${step} FROM inputs ` +
    `WHERE source_type = 'RUN_OUTPUT' AND destination_type = 'MODEL_OUTPUT' AND source_id IN (SELECT run_uuid FROM runs WHERE ${selection.where}) ` +
    'ORDER BY rowid';
  for (const [runId, modelId, modelStep] of queryRows(image.db, sql, selection.params)) {
    const run = runs.get(textCell(runId) ?? '');
    const id = textCell(modelId);
    if (run && id !== undefined) run.outputs.modelOutputs.push({ modelId: id, step: integerCell(modelStep) ?? 0 });
  }
}
