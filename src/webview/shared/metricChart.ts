/**
 * One metric's chart: every run's history overlaid in its colour, drawn with chart.js from points
 * thinned to the pixels in view (chartSeries.ts), so 100 runs of 100,000 steps draw and pan
 * without delay. Zoom by dragging a range (shift-drag pans, ctrl-wheel zooms, double-click
 * resets); when the view settles, `onViewChange` says which steps are shown, so the caller can
 * fetch them at full resolution. Colours come from the theme and are re-read on `setTheme`.
 */
import { Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';
import type { ChartDataset, Plugin } from 'chart.js';
import type { StepRange } from '../protocol';
import { robustRange, safeRange, safeYRange } from './axisRange';
import type { ChartPoint, Columns, Line, LineOptions } from './chartSeries';
import { pointsInView, prepareLine, stepsInView, xExtent } from './chartSeries';
import { runsLeftOut } from './chartInteraction';
import { lineChartOptions } from './lineChartOptions';
import { inNextFreeFrame } from './frameQueue';
import { chartPng } from './chartPng';
import { el } from './dom';
import type { ChartTheme } from './theme';
import { ChartZoom } from './chartZoom';
import { formatNumber } from './format';
import { undrawnNote } from './nonFinite';
import type { UndrawnPoint } from './nonFinite';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip);

export interface ChartRun {
  runId: string;
  label: string;
  color: string;
  columns: Columns;
  hidden: boolean;
}

export interface ChartSettings extends LineOptions {
  ignoreOutliers: boolean;
}

export interface MetricChartOptions {
  title: string;
  /** Small, with no zooming (the run panel's per-metric charts). */
  compact?: boolean;
  /** Called when a zoomed view settles (with its steps) or is reset (undefined). */
  onViewChange?: (steps: StepRange | undefined) => void;
}

type LineChart = Chart<'line', ChartPoint[]>;

/**
 * Points handed to chart.js per chart at most, at rest and while the user zooms or pans (then the
 * lines are coarser, and drawn again finely once the view settles). chart.js spends a few
 * microseconds per point: measured in bench/compareBench.ts.
 */
const QUALITY = {
  fine: { budget: 32_000, minColumns: 48 },
  coarse: { budget: 4_000, minColumns: 8 },
} as const;
/** Up to this many points, the fine lines are quick enough to draw straight away. */
const DRAW_FINE_AT_ONCE = 12_000;
/** How long the view must stay still before the coarse lines are drawn finely. */
const REFINE_MS = 250;

export class MetricChart {
  readonly element: HTMLElement;
  private readonly chart: LineChart;
  /** Says which points could not be drawn (NaN, ±Infinity, ...), as text under the chart. */
  private readonly note: HTMLElement;
  private readonly lineCache = new WeakMap<Columns, { key: string; line: Line }>();
  private runs: readonly ChartRun[] = [];
  private view: { min: number; max: number } | undefined;
  private zoom: ChartZoom | undefined;
  private refineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private theme: ChartTheme,
    private settings: ChartSettings,
    private readonly options: MetricChartOptions,
  ) {
    const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': `Chart of ${options.title}` } });
    // The tooltip is drawn on the canvas, out of a screen reader's reach: its text is also here.
    const readout = el('div', { className: 'chart-readout visually-hidden', attrs: { 'aria-live': 'polite' } });
    const frame = el('div', { className: options.compact ? 'chart-frame compact' : 'chart-frame' }, canvas, readout);
    this.note = el('p', { className: 'chart-note', attrs: { hidden: '' } });
    this.element = el('div', { className: 'metric-chart' }, frame, this.note);
    this.chart = new Chart<'line', ChartPoint[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: this.chartOptions(),
      plugins: [tooltipReadout(readout)],
    });
    if (!options.compact) {
      this.zoom = new ChartZoom(frame, canvas, {
        valueAt: (pixel) => this.chart.scales.x?.getValueForPixel(pixel) ?? 0,
        pixelAt: (value) => this.chart.scales.x?.getPixelForValue(value) ?? 0,
        area: () => this.chart.chartArea,
        current: () => this.currentRange(),
        zoomed: () => this.view !== undefined,
        show: (range) => {
          this.view = range;
          this.draw();
        },
        settle: (range) =>
          this.options.onViewChange?.(range ? stepsInView(this.visibleLines(), range.min, range.max) : undefined),
      });
    }
  }

  /** The runs to draw (a new `columns` object means new data for that run). */
  setRuns(runs: readonly ChartRun[]): void {
    this.runs = runs;
    this.draw();
  }

  setSettings(settings: ChartSettings): void {
    const xChanged = settings.xMode !== this.settings.xMode;
    this.settings = settings;
    if (xChanged) this.view = undefined;
    this.chart.options = this.chartOptions();
    this.draw();
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.chart.options = this.chartOptions();
    this.draw();
  }

  /** Back to every step; the caller is told (undefined). */
  resetZoom(): void {
    this.zoom?.reset();
  }

  /** The chart as a PNG data URL, on the editor's background, with the metric's name on top. */
  toPng(): string {
    return chartPng(this.chart.canvas, this.chart.currentDevicePixelRatio || 1, this.theme, this.options.title);
  }

  destroy(): void {
    clearTimeout(this.refineTimer);
    this.zoom?.dispose();
    this.chart.destroy();
  }

  private lineOf(run: ChartRun): Line {
    const key = `${this.settings.xMode}|${this.settings.smoothing}|${this.settings.logScale}`;
    const cached = this.lineCache.get(run.columns);
    if (cached?.key === key) return cached.line;
    const line = prepareLine(run.columns, this.settings);
    this.lineCache.set(run.columns, { key, line });
    return line;
  }

  private visibleLines(): Line[] {
    return this.runs.filter((run) => !run.hidden).map((run) => this.lineOf(run));
  }

  /** The x range shown: the zoomed view, else every point (one step widened, so it has a width). */
  private currentRange(): { min: number; max: number } | undefined {
    if (this.view) return this.view;
    const extent = xExtent(this.visibleLines());
    return extent && safeRange(extent.min, extent.max);
  }

  /** Draws at once, coarsely when the lines are many, and finely once nothing changed for a moment. */
  private draw(): void {
    clearTimeout(this.refineTimer);
    const shown = Math.max(1, this.runs.filter((run) => !run.hidden).length);
    if (Math.min(QUALITY.fine.budget, shown * 4 * this.width()) <= DRAW_FINE_AT_ONCE) return this.redraw('fine');
    this.redraw('coarse');
    this.refineTimer = setTimeout(() => inNextFreeFrame(this.refine), REFINE_MS);
  }

  /** The fine redraw, queued with the other charts' so each gets a frame of its own. */
  private readonly refine = (): void => {
    if (this.chart.ctx) this.redraw('fine');
  };

  private width(): number {
    return Math.max(50, this.chart.chartArea?.width ?? this.chart.width ?? 600);
  }

  private redraw(quality: keyof typeof QUALITY = 'fine'): void {
    const range = this.currentRange();
    // Each run gets up to 4 points per column; many runs share a budget, so a redraw stays quick.
    const shown = Math.max(1, this.runs.filter((run) => !run.hidden).length);
    const { budget, minColumns } = QUALITY[quality];
    const pixels = Math.max(minColumns, Math.min(this.width(), Math.floor(budget / (4 * shown))));
    const datasets: ChartDataset<'line', ChartPoint[]>[] = this.runs.map((run) => {
      const data = range && !run.hidden ? pointsInView(this.lineOf(run), range.min, range.max, pixels) : [];
      return {
        label: run.label,
        data,
        borderColor: run.color,
        backgroundColor: run.color,
        hidden: run.hidden,
        borderWidth: this.options.compact ? 1.25 : 1.5,
        // A point with no drawable neighbour makes no line: it gets a marker, or it would not show.
        pointRadius: isolatedPointRadii(data, this.options.compact ? 2.5 : 3),
        pointHoverRadius: 3,
        spanGaps: false,
        normalized: true,
        parsing: false,
      };
    });
    this.chart.data.datasets = datasets;
    // How many points are drawn after thinning: for people checking a slow chart, and the tests.
    this.chart.canvas.dataset.points = String(datasets.reduce((sum, dataset) => sum + dataset.data.length, 0));
    const x = this.chart.options.scales!.x!;
    x.min = range?.min;
    x.max = range?.max;
    const y = this.chart.options.scales!.y!;
    const logScale = this.settings.logScale;
    const fitted =
      (this.settings.ignoreOutliers ? robustRange(yValues(datasets), logScale) : undefined) ??
      safeYRange(yValues(datasets), logScale);
    y.min = fitted?.min;
    y.max = fitted?.max;
    this.chart.update('none');
    // The scales as drawn: for people checking an odd chart, and the tests.
    const { x: xScale, y: yScale } = this.chart.scales;
    Object.assign(this.chart.canvas.dataset, {
      xMin: String(xScale?.min),
      xMax: String(xScale?.max),
      yMin: String(yScale?.min),
      yMax: String(yScale?.max),
    });
    this.showUndrawn();
  }

  /** The note under the chart naming the points it left out, or nothing when it drew them all. */
  private showUndrawn(): void {
    const several = this.runs.filter((run) => !run.hidden).length > 1;
    const points: UndrawnPoint[] = [];
    let count = 0;
    for (const run of this.runs) {
      if (run.hidden) continue;
      const { undrawn } = this.lineOf(run);
      count += undrawn.count;
      for (const point of undrawn.first) points.push({ ...point, ...(several ? { run: run.label } : {}) });
    }
    const text = undrawnNote(points, count, formatNumber, this.settings.logScale);
    if (this.note.textContent !== text) this.note.textContent = text;
    this.note.hidden = text === '';
  }

  private chartOptions(): LineChart['options'] {
    return lineChartOptions(
      this.theme,
      this.settings,
      Boolean(this.options.compact),
      () => runsLeftOut(this.chart),
      () => this.draw(),
    );
  }
}

/** 0 for every point (one shared option), or per point a marker radius where a point stands alone. */
function isolatedPointRadii(data: readonly ChartPoint[], radius: number): number | number[] {
  let radii: number[] | undefined;
  for (let i = 0; i < data.length; i++) {
    if (data[i]!.y === null || (data[i - 1]?.y ?? null) !== null || (data[i + 1]?.y ?? null) !== null) continue;
    radii ??= new Array<number>(data.length).fill(0);
    radii[i] = radius;
  }
  return radii ?? 0;
}

function* yValues(datasets: readonly ChartDataset<'line', ChartPoint[]>[]): Iterable<number> {
  for (const dataset of datasets) {
    if (dataset.hidden) continue;
    for (const point of dataset.data) if (point.y !== null) yield point.y;
  }
}

/**
 * Mirrors the tooltip into `readout` as text (`step 120 · sgd: 0.52 · adam: 0.61`), and empties it
 * when the tooltip goes away.
 */
function tooltipReadout(readout: HTMLElement): Plugin<'line'> {
  const show = (text: string): void => {
    if (readout.textContent !== text) readout.textContent = text;
  };
  return {
    id: 'tooltipReadout',
    afterTooltipDraw: (_chart, { tooltip }) => {
      const lines = [...tooltip.title, ...tooltip.body.flatMap((item) => item.lines), ...tooltip.footer].filter(
        (line) => line !== '',
      );
      show(lines.join(' · '));
    },
    afterEvent: (chart) => {
      if ((chart.tooltip?.getActiveElements().length ?? 0) === 0) show('');
    },
  };
}
