/**
 * Tags side by side: the user's tags (only those that differ, unless asked), and MLflow's own
 * `mlflow.*` tags in a collapsed group of their own.
 */
import { el, replaceChildren } from '../shared/dom';
import { longText } from '../shared/longText';
import { checkbox } from '../shared/toolkit';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import { runTable } from './runTable';
import type { ValueRow } from './valueDiff';
import { diffValues, filterRows, sameValue, splitSystemTags } from './valueDiff';

export function tagsSection(): Section {
  const frame = sectionFrame('Tags', 'tags');
  const userHolder = el('div', { className: 'table-scroll' });
  const systemHolder = el('div', { className: 'table-scroll' });
  const systemSummary = el('summary');
  const system = el('details', { className: 'system-tags' }, systemSummary, systemHolder);
  let rendered = false;

  return {
    name: 'tags',
    element: frame.element,
    render(context) {
      if (!rendered) {
        rendered = true;
        replaceChildren(frame.toolbar, checkbox('Only differences', context.ui.tagsOnlyDifferences, (checked) => context.update({ tagsOnlyDifferences: checked }, 'tags')));
        frame.body.append(userHolder, system);
      }
      const { user, system: systemRows } = splitSystemTags(diffValues(context.runs.map((run) => run.tags)));
      const shown = filterRows(user, { onlyDifferences: context.ui.tagsOnlyDifferences, keyFilter: '' });
      replaceChildren(
        userHolder,
        shown.length > 0
          ? tagTable(context, 'Tags', shown)
          : el('p', { className: 'empty', text: user.length === 0 ? 'No tags besides MLflow’s own.' : 'The runs’ tags do not differ.' }),
      );
      const differing = systemRows.filter((row) => row.differs).length;
      systemSummary.textContent = `MLflow system tags (${systemRows.length}, ${differing} differ)`;
      replaceChildren(systemHolder, tagTable(context, 'MLflow system tags', systemRows));
    },
  };
}

function tagTable(context: CompareContext, label: string, rows: readonly ValueRow[]): HTMLTableElement {
  const reference = context.baselineIndex ?? 0;
  return runTable(
    label,
    context.columns,
    rows.map((row) => ({
      key: el('span', { text: row.key, title: row.key }),
      className: row.differs ? 'differs' : '',
      cells: row.values.map((value, index) => {
        const cell = longText(value);
        if (row.differs && index !== reference && !sameValue(value, row.values[reference])) cell.classList.add('changed');
        return cell;
      }),
    })),
    { keyHeader: 'Tag' },
  );
}
