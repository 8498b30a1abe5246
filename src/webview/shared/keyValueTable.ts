/** A two-column table of keys and (possibly very long) values, e.g. a run's params or tags. */
import { el } from './dom';
import { longText } from './longText';

export function keyValueTable(label: string, rows: readonly (readonly [string, string | Node])[]): HTMLTableElement {
  const body = el('tbody');
  for (const [key, value] of rows) {
    body.appendChild(
      el(
        'tr',
        {},
        el('th', { text: key, title: key, attrs: { scope: 'row' } }),
        el('td', {}, typeof value === 'string' ? longText(value) : value),
      ),
    );
  }
  return el('table', { className: 'kv', attrs: { 'aria-label': label } }, body);
}

/** Entries of a record sorted by key as people read them. */
export function sortedEntries(record: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
}
