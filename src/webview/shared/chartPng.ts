import type { ChartTheme } from './theme';

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
