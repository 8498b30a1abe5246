import type { Dataset, DatasetInput, Run } from '../model';
import { keyedRecord } from '../model';
import type { SqliteSession } from './sqliteConnection';
import { hasColumn } from './sqliteSchema';
import { integerCell, ofSelectedRuns, queryRows, textCell, type RunSelection } from './sqliteQuery';

/**
 * Run inputs and outputs as MLflow 3 records them in one `inputs` table of links:
 * DATASET -> RUN for a dataset a run used (with `input_tags` such as `mlflow.data.context`), and
 * RUN_OUTPUT -> MODEL_OUTPUT for a logged model a run produced (063). Databases older than
 * datasets (MLflow < 2.4) have none of these tables, and so no inputs.
 */

/** Fills each selected run's dataset inputs, in the order they were logged. */
export function addDatasetInputs(session: SqliteSession, selection: RunSelection, runs: Map<string, Run>): void {
  if (!hasColumn(session.schema, 'inputs') || !hasColumn(session.schema, 'datasets')) return;
  const sql =
    'SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile ' +
    'FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id ' +
    `WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND ${ofSelectedRuns(selection, 'i.destination_id')} ` +
    'ORDER BY i.rowid';
  const byInput = new Map<string, DatasetInput>();
  for (const row of queryRows(session.db, sql, selection.params)) {
    const run = runs.get(textCell(row['destination_id']) ?? '');
    if (!run) continue;
    const dataset: Dataset = {
      name: textCell(row['name']) ?? '',
      digest: textCell(row['digest']) ?? '',
      sourceType: textCell(row['dataset_source_type']) ?? '',
      source: textCell(row['dataset_source']) ?? '',
    };
    if (textCell(row['dataset_schema']) !== undefined) dataset.schema = textCell(row['dataset_schema']);
    if (textCell(row['dataset_profile']) !== undefined) dataset.profile = textCell(row['dataset_profile']);
    const input: DatasetInput = { dataset, tags: keyedRecord() };
    run.inputs.datasetInputs.push(input);
    byInput.set(textCell(row['input_uuid']) ?? '', input);
  }
  if (byInput.size > 0 && hasColumn(session.schema, 'input_tags')) addInputTags(session, selection, byInput);
}

function addInputTags(session: SqliteSession, selection: RunSelection, byInput: Map<string, DatasetInput>): void {
  const sql =
    'SELECT t.input_uuid, t.name, t.value FROM input_tags t JOIN inputs i ON i.input_uuid = t.input_uuid ' +
    `WHERE i.destination_type = 'RUN' AND ${ofSelectedRuns(selection, 'i.destination_id')}`;
  for (const row of queryRows(session.db, sql, selection.params)) {
    const input = byInput.get(textCell(row['input_uuid']) ?? '');
    const key = textCell(row['name']);
    if (input && key !== undefined) input.tags[key] = textCell(row['value']) ?? '';
  }
}

/** Fills each selected run's logged-model outputs. */
export function addModelOutputs(session: SqliteSession, selection: RunSelection, runs: Map<string, Run>): void {
  if (!hasColumn(session.schema, 'inputs')) return;
  const step = hasColumn(session.schema, 'inputs', 'step') ? 'step' : '0';
  const sql =
    `SELECT source_id, destination_id, ${step} AS step FROM inputs ` +
    `WHERE source_type = 'RUN_OUTPUT' AND destination_type = 'MODEL_OUTPUT' AND ${ofSelectedRuns(selection, 'source_id')} ` +
    'ORDER BY rowid';
  for (const row of queryRows(session.db, sql, selection.params)) {
    const run = runs.get(textCell(row['source_id']) ?? '');
    const id = textCell(row['destination_id']);
    if (run && id !== undefined) run.outputs.modelOutputs.push({ modelId: id, step: integerCell(row['step']) ?? 0 });
  }
}
