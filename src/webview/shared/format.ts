/**
 * How times and numbers read, in the sidebar (host) and in the panels (webviews) alike: one module,
 * pure and free of the DOM, so host code imports it too. Every function that depends on the clock
 * takes `now`, so the tests need no clock.
 */
import { nonFiniteText } from './nonFinite';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `1 run`, `12 runs`: how many runs have a key or a value, in a completion or a pick list. */
export function formatRunCount(runs: number): string {
  return runs === 1 ? '1 run' : `${runs} runs`;
}

/** A metric value for a panel's table cell: six significant digits, exponents for the very large and small. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e12) return String(value);
  if (magnitude >= 1e9 || magnitude < 1e-4) return trimExponent(value.toExponential(4));
  return trimZeros(value.toPrecision(6));
}

/**
 * A metric value for a narrow tree row: four significant digits, exponents for the very large and
 * the very small, and MLflow's special values spelled out (NaN, ±Infinity arrive as numbers; the
 * stores read MLflow's clamped ±1.7976931348623157e308 back as ±Infinity).
 */
export function formatMetricValue(value: number): string {
  const special = nonFiniteText(value);
  if (special !== undefined) return special;
  if (value === 0) return '0';
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return trimExponent(value.toExponential(3));
  return trimZeros(value.toPrecision(4));
}

/** `+3.2%`, `-0.05%`, `+1.2e3%`. */
export function formatPercent(value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '-' : '±';
  const magnitude = Math.abs(value);
  const body =
    magnitude >= 1e4
      ? trimExponent(magnitude.toExponential(1))
      : magnitude >= 100
        ? magnitude.toFixed(0)
        : magnitude.toPrecision(2);
  return `${sign}${trimZeros(body)}%`;
}

/** `512 B`, `3.4 KB`, `12 MB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * `2026-11-20 14:03:07` in the local time zone: unambiguous and sortable. `unknown` is what a
 * missing or impossible time reads as: the sidebar's tooltip says `unknown`, a panel's cell stays
 * empty or shows its own mark.
 */
export function formatTimestamp(timestamp: number | undefined, unknown = 'unknown'): string {
  if (timestamp === undefined) return unknown;
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return unknown;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `just now`, `5 min ago`, `3 h ago`, `yesterday`, `12 days ago`, `4 mo ago`, `2 y ago` (or `in …` for clock skew). */
export function relativeTime(timestamp: number, now: number): string {
  const delta = now - timestamp;
  const span = Math.abs(delta);
  if (span < 45 * SECOND) return 'just now';
  const phrase = relativePhrase(span);
  if (delta < 0) return `in ${phrase}`;
  return phrase === '1 day' ? 'yesterday' : `${phrase} ago`;
}

function relativePhrase(span: number): string {
  if (span < HOUR) return `${Math.max(1, Math.round(span / MINUTE))} min`;
  if (span < DAY) return `${Math.round(span / HOUR)} h`;
  const days = Math.round(span / DAY);
  if (days < 30) return days === 1 ? '1 day' : `${days} days`;
  if (days < 365) return `${Math.max(1, Math.round(days / 30.4))} mo`;
  return `${Math.max(1, Math.round(days / 365.25))} y`;
}

/** `820ms`, `45s`, `3m 20s`, `1h 02m`, `2d 3h`; a negative span (skewed clocks) counts as zero. */
export function formatDuration(milliseconds: number): string {
  const span = Math.max(0, Math.round(milliseconds));
  if (span < SECOND) return `${span}ms`;
  if (span < MINUTE) return `${Math.floor(span / SECOND)}s`;
  if (span < HOUR) return `${Math.floor(span / MINUTE)}m ${pad(Math.floor((span % MINUTE) / SECOND))}s`;
  if (span < DAY) return `${Math.floor(span / HOUR)}h ${pad(Math.floor((span % HOUR) / MINUTE))}m`;
  return `${Math.floor(span / DAY)}d ${Math.floor((span % DAY) / HOUR)}h`;
}

/** A run's duration in ms: end - start, or now - start while it has no end; undefined without a start. */
export function runDuration(
  startTime: number | undefined,
  endTime: number | undefined,
  now: number,
): number | undefined {
  if (startTime === undefined) return undefined;
  return (endTime ?? now) - startTime;
}

/** A run's duration as text (see {@link runDuration}); '' without a start, so a panel's cell stays empty. */
export function formatRunDuration(startTime: number | undefined, endTime: number | undefined, now: number): string {
  const span = runDuration(startTime, endTime, now);
  return span === undefined ? '' : formatDuration(span);
}

/** An x axis value: a step, a wall-clock time (HH:MM:SS, with the date when it is not today) or a time since start. */
export function formatXValue(value: number, mode: 'step' | 'wallTime' | 'relativeTime'): string {
  if (mode === 'step') return formatNumber(value);
  if (mode === 'relativeTime') return formatDuration(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const today = new Date();
  return date.toDateString() === today.toDateString()
    ? time
    : `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Drops a fraction's trailing zeros; an exponent form is left alone (its mantissa is trimmed by trimExponent). */
function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}

function trimExponent(text: string): string {
  const [mantissa = text, exponent = ''] = text.split('e');
  return `${trimZeros(mantissa)}e${exponent.replace('+', '')}`;
}
