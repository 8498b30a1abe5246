import type { RunSort } from './runQuery';
import { compareKeys } from './runQuery';

/** Why run rows show the metric they show (the Show Metric picker and tooltips say so). */
export type ShownMetricReason = 'chosen' | 'setting' | 'sort' | 'mostCommon';

export interface ShownMetric {
  key: string;
  reason: ShownMetricReason;
}

/** What decides the one metric an experiment's run rows show. */
export interface ShownMetricInputs {
  /** Picked for this experiment with Show Metric…; undefined when never picked (or reset). */
  chosen?: string;
  /** The `mlflow.runs.primaryMetric` setting; '' when unset. */
  setting: string;
  sort: RunSort;
  /** How many of the experiment's loaded runs have each metric key. */
  counts: ReadonlyMap<string, number>;
}

/**
 * The metric every run row of an experiment shows, so the rows read as one column: the one
 * picked for the experiment, else the setting, else the metric the runs are sorted by (the order
 * is then visible on the rows), else the key most of the loaded runs have. A pick or setting that
 * no loaded run has is passed over (the setting covers every experiment, and a filter may leave
 * out every run with the pick), so rows never go blank while some metric is there to show.
 */
export function shownMetric(inputs: ShownMetricInputs): ShownMetric | undefined {
  const { chosen, setting, sort, counts } = inputs;
  if (chosen && counts.has(chosen)) return { key: chosen, reason: 'chosen' };
  if (setting && counts.has(setting)) return { key: setting, reason: 'setting' };
  if (sort.field.kind === 'metric' && counts.has(sort.field.key)) return { key: sort.field.key, reason: 'sort' };
  const key = mostCommonKey(counts);
  return key === undefined ? undefined : { key, reason: 'mostCommon' };
}

/** The key with the highest count; ties go to the first by name, so the pick never depends on run order. */
export function mostCommonKey(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && compareKeys(key, best) < 0)) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}
