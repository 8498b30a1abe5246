/**
 * Times as the sidebar shows them: short, relative to now, never "NaN".
 * Pure: `now` is always passed in, so the tests need no clock.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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

/** A run's duration: end - start, or now - start while it has no end; undefined without a start. */
export function runDuration(
  startTime: number | undefined,
  endTime: number | undefined,
  now: number,
): number | undefined {
  if (startTime === undefined) return undefined;
  return (endTime ?? now) - startTime;
}

/** `2026-11-20 14:03:07` in the local time zone: unambiguous and sortable. */
export function formatTimestamp(timestamp: number): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return 'unknown';
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
