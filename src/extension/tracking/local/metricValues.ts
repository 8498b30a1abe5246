import type { Metric } from '../model';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

/**
 * A metric value as a store writes it: a decimal (`0.25`, `5e-324`) or one of the spellings of
 * the values JSON has no number for (`nan`, `inf`, `-inf`, `NaN`, `Infinity`, `-Infinity`, any
 * case, as Python's float() reads them). Undefined for anything else.
 */
export function parseMetricValue(text: string): number | undefined {
  const trimmed = text.trim();
  if (DECIMAL.test(trimmed)) return Number(trimmed);
  const special = SPECIAL.exec(trimmed);
  if (!special) return undefined;
  if (special[2]!.toLowerCase() === 'nan') return Number.NaN;
  return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/**
 * True when `candidate` replaces `current` as a run's latest value of a metric: MLflow keeps the
 * highest step, then the latest timestamp, then the larger value (a NaN never wins a tie), and
 * on a full tie the point seen first.
 */
export function isLaterPoint(candidate: Metric, current: Metric): boolean {
  if (candidate.step !== current.step) return candidate.step > current.step;
  if (candidate.timestamp !== current.timestamp) return candidate.timestamp > current.timestamp;
  return candidate.value > current.value;
}
