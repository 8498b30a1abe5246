/**
 * The runs being compared, one column each: colour and name (click to open the run), status,
 * user, start, duration, experiment and short commit; mark one as the baseline, or remove it.
 */
import { el, replaceChildren } from '../shared/dom';
import { formatRunDuration, formatTimestamp } from '../shared/format';
import { shortCommitId } from '../shared/mlflowIds';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import { runTable } from './runTable';

export function headerSection(): Section {
  const frame = sectionFrame('Runs', 'runs');
  return {
    name: 'header',
    element: frame.element,
    render(context) {
      replaceChildren(frame.summary.firstElementChild!, `Runs (${context.runs.length})`);
      replaceChildren(frame.body, el('div', { className: 'table-scroll' }, table(context)));
    },
  };
}

function table(context: CompareContext): HTMLTableElement {
  const now = Date.now();
  const { runs } = context;
  const row = (key: string, cells: (string | Node)[], className?: string) => ({ key, cells, className });
  return runTable('Runs', context.columns, [
    row(
      'Name',
      runs.map((run) => runLink(context, run.runId, run.name)),
    ),
    row(
      'Status',
      runs.map((run) =>
        el('span', {
          className: `status status-${run.status.toLowerCase()}`,
          text: run.deleted ? `${run.status} (deleted)` : run.status,
        }),
      ),
    ),
    row(
      'User',
      runs.map((run) => run.user),
    ),
    row(
      'Start',
      runs.map((run) => formatTimestamp(run.startTime, '')),
    ),
    row(
      'Duration',
      runs.map((run) => formatRunDuration(run.startTime, run.endTime, now)),
    ),
    row(
      'Experiment',
      runs.map((run) =>
        el('span', {
          className: 'clamp',
          text: run.experimentName,
          title: `${run.experimentName} (experiment ${run.experimentId})`,
        }),
      ),
    ),
    row(
      'Commit',
      runs.map((run) =>
        run.commit
          ? el('code', { text: shortCommitId(run.commit), title: run.commit })
          : el('span', { className: 'missing', text: 'none' }),
      ),
    ),
    row(
      '',
      runs.map((run, index) => actions(context, run.runId, index)),
    ),
  ]);
}

function runLink(context: CompareContext, runId: string, name: string): HTMLElement {
  const link = el('a', {
    className: 'link run-link clamp',
    text: name,
    title: `${name}\nOpen run ${runId}`,
    attrs: { role: 'link', tabindex: '0' },
  });
  const open = (): void => context.post({ type: 'openRun', runId });
  link.addEventListener('click', open);
  link.addEventListener('keydown', (event) => event.key === 'Enter' && open());
  return link;
}

function actions(context: CompareContext, runId: string, index: number): HTMLElement {
  const isBaseline = context.baselineIndex === index;
  const baseline = el('button', {
    className: isBaseline ? 'baseline-toggle on' : 'baseline-toggle',
    text: isBaseline ? '★ Baseline' : '☆ Baseline',
    title: isBaseline ? 'This run is the baseline: click to clear' : 'Compare the other runs against this one',
    attrs: { type: 'button', 'aria-pressed': String(isBaseline) },
  });
  baseline.addEventListener('click', () =>
    context.update({ baselineRunId: isBaseline ? undefined : runId }, 'header', 'params', 'metrics', 'tags', 'code'),
  );
  const remove = el('button', {
    className: 'remove-run',
    text: '✕',
    title: 'Remove this run from the comparison',
    attrs: { type: 'button', 'aria-label': 'Remove run' },
  });
  remove.disabled = context.runs.length <= 1;
  remove.addEventListener('click', () => context.post({ type: 'removeRun', runId }));
  return el('span', { className: 'run-actions' }, baseline, remove);
}
