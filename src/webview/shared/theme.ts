/**
 * Colours for canvases (charts), read from the `--vscode-*` variables VS Code sets on the page,
 * and a signal when they change: VS Code swaps the body's theme class and the variables on the
 * root element when the user changes theme, and the host also says so in a message.
 */
import type { Rgb } from './palette';
import { parseColor, RUN_COLOR_VARIABLES, runColors } from './palette';

export interface ChartTheme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  hoverBackground: string;
  hoverForeground: string;
  hoverBorder: string;
  fontFamily: string;
  fontSize: number;
  /** Colours for runs by position. */
  runColor(index: number): string;
}

function variable(style: CSSStyleDeclaration, name: string, fallbackName?: string): string {
  const value = style.getPropertyValue(name).trim();
  return value || (fallbackName ? style.getPropertyValue(fallbackName).trim() : '');
}

/** The current theme's colours, read afresh. */
export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const foreground = variable(style, '--vscode-editor-foreground', '--vscode-foreground');
  const background = variable(style, '--vscode-editor-background');
  const fg = parseColor(foreground) ?? { r: 128, g: 128, b: 128 };
  const bg = parseColor(background) ?? { r: 128, g: 128, b: 128 };
  const bases = RUN_COLOR_VARIABLES.map((name) => parseColor(variable(style, name))).filter(
    (rgb): rgb is Rgb => rgb !== undefined,
  );
  let colors: string[] = [];
  return {
    foreground,
    muted: variable(style, '--vscode-descriptionForeground', '--vscode-editor-foreground'),
    grid: variable(style, '--vscode-editorWidget-border', '--vscode-panel-border'),
    background,
    hoverBackground: variable(style, '--vscode-editorHoverWidget-background', '--vscode-editor-background'),
    hoverForeground: variable(style, '--vscode-editorHoverWidget-foreground', '--vscode-editor-foreground'),
    hoverBorder: variable(style, '--vscode-editorHoverWidget-border', '--vscode-editorWidget-border'),
    fontFamily: variable(style, '--vscode-font-family') || 'sans-serif',
    fontSize: Number.parseFloat(variable(style, '--vscode-font-size')) || 13,
    runColor(index: number): string {
      if (index >= colors.length) colors = runColors(Math.max(index + 1, colors.length * 2, 16), bases, fg, bg);
      return colors[index]!;
    },
  };
}

/**
 * Calls `onChange` (once per burst) when the theme changes: the body's class or the root's
 * variables change, or `notify()` is called on the host's message.
 */
export function watchTheme(onChange: () => void): { notify(): void } {
  let pending = false;
  const schedule = (): void => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return { notify: schedule };
}
