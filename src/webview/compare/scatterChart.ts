/**
 * The scatter of the compare panel: one point per run in its colour, any param or metric on x
 * (params that are not numbers become categories), a metric on y.
 */
import { Chart, LinearScale, PointElement, ScatterController, Tooltip } from 'chart.js';
import type { TooltipItem } from 'chart.js';
import { fromWire } from '../protocol';
import type { RunView } from '../protocol';
import { formatNumber } from '../shared/format';
import { isDrawable } from '../shared/nonFinite';
import { safeYRange } from '../shared/axisRange';
import type { CompareContext } from './context';

Chart.register(ScatterController, PointElement, LinearScale, Tooltip);

/** What an axis of the scatter shows: a param or a metric, by key. */
export type Axis = { kind: 'param' | 'metric'; key: string };

/** An axis from its saved form, `param:<key>` or `metric:<key>`; undefined for anything else. */
export function parseAxis(value: string): Axis | undefined {
  const match = /^(param|metric):([\s\S]*)$/.exec(value);
  return match ? { kind: match[1] as Axis['kind'], key: match[2]! } : undefined;
}

/** A run's value on an axis: the param's text or the metric's latest value; undefined when it has none. */
export function valueOf(run: RunView, axis: Axis): string | number | undefined {
  if (axis.kind === 'param') return Object.hasOwn(run.params, axis.key) ? run.params[axis.key] : undefined;
  const metric = Object.hasOwn(run.metrics, axis.key) ? run.metrics[axis.key] : undefined;
  return metric ? fromWire(metric.value) : undefined;
}

/** Draws the scatter of `y` against `x` for the runs not hidden. */
export function scatterChart(canvas: HTMLCanvasElement, context: CompareContext, x: Axis, y: Axis): Chart<'scatter'> {
  const xValues = context.runs.map((run) => valueOf(run, x));
  const numericX = xValues.every(
    (value) =>
      value === undefined || typeof value === 'number' || /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value),
  );
  const categories = numericX ? [] : [...new Set(xValues.filter((value) => value !== undefined).map(String))].sort();
  const toX = (value: string | number | undefined): number | undefined =>
    value === undefined ? undefined : numericX ? Number(value) : categories.indexOf(String(value));
  const hidden = new Set(context.ui.hiddenRunIds);
  const theme = context.theme;
  const font = { family: theme.fontFamily, size: Math.max(9, theme.fontSize - 2) };
  const datasets = context.runs.flatMap((run, index) => {
    const px = toX(xValues[index]);
    const py = valueOf(run, y);
    // NaN, ±Infinity and values too large for an axis are left out, never stretched onto one.
    if (px === undefined || typeof py !== 'number' || !isDrawable(px) || !isDrawable(py) || hidden.has(run.runId))
      return [];
    const color = context.columns[index]!.color;
    return [
      {
        label: run.name,
        data: [{ x: px, y: py }],
        backgroundColor: color,
        borderColor: color,
        pointRadius: 5,
        pointHoverRadius: 7,
      },
    ];
  });
  // A flat axis (one run, or all equal) is widened here: chart.js cannot divide a span of ~0 into ticks.
  const ranges = {
    x: safeYRange(
      datasets.map((dataset) => dataset.data[0]!.x),
      false,
    ),
    y: safeYRange(
      datasets.map((dataset) => dataset.data[0]!.y),
      false,
    ),
  };
  const axisOptions = (label: string, axis: 'x' | 'y') => ({
    title: { display: true, text: label, color: theme.muted, font },
    grid: { color: theme.grid },
    ticks: { color: theme.muted, font },
    min: ranges[axis]?.min,
    max: ranges[axis]?.max,
  });
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          ...axisOptions(x.kind === 'param' ? `param ${x.key}` : x.key, 'x'),
          ticks: {
            color: theme.muted,
            font,
            ...(numericX ? {} : { stepSize: 1, callback: (value: string | number) => categories[Number(value)] ?? '' }),
          },
        },
        y: axisOptions(y.key, 'y'),
      },
      plugins: {
        tooltip: {
          backgroundColor: theme.hoverBackground,
          titleColor: theme.hoverForeground,
          bodyColor: theme.hoverForeground,
          borderColor: theme.hoverBorder,
          borderWidth: 1,
          callbacks: {
            label: (item: TooltipItem<'scatter'>) => {
              const xText = numericX
                ? formatNumber(item.parsed.x ?? Number.NaN)
                : (categories[item.parsed.x ?? -1] ?? '');
              return `${item.dataset.label ?? ''}: ${xText}, ${formatNumber(item.parsed.y ?? Number.NaN)}`;
            },
          },
        },
      },
    },
  });
}
