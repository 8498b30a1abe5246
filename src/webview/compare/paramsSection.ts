/**
 * Parameters side by side: the union of keys, one row each; rows whose values differ are marked and
 * so are the cells that differ from the baseline (or the first run); "Only differences" (on by
 * default above 5 params), a filter over keys, long values truncated with an expander, CSV export.
 */
import { el, replaceChildren } from '../shared/dom';
import { button, checkbox, textField } from '../shared/toolkit';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import { paramsCsv } from './exportCsv';
import { valueTable } from './runTable';
import type { ValueRow } from './valueDiff';
import { ONLY_DIFFERENCES_ABOVE, diffValues, filterRows } from './valueDiff';

export function paramsSection(): Section {
  const frame = sectionFrame('Parameters', 'params');
  let rendered = false;
  let rows: ValueRow[] = [];
  const tableHolder = el('div', { className: 'table-scroll' });
  const count = el('span', { className: 'count' });

  const draw = (context: CompareContext): void => {
    const onlyDifferences = context.ui.onlyDifferences ?? rows.length > ONLY_DIFFERENCES_ABOVE;
    const shown = filterRows(rows, { onlyDifferences, keyFilter: context.ui.paramFilter });
    count.textContent = `${shown.length} of ${rows.length} params${onlyDifferences ? ', only differences' : ''}`;
    if (rows.length === 0)
      return replaceChildren(
        tableHolder,
        el('p', { className: 'empty', text: 'None of these runs logged a parameter.' }),
      );
    replaceChildren(tableHolder, valueTable(context, 'Parameters', 'Parameter', shown));
  };

  return {
    name: 'params',
    element: frame.element,
    render(context) {
      rows = diffValues(context.runs.map((run) => run.params));
      if (!rendered) {
        rendered = true;
        const onlyDifferences = context.ui.onlyDifferences ?? rows.length > ONLY_DIFFERENCES_ABOVE;
        replaceChildren(
          frame.toolbar,
          textField(
            'Filter parameters',
            (value) => {
              context.update({ paramFilter: value });
              draw(context);
            },
            context.ui.paramFilter,
          ),
          checkbox('Only differences', onlyDifferences, (checked) => {
            context.update({ onlyDifferences: checked });
            draw(context);
          }),
          count,
          button(
            'Export CSV',
            () =>
              context.post({
                type: 'saveFile',
                format: 'csv',
                name: 'params.csv',
                content: paramsCsv(context.runs, rows),
              }),
            { secondary: true, title: 'Save every parameter of these runs as CSV' },
          ),
        );
        frame.body.appendChild(tableHolder);
      }
      draw(context);
    },
  };
}
