/**
 * Run colours derived from the theme's chart colours (`--vscode-charts-*`). The first runs get the
 * theme's colours as they are; later ones get the same hues mixed towards the foreground and then
 * the background, so 100 runs stay tellable apart and every colour follows the theme.
 */
/**
 * The theme variables whose colours the first runs of a compare panel get, in order (the runs
 * table marks a compared run with its panel's colour by them).
 */
export const RUN_COLOR_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
] as const;

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Parses `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(r, g, b)` or `rgba(r, g, b, a)`; undefined for anything else. */
export function parseColor(text: string): Rgb | undefined {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,8})$/.exec(value)?.[1];
  if (hex !== undefined) {
    if (hex.length === 3 || hex.length === 4)
      return {
        r: parseInt(hex[0]! + hex[0]!, 16),
        g: parseInt(hex[1]! + hex[1]!, 16),
        b: parseInt(hex[2]! + hex[2]!, 16),
      };
    if (hex.length === 6 || hex.length === 8)
      return { r: parseInt(hex.slice(0, 2), 16), g: parseInt(hex.slice(2, 4), 16), b: parseInt(hex.slice(4, 6), 16) };
    return undefined;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(value);
  if (rgb) return { r: clamp(Number(rgb[1])), g: clamp(Number(rgb[2])), b: clamp(Number(rgb[3])) };
  return undefined;
}

export function toCss({ r, g, b }: Rgb): string {
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** `a` mixed with `b`, `share` (0..1) of `b`. */
function mix(a: Rgb, b: Rgb, share: number): Rgb {
  return { r: a.r + (b.r - a.r) * share, g: a.g + (b.g - a.g) * share, b: a.b + (b.b - a.b) * share };
}

/** Mixing steps of later rounds: towards the foreground, then the background, a little more each round. */
const ROUNDS: readonly { towards: 'foreground' | 'background'; share: number }[] = [
  { towards: 'foreground', share: 0 },
  { towards: 'foreground', share: 0.4 },
  { towards: 'background', share: 0.4 },
  { towards: 'foreground', share: 0.65 },
  { towards: 'background', share: 0.6 },
  { towards: 'foreground', share: 0.2 },
  { towards: 'background', share: 0.2 },
];

/** `count` colours (CSS `rgb()` strings) from the theme's base chart colours. */
export function runColors(count: number, bases: readonly Rgb[], foreground: Rgb, background: Rgb): string[] {
  if (bases.length === 0) return Array.from({ length: count }, () => toCss(foreground));
  return Array.from({ length: count }, (_, index) => {
    const base = bases[index % bases.length]!;
    const round = Math.floor(index / bases.length);
    const step = ROUNDS[round % ROUNDS.length]!;
    // Beyond the listed rounds, shift the share a little more so colours keep differing.
    const share = Math.min(0.85, step.share + Math.floor(round / ROUNDS.length) * 0.07);
    return toCss(mix(base, step.towards === 'foreground' ? foreground : background, share));
  });
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Number.isFinite(value) ? value : 0));
}
