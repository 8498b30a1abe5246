/**
 * The compare panel's tables as CSV for a spreadsheet: one row per run (its id, name and
 * experiment first), one column per param, or per metric statistic (latest, min, max, best step).
 */
import type { RunView } from '../protocol';
import { fromWire } from '../protocol';
import type { CsvCell } from '../shared/csv';
import { toCsv } from '../shared/csv';
import type { MetricRow } from './metricTable';
import type { ValueRow } from './valueDiff';

const RUN_COLUMNS = ['run_id', 'run_name', 'experiment'];

function runCells(run: RunView): CsvCell[] {
  return [run.runId, run.name, run.experimentName];
}

/** Params: every key of any run (not just the shown ones), a run's missing key left empty. */
export function paramsCsv(runs: readonly RunView[], rows: readonly ValueRow[]): string {
  return toCsv(
    [...RUN_COLUMNS, ...rows.map((row) => row.key)],
    runs.map((run, index) => [...runCells(run), ...rows.map((row) => row.values[index])]),
  );
}

/**
 * Metrics: per metric its latest value, then min, max and the step of the best value where the
 * history is known (`<key>_min`, `<key>_max`, `<key>_best_step`).
 */
export function metricsCsv(runs: readonly RunView[], rows: readonly MetricRow[]): string {
  const header = [
    ...RUN_COLUMNS,
    ...rows.flatMap((row) => [row.key, `${row.key}_min`, `${row.key}_max`, `${row.key}_best_step`]),
  ];
  return toCsv(
    header,
    runs.map((run, index) => [
      ...runCells(run),
      ...rows.flatMap((row) => {
        const cell = row.cells[index];
        const latest = run.metrics[row.key];
        return [
          latest === undefined ? undefined : fromWire(latest.value),
          cell?.history?.min,
          cell?.history?.max,
          cell?.history?.bestStep,
        ];
      }),
    ]),
  );
}
