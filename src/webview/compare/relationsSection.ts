/**
 * For 3 or more runs: a scatter of any param or metric against any metric (one point per run in
 * its colour), and parallel coordinates from the params that differ to a chosen metric.
 */
import type { TooltipItem } from 'chart.js';
import { Chart, LinearScale, PointElement, ScatterController, Tooltip } from 'chart.js';
import type { RunView } from '../protocol';
import { fromWire } from '../protocol';
import { safeYRange } from '../shared/chartSeries';
import { el, onFirstVisible, replaceChildren } from '../shared/dom';
import { formatNumber } from '../shared/format';
import { isDrawable, nonFiniteText } from '../shared/nonFinite';
import type { Choice } from '../shared/toolkit';
import { button, dropdown } from '../shared/toolkit';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import type { AxisInput } from './parallelLayout';
import { parallelLayout } from './parallelLayout';
import { drawParallel } from './parallelPlot';
import { diffValues } from './valueDiff';

/** Params that differ, at most this many, get an axis in the parallel plot. */
const MAX_PARALLEL_PARAMS = 8;

export function relationsSection(): Section {
  const frame = sectionFrame('Scatter and parallel coordinates', 'relations');
  let scatter: Chart<'scatter'> | undefined;
  const parallelCanvas = el('canvas', {
    className: 'parallel',
    attrs: { role: 'img', 'aria-label': 'Parallel coordinates of the runs' },
  });
  let context: CompareContext | undefined;

  const redrawParallel = (): void => {
    if (!context) return;
    const params = diffValues(context.runs.map((run) => run.params))
      .filter((row) => row.differs)
      .slice(0, MAX_PARALLEL_PARAMS);
    const metric = context.ui.parallelMetric || mostLogged(context);
    const axes: AxisInput[] = params.map((row) => ({ label: row.key, values: row.values }));
    if (metric)
      axes.push({ label: metric, values: context.runs.map((run) => valueOf(run, { kind: 'metric', key: metric })) });
    const hidden = new Set(
      context.runs.flatMap((run, index) => (context!.ui.hiddenRunIds.includes(run.runId) ? [index] : [])),
    );
    drawParallel(
      parallelCanvas,
      parallelLayout(axes, context.runs.length),
      context.columns.map((column) => column.color),
      hidden,
      context.theme,
    );
  };

  const redrawScatter = (holder: HTMLElement): void => {
    if (!context) return;
    scatter?.destroy();
    const x = parseAxis(context.ui.scatter.x);
    const y = parseAxis(context.ui.scatter.y);
    if (!x || !y) return replaceChildren(holder, el('p', { className: 'empty', text: 'Choose what to plot.' }));
    const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': `Scatter of ${y.key} against ${x.key}` } });
    const note = scatterNote(scatterPoints(context.runs, x, y, context.ui.hiddenRunIds).leftOut);
    replaceChildren(
      holder,
      el('div', { className: 'chart-frame' }, canvas),
      el('p', { className: 'chart-note', text: note, attrs: note ? {} : { hidden: '' } }),
    );
    scatter = scatterChart(canvas, context, x, y);
  };

  let visible = false;
  let armed = false;

  const draw = (current: CompareContext): void => {
    scatter?.destroy();
    scatter = undefined;
    if (current.runs.length < 3) {
      replaceChildren(frame.toolbar);
      return replaceChildren(
        frame.body,
        el('p', { className: 'empty', text: 'Compare 3 or more runs to see a scatter plot and parallel coordinates.' }),
      );
    }
    const metrics: Choice[] = current.metricKeys.map((key) => ({ value: `metric:${key}`, label: key }));
    const rows = diffValues(current.runs.map((run) => run.params));
    const params: Choice[] = rows.map((row) => ({ value: `param:${row.key}`, label: `param ${row.key}` }));
    // A param the runs differ in says the most against a metric.
    const varied = rows.find((row) => row.differs);
    const x = parseAxis(current.ui.scatter.x)
      ? current.ui.scatter.x
      : varied
        ? `param:${varied.key}`
        : (params[0]?.value ?? metrics[0]?.value ?? '');
    const y = parseAxis(current.ui.scatter.y)
      ? current.ui.scatter.y
      : metrics[0]
        ? `metric:${mostLogged(current)}`
        : '';
    if (x !== current.ui.scatter.x || y !== current.ui.scatter.y) current.update({ scatter: { x, y } });
    const scatterHolder = el('div', { className: 'scatter' });
    replaceChildren(
      frame.toolbar,
      el(
        'label',
        { className: 'control' },
        'X ',
        dropdown('Scatter X', [...params, ...metrics], current.ui.scatter.x, (value) => {
          current.update({ scatter: { ...current.ui.scatter, x: value } });
          redrawScatter(scatterHolder);
        }),
      ),
      el(
        'label',
        { className: 'control' },
        'Y ',
        dropdown('Scatter Y', metrics, current.ui.scatter.y, (value) => {
          current.update({ scatter: { ...current.ui.scatter, y: value } });
          redrawScatter(scatterHolder);
        }),
      ),
      el(
        'label',
        { className: 'control' },
        'Parallel coordinates to ',
        dropdown(
          'Parallel coordinates metric',
          metrics.map((choice) => ({ ...choice, value: choice.label })),
          current.ui.parallelMetric || mostLogged(current),
          (value) => {
            current.update({ parallelMetric: value });
            redrawParallel();
          },
        ),
      ),
      button(
        'PNG',
        () =>
          scatter &&
          current.post({
            type: 'saveFile',
            format: 'png',
            name: 'scatter.png',
            content: scatter.toBase64Image('image/png', 1),
          }),
        { secondary: true, title: 'Save the scatter plot as PNG' },
      ),
    );
    replaceChildren(frame.body, scatterHolder, el('h3', { text: 'Parallel coordinates' }), parallelCanvas);
    redrawScatter(scatterHolder);
    requestAnimationFrame(redrawParallel);
  };

  return {
    name: 'relations',
    element: frame.element,
    render(current) {
      context = current;
      if (visible) return draw(current);
      if (armed) return;
      armed = true;
      replaceChildren(frame.body, el('p', { className: 'empty', text: 'Drawn when scrolled into view.' }));
      onFirstVisible(frame.element, () => {
        visible = true;
        if (context) draw(context);
      });
    },
    themeChanged(current) {
      if (visible) draw(current);
    },
  };
}

/** The metric most of the runs logged (the first by name among equals): the one a plot shows best. */
function mostLogged(context: CompareContext): string {
  const count = (key: string): number => context.runs.filter((run) => Object.hasOwn(run.metrics, key)).length;
  return context.metricKeys.reduce((best, key) => (count(key) > count(best) ? key : best), context.metricKeys[0] ?? '');
}

/**
 * The scatter of the compare panel: one point per run in its colour, any param or metric on x
 * (params that are not numbers become categories), a metric on y.
 */
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

/** A run's point on the scatter, and the runs (not hidden) it has no place for, with why. */
export interface ScatterPoints {
  points: { index: number; x: number; y: number }[];
  /** Empty when x is numeric; else the sorted category names, a point's x being its index. */
  categories: string[];
  leftOut: { name: string; why: string }[];
}

/**
 * Where each run not hidden goes on the scatter of `y` against `x`. A run with no value on an
 * axis, or a value no axis can hold (NaN, ±∞, too large), is left out, never stretched onto one,
 * and is named in `leftOut` so the chart does not quietly show fewer runs than were compared.
 */
export function scatterPoints(
  runs: readonly RunView[],
  x: Axis,
  y: Axis,
  hiddenRunIds: readonly string[],
): ScatterPoints {
  const xValues = runs.map((run) => valueOf(run, x));
  const numericX = xValues.every(
    (value) =>
      value === undefined || typeof value === 'number' || /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value),
  );
  const categories = numericX ? [] : [...new Set(xValues.filter((value) => value !== undefined).map(String))].sort();
  const hidden = new Set(hiddenRunIds);
  const result: ScatterPoints = { points: [], categories, leftOut: [] };
  runs.forEach((run, index) => {
    if (hidden.has(run.runId)) return;
    const xValue = xValues[index];
    const px = xValue === undefined ? undefined : numericX ? Number(xValue) : categories.indexOf(String(xValue));
    const py = valueOf(run, y);
    const why =
      px === undefined
        ? `no ${axisLabel(x)}`
        : typeof py !== 'number'
          ? `no ${axisLabel(y)}`
          : !isDrawable(px)
            ? `${axisLabel(x)} is ${nonFiniteText(px) ?? formatNumber(px)}`
            : !isDrawable(py)
              ? `${axisLabel(y)} is ${nonFiniteText(py) ?? formatNumber(py)}`
              : undefined;
    if (why === undefined) result.points.push({ index, x: px!, y: py as number });
    else result.leftOut.push({ name: run.name, why });
  });
  return result;
}

/** How many left-out runs the scatter's note names before it says how many more there are. */
const NAMED_RUNS = 4;

/** The line under the scatter naming the runs it left out; '' when every run shown is drawn. */
export function scatterNote(leftOut: ScatterPoints['leftOut']): string {
  if (leftOut.length === 0) return '';
  const runs = leftOut.length === 1 ? 'run' : 'runs';
  const named = leftOut.slice(0, NAMED_RUNS).map(({ name, why }) => `${name} (${why})`);
  const more = leftOut.length > named.length ? `, and ${leftOut.length - named.length} more` : '';
  return `${leftOut.length} ${runs} not drawn: ${named.join(', ')}${more}`;
}

function axisLabel(axis: Axis): string {
  return axis.kind === 'param' ? `param ${axis.key}` : axis.key;
}

/** Draws the scatter of `y` against `x` for the runs not hidden. */
export function scatterChart(canvas: HTMLCanvasElement, context: CompareContext, x: Axis, y: Axis): Chart<'scatter'> {
  const { points, categories } = scatterPoints(context.runs, x, y, context.ui.hiddenRunIds);
  const numericX = categories.length === 0;
  const theme = context.theme;
  const font = { family: theme.fontFamily, size: Math.max(9, theme.fontSize - 2) };
  const datasets = points.map(({ index, x: px, y: py }) => {
    const color = context.columns[index]!.color;
    return {
      label: context.runs[index]!.name,
      data: [{ x: px, y: py }],
      backgroundColor: color,
      borderColor: color,
      pointRadius: 5,
      pointHoverRadius: 7,
    };
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
          ...axisOptions(axisLabel(x), 'x'),
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
