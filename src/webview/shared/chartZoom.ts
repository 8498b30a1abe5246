/**
 * Zooming and panning a chart's x axis with mouse and keyboard: drag to select a range, shift-drag
 * to pan, ctrl/cmd-wheel to zoom around the cursor, double-click (or Escape, 0) to reset, arrows
 * to pan and +/- to zoom when the chart has focus. The view is shown at once; `settle` fires once
 * the user pauses, for the caller to fetch the range at full resolution.
 */
import { el } from './dom';

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
