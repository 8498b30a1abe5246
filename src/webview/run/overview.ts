/**
 * The top of the run panel: name and status, then what a person asks first about a run: when,
 * how long, who, from which code, and where it sits among other runs (parent and children open
 * in their own panels).
 */
import type { RunDetails, RunLink, WebviewMessage } from '../protocol';
import { el, keyValueTable } from '../shared/dom';
import { formatRunDuration, formatTimestamp } from '../shared/format';

export function overview(run: RunDetails, post: (message: WebviewMessage) => void): HTMLElement {
  const rows: [string, string | Node][] = [
    [
      'Status',
      el('span', {
        className: `status status-${run.status.toLowerCase()}`,
        text: run.deleted ? `${run.status} (deleted)` : run.status,
      }),
    ],
    ['Run ID', el('code', { text: run.runId })],
    ['Experiment', `${run.experimentName} (${run.experimentId})`],
    ['User', run.user || '—'],
    ['Start', formatTimestamp(run.startTime, '—')],
    ['End', formatTimestamp(run.endTime, '') || (run.status === 'RUNNING' ? 'still running' : '—')],
    ['Duration', formatRunDuration(run.startTime, run.endTime, Date.now()) || '—'],
    ['Source', run.sourceName ?? '—'],
    ['Commit', commitCell(run)],
    ['Branch', run.branch ?? '—'],
  ];
  if (run.parent) rows.push(['Parent run', runLink(run.parent, post)]);
  if (run.children.length > 0) {
    const list = el('span', { className: 'run-links' });
    run.children.forEach((child, index) => list.append(index > 0 ? ', ' : '', runLink(child, post)));
    if (run.moreChildren) list.append(', and more');
    rows.push([`Child runs (${run.children.length}${run.moreChildren ? '+' : ''})`, list]);
  }
  rows.push(['Artifact location', run.artifactUri]);
  return el(
    'section',
    { className: 'overview' },
    el(
      'h1',
      {},
      el('span', { className: 'run-title', text: run.name, title: run.name }),
      el('span', { className: `badge status-${run.status.toLowerCase()}`, text: run.status }),
    ),
    keyValueTable('Overview', rows),
  );
}

/**
 * The run's commit; else why there is none. `commit` is present only when the host accepted the
 * tag as a commit id, so a tag that is there but is something else says so (issue 14.6).
 */
function commitCell(run: RunDetails): HTMLElement {
  if (run.commit) return el('code', { text: run.commit });
  const tagged = Object.hasOwn(run.tags, 'mlflow.source.git.commit') && run.tags['mlflow.source.git.commit']?.trim();
  return el('span', { className: 'missing', text: tagged ? 'commit tag is not a commit id' : 'no git commit tag' });
}

function runLink(link: RunLink, post: (message: WebviewMessage) => void): HTMLElement {
  const element = el('a', {
    className: 'link',
    text: link.name,
    title: `Open run ${link.runId}`,
    attrs: { role: 'link', tabindex: '0' },
  });
  const open = (): void => post({ type: 'openRun', runId: link.runId });
  element.addEventListener('click', open);
  element.addEventListener('keydown', (event) => event.key === 'Enter' && open());
  return element;
}
