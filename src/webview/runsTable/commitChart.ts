/**
 * The chart above a table grouped by commit: the best value of the chosen metric at each commit,
 * oldest commit on the left, so the metric reads along the code's history. Clicking a point selects
 * that commit's runs. Shown only while grouping by commit with a metric chosen.
 */
import { Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { TableCommit, TableGrouping } from '../protocol';
import { el } from '../shared/dom';
import { formatNumber } from '../shared/format';
import { readChartTheme } from '../shared/theme';
import type { DisplayLine, RowGroup } from './displayRows';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

/** One point of the chart: a commit group with a best value. */
export interface CommitPoint {
  label: string;
  value: number;
  runIds: string[];
}

/** The points along history (oldest first) from the groups in `git log` order (newest first). */
export function commitPoints(groups: readonly RowGroup[]): CommitPoint[] {
  return groups
    .filter((group) => group.id !== '' && group.best !== undefined)
    .map((group) => ({
      label: group.commit?.short ?? group.id.slice(0, 7),
      value: group.best!.value,
      runIds: group.runs.map((row) => row.runId),
    }))
    .reverse();
}

export class CommitChart {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly caption: HTMLElement;
  private chart: Chart<'line', { x: number; y: number }[]> | undefined;
  private points: CommitPoint[] = [];
  private key = '';

  constructor(private readonly select: (runIds: string[]) => void) {
    this.canvas = el('canvas', { attrs: { role: 'img' } });
    this.caption = el('div', { className: 'hint commit-chart-caption' });
    this.element = el(
      'div',
      { className: 'commit-chart' },
      this.caption,
      el('div', { className: 'commit-chart-box' }, this.canvas),
    );
    this.element.hidden = true;
  }

  update(grouping: TableGrouping, lines: readonly DisplayLine[], _commits: readonly TableCommit[]): void {
    const metric = grouping.metric;
    const groups = lines.flatMap((line) => (line.kind === 'group' ? [line.group] : []));
    this.points = grouping.by === 'commit' && metric !== undefined ? commitPoints(groups) : [];
    this.element.hidden = this.points.length === 0;
    if (this.points.length === 0 || metric === undefined) return;
    const key = `${metric}\u0000${this.points.map((point) => `${point.label}:${point.value}`).join('\u0000')}`;
    if (key === this.key && this.chart) return;
    this.key = key;
    this.caption.textContent = `Best ${metric} along the commits (oldest left); click a point to select its runs`;
    this.canvas.setAttribute(
      'aria-label',
      `Best ${metric} per commit: ${this.points.map((p) => `${p.label} ${formatNumber(p.value)}`).join(', ')}`,
    );
    this.draw();
  }

  themeChanged(): void {
    if (this.chart) this.draw();
  }

  private draw(): void {
    this.chart?.destroy();
    const theme = readChartTheme();
    const labels = this.points.map((point) => point.label);
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            data: this.points.map((point, index) => ({ x: index, y: point.value })),
            borderColor: theme.runColor(0),
            backgroundColor: theme.runColor(0),
            pointRadius: 4,
            pointHoverRadius: 6,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        onClick: (_event, elements) => {
          const point = elements[0] ? this.points[elements[0].index] : undefined;
          if (point) this.select(point.runIds);
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => labels[items[0]?.dataIndex ?? 0] ?? '',
              label: (item) => formatNumber(item.parsed.y ?? Number.NaN),
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            min: -0.5,
            max: this.points.length - 0.5,
            ticks: { stepSize: 1, color: theme.muted, callback: (value) => labels[Number(value)] ?? '' },
            grid: { color: theme.grid },
          },
          y: { type: 'linear', ticks: { color: theme.muted }, grid: { color: theme.grid } },
        },
      },
    });
  }
}
