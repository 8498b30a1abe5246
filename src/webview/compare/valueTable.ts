/**
 * A table of params or tags side by side: rows whose values differ are marked, and so is each
 * cell that differs from the reference run (the baseline, else the first run); long values are
 * truncated with an expander.
 */
import { el } from '../shared/dom';
import { longText } from '../shared/longText';
import type { CompareContext } from './context';
import { runTable } from './runTable';
import type { ValueRow } from './valueDiff';
import { sameValue } from './valueDiff';

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
