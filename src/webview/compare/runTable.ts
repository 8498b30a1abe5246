/**
 * The grid every compare table shares: the first column names the row, then one fixed-width
 * column per run, headed by the run's colour and name, so the columns of the header, params,
 * metrics and tags tables line up and stay identifiable while scrolling.
 */
import type { Child } from '../shared/dom';
import { el, longText } from '../shared/dom';
import type { CompareContext } from './context';
import type { ValueRow } from './valueDiff';
import { sameValue } from './valueDiff';

export interface RunColumn {
  runId: string;
  name: string;
  color: string;
  isBaseline: boolean;
}

export interface TableRow {
  key: Child;
  cells: Child[];
  className?: string;
}

/** A colour chip for a run. */
export function swatch(color: string): HTMLElement {
  const chip = el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
  chip.style.backgroundColor = color;
  return chip;
}

/** A table with one column per run; `onRunHeader` makes the run headers clickable (e.g. to sort). */
export function runTable(
  label: string,
  columns: readonly RunColumn[],
  rows: readonly TableRow[],
  options: { keyHeader?: Child; onRunHeader?: (index: number) => void; runHeaderMark?: (index: number) => string } = {},
): HTMLTableElement {
  const colgroup = el(
    'colgroup',
    {},
    el('col', { className: 'key-col' }),
    ...columns.map(() => el('col', { className: 'run-col' })),
  );
  const headerCells = columns.map((column, index) => {
    const mark = options.runHeaderMark?.(index) ?? '';
    const th = el(
      'th',
      { className: column.isBaseline ? 'run-head baseline' : 'run-head', title: column.name, attrs: { scope: 'col' } },
      swatch(column.color),
      el('span', { className: 'run-name', text: column.name }),
      mark && el('span', { className: 'sort-mark', text: mark }),
    );
    if (options.onRunHeader) {
      th.classList.add('sortable');
      th.tabIndex = 0;
      th.addEventListener('click', () => options.onRunHeader!(index));
      th.addEventListener('keydown', (event) => event.key === 'Enter' && options.onRunHeader!(index));
    }
    return th;
  });
  const head = el(
    'thead',
    {},
    el('tr', {}, el('th', { className: 'key-head', attrs: { scope: 'col' } }, options.keyHeader ?? ''), ...headerCells),
  );
  const body = el('tbody');
  for (const row of rows) {
    body.appendChild(
      el(
        'tr',
        { className: row.className ?? '' },
        el('th', { className: 'key', attrs: { scope: 'row' } }, row.key),
        ...row.cells.map((cell) => el('td', {}, cell)),
      ),
    );
  }
  const table = el('table', { className: 'runs-table', attrs: { 'aria-label': label } }, colgroup, head, body);
  // The table's width is its columns' (see webview.css), so long names never squeeze the row headers.
  table.style.setProperty('--runs', String(columns.length));
  return table;
}

/**
 * A table of params or tags side by side: rows whose values differ are marked, and so is each
 * cell that differs from the reference run (the baseline, else the first run); long values are
 * truncated with an expander.
 */
export function valueTable(
  context: CompareContext,
  label: string,
  keyHeader: string,
  rows: readonly ValueRow[],
): HTMLTableElement {
  const reference = context.baselineIndex ?? 0;
  return runTable(
    label,
    context.columns,
    rows.map((row) => ({
      key: el('span', { text: row.key, title: row.key }),
      className: row.differs ? 'differs' : '',
      cells: row.values.map((value, index) => {
        const cell = longText(value);
        if (row.differs && index !== reference && !sameValue(value, row.values[reference]))
          cell.classList.add('changed');
        return cell;
      }),
    })),
    { keyHeader },
  );
}
