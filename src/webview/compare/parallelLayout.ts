/**
 * Where each run crosses each axis of a parallel-coordinates plot, as a fraction of the axis
 * (0 bottom, 1 top). An axis whose values are all numbers is linear from its min to its max; any
 * other is categorical, its distinct values spread evenly in natural order. Values no axis can
 * place (NaN, ±Infinity, beyond ±1e300) leave the run off that axis. Pure, for Node tests.
 */
import { isDrawable } from '../shared/nonFinite';

export interface AxisInput {
  label: string;
  /** One value per run; undefined where the run has none. */
  values: readonly (string | number | undefined)[];
}

export interface AxisLayout {
  label: string;
  kind: 'numeric' | 'categorical';
  /** Tick labels with their positions (min and max, or every category). */
  ticks: { label: string; at: number }[];
}

export interface ParallelLayout {
  axes: AxisLayout[];
  /** Per run, its position on each axis (undefined: no value there). */
  positions: (number | undefined)[][];
}

const collator = new Intl.Collator(undefined, { numeric: true });

export function parallelLayout(axes: readonly AxisInput[], runCount: number): ParallelLayout {
  const positions: (number | undefined)[][] = Array.from({ length: runCount }, () => []);
  const layouts = axes.map((axis, axisIndex) => {
    const numbers = axis.values.map(asNumber);
    const present = axis.values.filter((value) => value !== undefined);
    const numeric =
      present.length > 0 && axis.values.every((value, run) => value === undefined || numbers[run] !== undefined);
    if (numeric) {
      const finite = numbers.filter((value): value is number => value !== undefined && isDrawable(value));
      const min = Math.min(...finite);
      const max = Math.max(...finite);
      numbers.forEach((value, run) => {
        positions[run]![axisIndex] =
          value === undefined || !isDrawable(value) ? undefined : max === min ? 0.5 : (value - min) / (max - min);
      });
      const ticks =
        finite.length === 0
          ? []
          : max === min
            ? [{ label: String(min), at: 0.5 }]
            : [
                { label: String(min), at: 0 },
                { label: String(max), at: 1 },
              ];
      return { label: axis.label, kind: 'numeric' as const, ticks };
    }
    const categories = [...new Set(present.map(String))].sort(collator.compare);
    const at = (index: number): number => (categories.length === 1 ? 0.5 : index / (categories.length - 1));
    axis.values.forEach((value, run) => {
      positions[run]![axisIndex] = value === undefined ? undefined : at(categories.indexOf(String(value)));
    });
    return {
      label: axis.label,
      kind: 'categorical' as const,
      ticks: categories.map((label, index) => ({ label, at: at(index) })),
    };
  });
  return { axes: layouts, positions };
}

function asNumber(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (value === undefined || !/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return undefined;
  return Number(value);
}
