/**
 * One chart per metric with every run overlaid in its colour; x as step, wall time or relative
 * time; smoothing; log scale; ignore outliers; a legend whose entries hide and show a run in every
 * chart. Charts are built when scrolled into view and released when far out of it, so 30 metrics
 * of 100 runs keep memory bounded; a zoomed chart asks for its range at full resolution.
 */
import { el, inNextFreeFrame, replaceChildren } from '../shared/dom';
import type { ChartRun, ChartSettings } from '../shared/metricChart';
import { MetricChart } from '../shared/metricChart';
import { button, checkbox, dropdown, progressRing, slider } from '../shared/toolkit';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import { swatch } from './runTable';

interface Card {
  key: string;
  element: HTMLElement;
  body: HTMLElement;
  chart?: MetricChart;
  visible: boolean;
  /** Builds or updates the chart; queued one card per frame when many come into view at once. */
  fill: () => void;
}

export function chartsSection(): Section {
  const frame = sectionFrame('Charts', 'charts');
  const legend = el('div', { className: 'legend', attrs: { role: 'group', 'aria-label': 'Runs shown in the charts' } });
  const grid = el('div', { className: 'chart-grid' });
  const cards = new Map<string, Card>();
  let context: CompareContext | undefined;
  let drawnFor = '';
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const card = [...cards.values()].find((candidate) => candidate.element === entry.target);
        if (!card || !context) continue;
        card.visible = entry.isIntersecting;
        if (card.visible) {
          context.histories.want(card.key, true);
          inNextFreeFrame(card.fill);
        } else release(card);
      }
    },
    { rootMargin: '400px 0px' },
  );

  const settingsChanged = (patch: Partial<ChartSettings>): void => {
    if (!context) return;
    context.update({ chart: { ...context.ui.chart, ...patch } });
    for (const card of cards.values()) card.chart?.setSettings(context.ui.chart);
  };

  return {
    name: 'charts',
    element: frame.element,
    render(current) {
      context = current;
      if (frame.toolbar.childElementCount === 0) {
        frame.toolbar.append(...toolbar(current, settingsChanged));
        frame.body.append(legend, grid);
      }
      drawLegend(current, legend);
      // Hiding a run or a new baseline keeps the charts; other runs or metrics rebuild them.
      const signature = `${current.columns.map((column) => `${column.runId}:${column.name}`).join(',')}|${current.metricKeys.join('\n')}`;
      if (signature === drawnFor) {
        for (const card of cards.values()) card.chart?.setRuns(chartRuns(current, card.key));
        return;
      }
      drawnFor = signature;
      for (const card of cards.values()) {
        observer.unobserve(card.element);
        release(card);
      }
      cards.clear();
      if (current.metricKeys.length === 0)
        return replaceChildren(grid, el('p', { className: 'empty', text: 'No metrics to chart.' }));
      replaceChildren(
        grid,
        ...current.metricKeys.map((key) => {
          const card = makeCard(current, key);
          cards.set(key, card);
          observer.observe(card.element);
          return card.element;
        }),
      );
    },
    historyChanged(current, key) {
      const card = cards.get(key);
      if (card?.visible) fill(current, card);
    },
    themeChanged(current) {
      drawLegend(current, legend);
      for (const card of cards.values()) {
        card.chart?.setTheme(current.theme);
        if (card.chart) card.chart.setRuns(chartRuns(current, card.key));
      }
    },
  };
}

function toolbar(context: CompareContext, changed: (patch: Partial<ChartSettings>) => void): HTMLElement[] {
  const settings = context.ui.chart;
  const smoothingValue = el('span', { className: 'slider-value', text: settings.smoothing.toFixed(2) });
  return [
    el(
      'label',
      { className: 'control' },
      'X axis ',
      dropdown(
        'X axis',
        [
          { value: 'step', label: 'Step' },
          { value: 'wallTime', label: 'Wall time' },
          { value: 'relativeTime', label: 'Relative time' },
        ],
        settings.xMode,
        (value) => changed({ xMode: value === 'wallTime' || value === 'relativeTime' ? value : 'step' }),
      ),
    ),
    el(
      'label',
      { className: 'control' },
      'Smoothing ',
      slider('Smoothing', { min: 0, max: 0.99, step: 0.01 }, settings.smoothing, (value) => {
        smoothingValue.textContent = value.toFixed(2);
        changed({ smoothing: value });
      }),
      smoothingValue,
    ),
    checkbox('Log scale', settings.logScale, (logScale) => changed({ logScale })),
    checkbox('Ignore outliers', settings.ignoreOutliers, (ignoreOutliers) => changed({ ignoreOutliers })),
    el('span', { className: 'hint', text: 'Drag to zoom, shift-drag to pan, double-click to reset.' }),
  ];
}

function drawLegend(context: CompareContext, legend: HTMLElement): void {
  const hidden = new Set(context.ui.hiddenRunIds);
  replaceChildren(
    legend,
    ...context.columns.map((column) => {
      const isHidden = hidden.has(column.runId);
      const entry = el(
        'button',
        {
          className: isHidden ? 'legend-entry off' : 'legend-entry',
          // A long name is cut with an ellipsis: the whole of it is on hover, before what a click does.
          title: `${column.name}\n${isHidden ? 'Show this run in the charts' : 'Hide this run in the charts'}`,
          attrs: { type: 'button', 'aria-pressed': String(!isHidden) },
        },
        swatch(column.color),
        el('span', { className: 'legend-name', text: column.name }),
      );
      entry.addEventListener('click', () => {
        const next = isHidden
          ? context.ui.hiddenRunIds.filter((id) => id !== column.runId)
          : [...context.ui.hiddenRunIds, column.runId];
        context.update({ hiddenRunIds: next }, 'charts');
      });
      return entry;
    }),
  );
}

function makeCard(context: CompareContext, key: string): Card {
  const body = el('div', { className: 'chart-body' });
  const card: Card = {
    key,
    body,
    element: el('div', { className: 'chart-card', attrs: { 'data-metric': key } }),
    visible: false,
    fill: () => card.visible && fill(context, card),
  };
  const reset = button('Reset zoom', () => card.chart?.resetZoom(), {
    secondary: true,
    title: 'Show every step again',
  });
  const png = button(
    'PNG',
    () =>
      card.chart && context.post({ type: 'saveFile', format: 'png', name: `${key}.png`, content: card.chart.toPng() }),
    { secondary: true, title: 'Save this chart as a PNG image' },
  );
  card.element.append(el('div', { className: 'chart-head' }, el('h3', { text: key, title: key }), reset, png), body);
  return card;
}

function chartRuns(context: CompareContext, key: string): ChartRun[] {
  const series = context.histories.series(key);
  const hidden = new Set(context.ui.hiddenRunIds);
  return context.columns.flatMap((column) => {
    const columns = series?.get(column.runId);
    return columns
      ? [{ runId: column.runId, label: column.name, color: column.color, columns, hidden: hidden.has(column.runId) }]
      : [];
  });
}

/** Shows the card's chart, or why there is none yet. */
function fill(context: CompareContext, card: Card): void {
  const state = context.histories.state(card.key);
  if (state === 'loaded') {
    if (!card.chart) {
      card.chart = new MetricChart(context.theme, context.ui.chart, {
        title: card.key,
        onViewChange: (steps) => context.histories.zoom(card.key, steps),
      });
      replaceChildren(card.body, card.chart.element);
    }
    card.chart.setRuns(chartRuns(context, card.key));
  } else if (state === 'failed') {
    release(card);
    const retry = button('Retry', () => context.histories.want(card.key, true), { secondary: true });
    replaceChildren(
      card.body,
      el('p', { className: 'error', text: context.histories.error(card.key) ?? 'Loading the history failed.' }),
      retry,
    );
  } else if (!card.chart) {
    replaceChildren(card.body, el('div', { className: 'loading' }, progressRing(), 'Loading history…'));
  }
}

function release(card: Card): void {
  card.chart?.destroy();
  card.chart = undefined;
  if (!card.visible) replaceChildren(card.body);
}
