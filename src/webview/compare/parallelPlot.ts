/**
 * A parallel-coordinates plot drawn on a canvas: one vertical axis per parameter that differs
 * and the chosen metric last, one line per run in its colour. Text is drawn on the canvas, never
 * parsed as markup.
 */
import type { ChartTheme } from '../shared/theme';
import type { ParallelLayout } from './parallelLayout';

const PAD = { left: 60, right: 80, top: 34, bottom: 24 };

export function drawParallel(
  canvas: HTMLCanvasElement,
  layout: ParallelLayout,
  colors: readonly string[],
  hidden: ReadonlySet<number>,
  theme: ChartTheme,
): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 800;
  const height = canvas.clientHeight || 320;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d')!;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const axes = layout.axes.length;
  if (axes === 0) return;
  const xOf = (axis: number): number =>
    PAD.left + (axes === 1 ? 0 : (axis * (width - PAD.left - PAD.right)) / (axes - 1));
  const yOf = (at: number): number => height - PAD.bottom - at * (height - PAD.top - PAD.bottom);
  context.font = `${Math.max(9, theme.fontSize - 2)}px ${theme.fontFamily}`;
  context.lineWidth = 1.5;
  layout.positions.forEach((positions, run) => {
    if (hidden.has(run)) return;
    context.strokeStyle = colors[run] ?? theme.foreground;
    context.beginPath();
    let drawing = false;
    positions.forEach((at, axis) => {
      if (at === undefined) {
        drawing = false;
        return;
      }
      if (drawing) context.lineTo(xOf(axis), yOf(at));
      else context.moveTo(xOf(axis), yOf(at));
      drawing = true;
    });
    context.stroke();
  });
  context.lineWidth = 1;
  layout.axes.forEach((axis, index) => {
    const x = xOf(index);
    context.strokeStyle = theme.grid || theme.muted;
    context.beginPath();
    context.moveTo(x, yOf(0));
    context.lineTo(x, yOf(1));
    context.stroke();
    context.fillStyle = theme.foreground;
    context.textAlign = 'center';
    context.fillText(clip(axis.label, 22), x, PAD.top - 14);
    context.fillStyle = theme.muted;
    context.textAlign = index === axes - 1 ? 'left' : 'right';
    const every = Math.max(1, Math.ceil(axis.ticks.length / 12));
    axis.ticks.forEach((tick, tickIndex) => {
      if (tickIndex % every === 0)
        context.fillText(clip(tick.label, 14), x + (index === axes - 1 ? 6 : -6), yOf(tick.at) + 4);
    });
  });
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
