/**
 * Tags side by side: the user's tags (only those that differ, unless asked), and MLflow's own
 * `mlflow.*` tags in a collapsed group of their own.
 */
import { el, replaceChildren } from '../shared/dom';
import { checkbox } from '../shared/toolkit';
import type { Section } from './context';
import { sectionFrame } from './context';
import { diffValues, filterRows, splitSystemTags } from './valueDiff';
import { valueTable } from './runTable';

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
        replaceChildren(
          frame.toolbar,
          checkbox('Only differences', context.ui.tagsOnlyDifferences, (checked) =>
            context.update({ tagsOnlyDifferences: checked }, 'tags'),
          ),
        );
        frame.body.append(userHolder, system);
      }
      const { user, system: systemRows } = splitSystemTags(diffValues(context.runs.map((run) => run.tags)));
      const shown = filterRows(user, { onlyDifferences: context.ui.tagsOnlyDifferences, keyFilter: '' });
      replaceChildren(
        userHolder,
        shown.length > 0
          ? valueTable(context, 'Tags', 'Tag', shown)
          : el('p', {
              className: 'empty',
              text: user.length === 0 ? 'No tags besides MLflow’s own.' : 'The runs’ tags do not differ.',
            }),
      );
      const differing = systemRows.filter((row) => row.differs).length;
      systemSummary.textContent = `MLflow system tags (${systemRows.length}, ${differing} differ)`;
      replaceChildren(systemHolder, valueTable(context, 'MLflow system tags', 'Tag', systemRows));
    },
  };
}
