/**
 * For 3 or more runs: a scatter of any param or metric against any metric (one point per run in
 * its colour), and parallel coordinates from the params that differ to a chosen metric.
 */
import type { Chart } from 'chart.js';
import { el, replaceChildren } from '../shared/dom';
import { button, dropdown } from '../shared/toolkit';
import type { Choice } from '../shared/toolkit';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import { onFirstVisible } from '../shared/visibility';
import { parallelLayout } from './parallelLayout';
import type { AxisInput } from './parallelLayout';
import { drawParallel } from './parallelPlot';
import { diffValues } from './valueDiff';
import { parseAxis, scatterChart, valueOf } from './scatterChart';

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
    replaceChildren(holder, el('div', { className: 'chart-frame' }, canvas));
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
