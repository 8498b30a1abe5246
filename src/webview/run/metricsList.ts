/**
 * The run's metrics: latest value and step, and a small chart of each history, fetched when the
 * row scrolls into view.
 */
import type { RunDetails } from '../protocol';
import { fromWire } from '../protocol';
import { el, replaceChildren } from '../shared/dom';
import { formatNumber } from '../shared/format';
import { nonFiniteTitle } from '../shared/nonFinite';
import type { HistoryStore } from '../shared/historyStore';
import { MetricChart } from '../shared/metricChart';
import type { ChartTheme } from '../shared/theme';

export class MetricsList {
  readonly element: HTMLElement;
  private readonly charts = new Map<string, { holder: HTMLElement; chart?: MetricChart }>();
  private readonly observer: IntersectionObserver;

  constructor(
    private readonly run: RunDetails,
    private readonly histories: HistoryStore,
    private theme: ChartTheme,
    private readonly color: () => string,
  ) {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const key = (entry.target as HTMLElement).dataset.metric;
        if (entry.isIntersecting && key !== undefined) {
          this.histories.want(key, true);
          this.observer.unobserve(entry.target);
        }
      }
    });
    const keys = Object.keys(run.metrics).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    if (keys.length === 0) {
      this.element = el('p', { className: 'empty', text: 'This run logged no metrics.' });
      return;
    }
    const body = el('tbody');
    for (const key of keys) {
      const latest = run.metrics[key]!;
      const holder = el(
        'td',
        { className: 'sparkline', attrs: { 'data-metric': key } },
        el('span', { className: 'stats pending', text: 'history…' }),
      );
      this.charts.set(key, { holder });
      this.observer.observe(holder);
      const value = fromWire(latest.value);
      const valueCell = el('td', { className: 'number', text: formatNumber(value) });
      const special = nonFiniteTitle(value);
      if (special) valueCell.title = special;
      body.append(
        el(
          'tr',
          {},
          el('th', { text: key, title: key, attrs: { scope: 'row' } }),
          valueCell,
          el('td', { className: 'number', text: String(latest.step) }),
          holder,
        ),
      );
    }
    this.element = el(
      'table',
      { className: 'metrics-list', attrs: { 'aria-label': 'Metrics' } },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { text: 'Metric' }),
          el('th', { text: 'Latest' }),
          el('th', { text: 'Step' }),
          el('th', { text: 'History' }),
        ),
      ),
      body,
    );
  }

  historyChanged(key: string): void {
    const entry = this.charts.get(key);
    if (!entry) return;
    const columns = this.histories.series(key)?.get(this.run.runId);
    if (this.histories.state(key) === 'failed')
      return replaceChildren(
        entry.holder,
        el('span', { className: 'error', text: this.histories.error(key) ?? 'failed' }),
      );
    if (!columns) return;
    if (!entry.chart) {
      entry.chart = new MetricChart(
        this.theme,
        { xMode: 'step', smoothing: 0, logScale: false, ignoreOutliers: false },
        { title: key, compact: true },
      );
      replaceChildren(entry.holder, entry.chart.element);
    }
    entry.chart.setRuns([{ runId: this.run.runId, label: this.run.name, color: this.color(), columns, hidden: false }]);
  }

  /** Releases the charts (chart.js keeps every chart it made until it is destroyed). */
  dispose(): void {
    this.observer.disconnect();
    for (const entry of this.charts.values()) entry.chart?.destroy();
    this.charts.clear();
  }

  themeChanged(theme: ChartTheme): void {
    this.theme = theme;
    for (const [key, entry] of this.charts) {
      entry.chart?.setTheme(theme);
      this.historyChanged(key);
    }
  }
}
