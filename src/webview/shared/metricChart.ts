/**
 * One metric's chart: every run's history overlaid in its colour, drawn with chart.js from points
 * thinned to the pixels in view (chartSeries.ts), so 100 runs of 100,000 steps draw and pan
 * without delay. Zoom by dragging a range (shift-drag pans, ctrl-wheel zooms, double-click
 * resets); when the view settles, `onViewChange` says which steps are shown, so the caller can
 * fetch them at full resolution. Colours come from the theme and are re-read on `setTheme`.
 * Below the chart, its parts: chart.js options and tooltip, the nearest-per-run hover mode, the
 * drag zoom, and the PNG export.
 */
import type { ChartDataset, InteractionItem, InteractionModeFunction, Plugin, TooltipItem } from 'chart.js';
import {
  Chart,
  Interaction,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { StepRange } from '../protocol';
import type { ChartPoint, Columns, Line, LineOptions } from './chartSeries';
import {
  nearestIndex,
  pointsInView,
  prepareLine,
  robustRange,
  safeRange,
  safeYRange,
  stepsInView,
  xExtent,
} from './chartSeries';
import { el, inNextFreeFrame } from './dom';
import { formatNumber, formatXValue } from './format';
import type { UndrawnPoint } from './nonFinite';
import { undrawnNote } from './nonFinite';
import type { ChartTheme } from './theme';

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

/**
 * How a metric chart looks and behaves in chart.js terms: no animation, pre-thinned data taken as
 * it is, the theme's colours and font, ticks formatted for the x axis in use, and a tooltip that
 * lists the runs nearest the cursor by value.
 */

/** The options of a metric chart; `leftOut` says how many runs the tooltip had no room for. */
export function lineChartOptions(
  theme: ChartTheme,
  settings: LineOptions,
  compact: boolean,
  leftOut: () => number,
  onResize: () => void,
): LineChart['options'] {
  const font = { family: theme.fontFamily, size: Math.max(9, theme.fontSize - (compact ? 3 : 2)) };
  const ticks = { color: theme.muted, font, maxTicksLimit: compact ? 4 : 8 };
  const xMode = settings.xMode;
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    events: ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
    interaction: { mode: nearestPerRunMode, intersect: false, axis: 'x' },
    onResize: () => queueMicrotask(onResize),
    scales: {
      x: {
        type: 'linear',
        grid: { color: theme.grid },
        border: { color: theme.grid },
        ticks: { ...ticks, callback: (value) => formatXValue(Number(value), xMode) },
      },
      y: {
        type: settings.logScale ? 'logarithmic' : 'linear',
        grid: { color: theme.grid },
        border: { color: theme.grid },
        ticks: { ...ticks, callback: (value) => formatNumber(Number(value)) },
      },
    },
    plugins: {
      tooltip: {
        backgroundColor: theme.hoverBackground,
        titleColor: theme.hoverForeground,
        bodyColor: theme.hoverForeground,
        footerColor: theme.muted,
        borderColor: theme.hoverBorder,
        borderWidth: 1,
        titleFont: font,
        bodyFont: font,
        footerFont: font,
        itemSort: (a, b) => (b.parsed.y ?? -Infinity) - (a.parsed.y ?? -Infinity),
        callbacks: {
          title: (items) =>
            items[0] ? `${xMode === 'step' ? 'step ' : ''}${formatXValue(items[0].parsed.x ?? 0, xMode)}` : '',
          label: (item: TooltipItem<'line'>) =>
            `${item.dataset.label ?? ''}: ${formatNumber(item.parsed.y ?? Number.NaN)}`,
          footer: () => {
            const left = leftOut();
            return left > 0 ? `+${left} more runs` : '';
          },
        },
      },
    },
  };
}

/**
 * The chart's hover: for every run shown, its point nearest the cursor's x (runs are logged at
 * different steps, so chart.js' own `index` and `x` modes would miss most of them). With many
 * runs the tooltip lists those whose line passes closest to the cursor, and says how many more.
 */
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

/**
 * Zooming and panning a chart's x axis with mouse and keyboard: drag to select a range, shift-drag
 * to pan, ctrl/cmd-wheel to zoom around the cursor, double-click (or Escape, 0) to reset, arrows
 * to pan and +/- to zoom when the chart has focus. The view is shown at once; `settle` fires once
 * the user pauses, for the caller to fetch the range at full resolution.
 */
export interface XRange {
  min: number;
  max: number;
}

export interface ZoomTarget {
  valueAt(pixel: number): number;
  pixelAt(value: number): number;
  area(): { left: number; right: number; top: number; bottom: number };
  /** The x range shown now (the whole extent when not zoomed). */
  current(): XRange | undefined;
  zoomed(): boolean;
  show(range: XRange | undefined): void;
  settle(range: XRange | undefined): void;
}

const SETTLE_MS = 300;
const MIN_DRAG_PIXELS = 4;

export class ChartZoom {
  private readonly selection = el('div', { className: 'zoom-selection', attrs: { hidden: '' } });
  private drag: { startX: number; mode: 'select' | 'pan'; startRange: XRange } | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly abort = new AbortController();

  constructor(
    frame: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
    private readonly target: ZoomTarget,
  ) {
    frame.appendChild(this.selection);
    canvas.tabIndex = 0;
    const signal = this.abort.signal;
    canvas.addEventListener('pointerdown', (event) => this.down(event), { signal });
    canvas.addEventListener('pointermove', (event) => this.move(event), { signal });
    canvas.addEventListener('pointerup', (event) => this.up(event), { signal });
    canvas.addEventListener('dblclick', () => this.reset(), { signal });
    canvas.addEventListener('wheel', (event) => this.wheel(event), { signal, passive: false });
    canvas.addEventListener('keydown', (event) => this.key(event), { signal });
  }

  zoomTo(min: number, max: number): void {
    // A view must have a width chart.js can divide: not empty, not reversed, not NaN or infinite.
    if (!(max > min) || !Number.isFinite(max - min)) return;
    this.apply({ min, max });
  }

  reset(): void {
    if (!this.target.zoomed()) return;
    this.target.show(undefined);
    this.scheduleSettle(undefined);
  }

  dispose(): void {
    this.abort.abort();
    clearTimeout(this.settleTimer);
  }

  private apply(range: XRange): void {
    this.target.show(range);
    this.scheduleSettle(range);
  }

  private scheduleSettle(range: XRange | undefined): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.target.settle(range), SETTLE_MS);
  }

  private down(event: PointerEvent): void {
    const range = this.target.current();
    if (event.button !== 0 || !range) return;
    const mode = event.shiftKey && this.target.zoomed() ? 'pan' : 'select';
    this.drag = { startX: event.offsetX, mode, startRange: range };
    this.canvas.setPointerCapture(event.pointerId);
  }

  private move(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    if (drag.mode === 'pan') {
      const shift = this.target.valueAt(drag.startX) - this.target.valueAt(event.offsetX);
      this.target.show({ min: drag.startRange.min + shift, max: drag.startRange.max + shift });
      return;
    }
    const area = this.target.area();
    const left = Math.max(area.left, Math.min(drag.startX, event.offsetX));
    const right = Math.min(area.right, Math.max(drag.startX, event.offsetX));
    this.selection.hidden = right - left < MIN_DRAG_PIXELS;
    this.selection.style.left = `${left}px`;
    this.selection.style.width = `${right - left}px`;
    this.selection.style.top = `${area.top}px`;
    this.selection.style.height = `${area.bottom - area.top}px`;
  }

  private up(event: PointerEvent): void {
    const drag = this.drag;
    this.drag = undefined;
    this.selection.hidden = true;
    if (!drag) return;
    if (drag.mode === 'pan') {
      const shift = this.target.valueAt(drag.startX) - this.target.valueAt(event.offsetX);
      this.zoomTo(drag.startRange.min + shift, drag.startRange.max + shift);
    } else if (Math.abs(event.offsetX - drag.startX) >= MIN_DRAG_PIXELS) {
      const [a, b] = [this.target.valueAt(drag.startX), this.target.valueAt(event.offsetX)];
      this.zoomTo(Math.min(a, b), Math.max(a, b));
    }
  }

  private wheel(event: WheelEvent): void {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    const range = this.target.current();
    if (!range) return;
    const center = this.target.valueAt(event.offsetX);
    this.scale(range, center, event.deltaY < 0 ? 0.8 : 1.25);
  }

  private key(event: KeyboardEvent): void {
    const range = this.target.current();
    if (!range) return;
    const width = range.max - range.min;
    const center = (range.min + range.max) / 2;
    if (event.key === 'ArrowLeft' && this.target.zoomed()) this.zoomTo(range.min - width / 10, range.max - width / 10);
    else if (event.key === 'ArrowRight' && this.target.zoomed())
      this.zoomTo(range.min + width / 10, range.max + width / 10);
    else if (event.key === '+' || event.key === '=') this.scale(range, center, 0.8);
    else if (event.key === '-' && this.target.zoomed()) this.scale(range, center, 1.25);
    else if (event.key === 'Escape' || event.key === '0') this.reset();
    else return;
    event.preventDefault();
  }

  private scale(range: XRange, center: number, factor: number): void {
    this.zoomTo(center - (center - range.min) * factor, center + (range.max - center) * factor);
  }
}

/**
 * A chart's canvas as a PNG data URL for saving: on the editor's background (a canvas is
 * transparent, which reads badly in an image viewer), with the chart's title drawn above it.
 */
export function chartPng(source: HTMLCanvasElement, pixelRatio: number, theme: ChartTheme, title: string): string {
  const band = Math.round(24 * pixelRatio);
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height + band;
  const context = out.getContext('2d')!;
  context.fillStyle = theme.background || 'white';
  context.fillRect(0, 0, out.width, out.height);
  context.fillStyle = theme.foreground || 'black';
  context.font = `${Math.round(theme.fontSize * pixelRatio)}px ${theme.fontFamily}`;
  context.fillText(title, 8 * pixelRatio, band * 0.7);
  context.drawImage(source, 0, band);
  return out.toDataURL('image/png');
}
