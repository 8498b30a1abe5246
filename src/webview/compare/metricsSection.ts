/**
 * Metrics side by side: per metric and run the latest value, min and max of the history and the
 * step of the best value; the best run per metric starred (direction guessed from the name,
 * switchable); change against the baseline in percent; sortable by name or by a run's values.
 */
import { fromWire } from '../protocol';
import { el, replaceChildren } from '../shared/dom';
import { formatNumber, formatPercent } from '../shared/format';
import { INFINITY_NOTE, nonFiniteTitle } from '../shared/nonFinite';
import type { MetricDirection } from '../shared/metricDirection';
import { guessMetricDirection, nextDirection } from '../shared/metricDirection';
import { button } from '../shared/toolkit';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import { metricsCsv } from './exportCsv';
import type { HistorySummary, MetricCell, MetricRow } from './metricTable';
import { buildMetricRow, sortMetricRows, summarizeHistory } from './metricTable';
import { runTable } from './runTable';

const DIRECTION_LABEL: Record<MetricDirection, string> = {
  lower: '↓ lower is better',
  higher: '↑ higher is better',
  none: '– no best',
};

/** The direction of a metric: the user's choice, else the guess from its name. */
function directionOf(context: CompareContext, key: string): MetricDirection {
  return Object.hasOwn(context.ui.directions, key) ? context.ui.directions[key]! : guessMetricDirection(key);
}

/** Every metric's row, from the runs' latest values and the histories that have arrived. */
export function metricRows(context: CompareContext): MetricRow[] {
  return context.metricKeys.map((key) => {
    const direction = directionOf(context, key);
    const overview = context.histories.overview(key);
    const latest = context.runs.map((run) => {
      const metric = Object.hasOwn(run.metrics, key) ? run.metrics[key] : undefined;
      return metric ? { value: fromWire(metric.value), step: metric.step } : undefined;
    });
    const histories = context.runs.map((run): HistorySummary | undefined => {
      const columns = overview?.get(run.runId);
      return columns && columns.values.length > 0
        ? summarizeHistory(columns.steps, columns.values, direction, columns.sampled)
        : undefined;
    });
    return buildMetricRow({ key, direction, latest, histories }, context.baselineIndex);
  });
}

export function metricsSection(): Section {
  const frame = sectionFrame('Metrics', 'metrics');
  const holder = el('div', { className: 'table-scroll' });
  let rendered = false;
  let pendingDraw = false;

  const draw = (context: CompareContext): void => {
    if (context.metricKeys.length === 0)
      return replaceChildren(holder, el('p', { className: 'empty', text: 'None of these runs logged a metric.' }));
    const sort = context.ui.metricSort;
    const rows = sortMetricRows(metricRows(context), sort);
    const nameMark = sort.by === 'name' ? (sort.descending ? ' ▼' : ' ▲') : '';
    const keyHeader = el('span', {
      className: 'sortable',
      text: `Metric${nameMark}`,
      attrs: { tabindex: '0', role: 'button' },
    });
    keyHeader.addEventListener('click', () =>
      context.update({ metricSort: { by: 'name', descending: sort.by === 'name' && !sort.descending } }, 'metrics'),
    );
    replaceChildren(
      holder,
      runTable(
        'Metrics',
        context.columns,
        rows.map((row) => ({
          key: keyCell(context, row),
          cells: row.cells.map((cell) => valueCell(context, row, cell)),
        })),
        {
          keyHeader,
          onRunHeader: (runIndex) =>
            context.update(
              {
                metricSort: {
                  by: 'run',
                  runIndex,
                  descending: sort.by === 'run' && sort.runIndex === runIndex && !sort.descending,
                },
              },
              'metrics',
            ),
          runHeaderMark: (index) => (sort.by === 'run' && sort.runIndex === index ? (sort.descending ? '▼' : '▲') : ''),
        },
      ),
    );
  };

  return {
    name: 'metrics',
    element: frame.element,
    render(context) {
      if (!rendered) {
        rendered = true;
        replaceChildren(
          frame.toolbar,
          el('span', { className: 'hint', text: 'Click a run to sort by its values; ★ marks the best latest value.' }),
          button(
            'Export CSV',
            () =>
              context.post({
                type: 'saveFile',
                format: 'csv',
                name: 'metrics.csv',
                content: metricsCsv(context.runs, metricRows(context)),
              }),
            { secondary: true, title: 'Save the metrics of these runs as CSV' },
          ),
        );
        frame.body.appendChild(holder);
      }
      draw(context);
    },
    historyChanged(context) {
      // Histories arrive one metric at a time: redraw once per frame, not once per metric.
      if (pendingDraw) return;
      pendingDraw = true;
      requestAnimationFrame(() => {
        pendingDraw = false;
        draw(context);
      });
    },
  };
}

function keyCell(context: CompareContext, row: MetricRow): HTMLElement {
  const toggle = el('button', {
    className: `direction direction-${row.direction}`,
    text: row.direction === 'lower' ? '↓' : row.direction === 'higher' ? '↑' : '–',
    title: `${DIRECTION_LABEL[row.direction]} (click to change)`,
    attrs: { type: 'button' },
  });
  toggle.addEventListener('click', () => {
    const directions = { ...context.ui.directions };
    Object.defineProperty(directions, row.key, {
      value: nextDirection(row.direction),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    context.update({ directions }, 'metrics');
  });
  return el('span', { className: 'metric-key' }, toggle, el('span', { text: row.key, title: row.key }));
}

function valueCell(context: CompareContext, row: MetricRow, cell: MetricCell): HTMLElement {
  if (cell.latest === undefined) return el('span', { className: 'missing', text: '—', title: 'not logged' });
  const latest = el(
    'span',
    { className: cell.isBest ? 'latest best' : 'latest' },
    cell.isBest ? '★ ' : '',
    formatNumber(cell.latest),
  );
  const special = nonFiniteTitle(cell.latest);
  latest.title = `latest value, step ${cell.latestStep ?? '?'}${special ? `. ${special}` : ''}`;
  const parts: (HTMLElement | string)[] = [latest];
  if (cell.deltaPercent !== undefined) parts.push(delta(cell.deltaPercent, row.direction));
  const history = cell.history;
  if (history) {
    const approx = history.approximate ? '≈' : '';
    // A history of NaN and infinities only has no min or max to show: it says so.
    if (history.min === undefined)
      parts.push(el('span', { className: 'stats', text: 'no finite value in the history', title: INFINITY_NOTE }));
    else
      parts.push(
        el('span', {
          className: 'stats',
          text: `min ${approx}${formatNumber(history.min)} · max ${approx}${formatNumber(history.max)}`,
        }),
      );
    if (history.bestStep !== undefined)
      parts.push(
        el('span', { className: 'stats', text: `best ${formatNumber(history.best)} @ step ${history.bestStep}` }),
      );
  } else if (context.histories.state(row.key) === 'loading' || context.histories.state(row.key) === 'missing') {
    parts.push(el('span', { className: 'stats pending', text: 'history…' }));
  }
  return el('span', { className: 'metric-cell' }, ...parts);
}

function delta(percent: number, direction: MetricDirection): HTMLElement {
  const better =
    direction === 'none' || percent === 0 ? '' : percent < 0 === (direction === 'lower') ? ' better' : ' worse';
  return el('span', {
    className: `delta${better}`,
    text: formatPercent(percent),
    title: 'change against the baseline run',
  });
}
