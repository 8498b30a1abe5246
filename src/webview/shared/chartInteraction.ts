/**
 * The chart's hover: for every run shown, its point nearest the cursor's x (runs are logged at
 * different steps, so chart.js' own `index` and `x` modes would miss most of them). With many
 * runs the tooltip lists those whose line passes closest to the cursor, and says how many more.
 */
import { Interaction } from 'chart.js';
import type { Chart, InteractionItem, InteractionModeFunction } from 'chart.js';
import type { ChartPoint } from './chartSeries';

declare module 'chart.js' {
  interface InteractionModeMap {
    nearestPerRun: InteractionModeFunction;
  }
}

/** Most runs listed in one tooltip. */
const MAX_TOOLTIP_RUNS = 15;

export const nearestPerRunMode = 'nearestPerRun';

const leftOut = new WeakMap<Chart, number>();

/** How many runs the last hover left out of the tooltip. */
export function runsLeftOut(chart: Chart): number {
  return leftOut.get(chart) ?? 0;
}

const nearestPerRun: InteractionModeFunction = (chart, event) => {
  const area = chart.chartArea;
  const xScale = chart.scales.x;
  if (event.x === null || event.y === null || !xScale || event.x < area.left || event.x > area.right) return [];
  const x = xScale.getValueForPixel(event.x) ?? 0;
  const items: InteractionItem[] = [];
  chart.data.datasets.forEach((dataset, datasetIndex) => {
    if (!chart.isDatasetVisible(datasetIndex)) return;
    const index = nearestIndex(dataset.data as ChartPoint[], x);
    const element = index === undefined ? undefined : chart.getDatasetMeta(datasetIndex).data[index];
    if (element && index !== undefined) items.push({ element, datasetIndex, index });
  });
  const y = event.y;
  items.sort((a, b) => Math.abs(a.element.y - y) - Math.abs(b.element.y - y));
  leftOut.set(chart, Math.max(0, items.length - MAX_TOOLTIP_RUNS));
  return items.slice(0, MAX_TOOLTIP_RUNS);
};

Interaction.modes.nearestPerRun = nearestPerRun;

/** The index of the drawn point nearest `x` in points sorted by x (skipping gaps); undefined if none. */
export function nearestIndex(points: readonly ChartPoint[], x: number): number | undefined {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (points[mid]!.x < x) low = mid + 1;
    else high = mid;
  }
  let best: number | undefined;
  for (const candidate of [low - 1, low, low - 2, low + 1]) {
    const point = points[candidate];
    if (!point || point.y === null) continue;
    if (best === undefined || Math.abs(point.x - x) < Math.abs(points[best]!.x - x)) best = candidate;
  }
  return best;
}
