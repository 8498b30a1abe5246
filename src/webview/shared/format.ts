/** How values read in the panels: numbers to six significant digits, times, durations, sizes. */

/** A metric value for a table cell: six significant digits, exponents for the very large and small. */
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

/** `2026-11-20 14:03:07` in the local time zone; '' when unknown. */
export function formatTimestamp(timestamp: number | undefined): string {
  if (timestamp === undefined) return '';
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return '';
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `820ms`, `45s`, `3m 20s`, `1h 02m`, `2d 3h`. */
export function formatDuration(milliseconds: number): string {
  const span = Math.max(0, Math.round(milliseconds));
  if (span < 1000) return `${span}ms`;
  const seconds = Math.floor(span / 1000);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ${pad(Math.floor((seconds % 3600) / 60))}m`;
  return `${Math.floor(seconds / 86400)}d ${Math.floor((seconds % 86400) / 3600)}h`;
}

/** A run's duration: end - start, or now - start while running; '' without a start. */
export function runDuration(startTime: number | undefined, endTime: number | undefined, now: number): string {
  return startTime === undefined ? '' : formatDuration((endTime ?? now) - startTime);
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

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}

function trimExponent(text: string): string {
  const [mantissa = text, exponent = ''] = text.split('e');
  return `${trimZeros(mantissa)}e${exponent.replace('+', '')}`;
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
