/**
 * The code behind the runs: per run its commit, branch and source file (click to open the file as
 * it was at that commit, beside the panel); for two runs, the files that changed between their
 * commits, each opening VS Code's diff editor. Runs without a commit, or at the same commit, are
 * said to be so plainly. Everything is looked up by the host; this only shows it.
 */
import type { CodeDiff, HostMessage, RunCode } from '../protocol';
import { el, replaceChildren } from '../shared/dom';
import { dropdown, progressRing } from '../shared/toolkit';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import { runTable } from './runTable';

const STATUS_LETTER: Record<string, string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R', copied: 'C', typeChanged: 'T', unmerged: 'U', untracked: '?', unknown: 'X' };

export interface CodeSection extends Section {
  receive(context: CompareContext, message: Extract<HostMessage, { type: 'codeInfo' | 'codeDiff' }>): void;
}

export function codeSection(): CodeSection {
  const frame = sectionFrame('Code', 'code');
  const runsHolder = el('div', { className: 'table-scroll' });
  const diffHolder = el('div', { className: 'code-diff' });
  let code: RunCode[] | undefined;
  let pair: { from: string; to: string } | undefined;
  let diffRequest = '';
  let requests = 0;
  frame.body.append(runsHolder, diffHolder);

  const askDiff = (context: CompareContext): void => {
    if (!pair) return;
    requests += 1;
    diffRequest = `diff-${requests}`;
    replaceChildren(diffHolder, el('div', { className: 'loading' }, progressRing(), 'Comparing commits…'));
    context.post({ type: 'requestCodeDiff', requestId: diffRequest, fromRunId: pair.from, toRunId: pair.to });
  };

  const draw = (context: CompareContext): void => {
    if (!code) return replaceChildren(runsHolder, el('div', { className: 'loading' }, progressRing(), 'Looking for the runs’ code in the workspace…'));
    replaceChildren(runsHolder, codeTable(context, code));
    const withCommit = context.runs.filter((run) => code!.some((entry) => entry.runId === run.runId && entry.commit));
    if (withCommit.length === 0) {
      replaceChildren(frame.toolbar);
      pair = undefined;
      return replaceChildren(diffHolder, el('p', { className: 'notice', text: 'None of these runs has a git commit tag (mlflow.source.git.commit), so their code cannot be compared.' }));
    }
    if (context.runs.length < 2 || withCommit.length < 2) {
      replaceChildren(frame.toolbar);
      pair = undefined;
      return replaceChildren(diffHolder, el('p', { className: 'notice', text: context.runs.length < 2 ? 'Add another run to compare code.' : 'Only one of these runs has a git commit tag, so there is nothing to compare its code with.' }));
    }
    const baseline = context.baselineIndex === undefined ? undefined : context.runs[context.baselineIndex];
    const from = pair && withCommit.some((run) => run.runId === pair!.from) ? pair.from : (baseline && withCommit.includes(baseline) ? baseline : withCommit[0]!).runId;
    const fromCommit = code.find((entry) => entry.runId === from)?.commit;
    const to =
      pair && pair.to !== from && withCommit.some((run) => run.runId === pair!.to)
        ? pair.to
        : (withCommit.find((run) => run.runId !== from && code!.find((entry) => entry.runId === run.runId)?.commit !== fromCommit) ?? withCommit.find((run) => run.runId !== from)!).runId;
    const choices = withCommit.map((run) => ({ value: run.runId, label: `${run.name} (${run.commit?.slice(0, 7) ?? ''})` }));
    replaceChildren(
      frame.toolbar,
      el('label', { className: 'control' }, 'Changes from ', dropdown('Older run', choices, from, (value) => {
        pair = { from: value, to: pair?.to ?? to };
        askDiff(context);
      })),
      el('label', { className: 'control' }, ' to ', dropdown('Newer run', choices, to, (value) => {
        pair = { from: pair?.from ?? from, to: value };
        askDiff(context);
      })),
    );
    if (!pair || pair.from !== from || pair.to !== to) {
      pair = { from, to };
      askDiff(context);
    }
  };

  return {
    name: 'code',
    element: frame.element,
    render: draw,
    receive(context, message) {
      if (message.type === 'codeInfo') {
        code = message.runs;
        draw(context);
      } else if (message.requestId === diffRequest) {
        replaceChildren(diffHolder, diffView(context, message.diff));
      }
    },
  };
}

function codeTable(context: CompareContext, code: readonly RunCode[]): HTMLTableElement {
  const byRun = new Map(code.map((entry) => [entry.runId, entry]));
  const entries = context.runs.map((run) => byRun.get(run.runId));
  const text = (value: string | undefined): Node => (value ? el('code', { text: value }) : el('span', { className: 'missing', text: 'none' }));
  return runTable('Code of the runs', context.columns, [
    { key: 'Commit', cells: entries.map((entry) => (entry?.commit ? el('code', { text: entry.commit.slice(0, 7), title: entry.commit }) : el('span', { className: 'missing', text: 'no commit tag' }))) },
    { key: 'Branch', cells: entries.map((entry) => text(entry?.branch)) },
    {
      key: 'Source',
      cells: entries.map((entry) => {
        if (!entry?.sourceName) return el('span', { className: 'missing', text: 'none' });
        if (!entry.sourceLinkId) return el('span', { text: entry.sourceName, title: entry.problem ?? '' });
        const linkId = entry.sourceLinkId;
        const link = el('a', { className: 'link', text: entry.sourceName, title: 'Open this file as it was at the run’s commit', attrs: { role: 'link', tabindex: '0' } });
        link.addEventListener('click', () => context.post({ type: 'openSource', linkId }));
        link.addEventListener('keydown', (event) => event.key === 'Enter' && context.post({ type: 'openSource', linkId }));
        return link;
      }),
    },
    { key: '', cells: entries.map((entry) => (entry?.problem ? el('span', { className: 'problem', text: entry.problem }) : '')) },
  ]);
}

function diffView(context: CompareContext, diff: CodeDiff): HTMLElement {
  if (diff.kind !== 'changes') return el('p', { className: diff.kind === 'sameCommit' ? 'notice same-commit' : 'notice problem', text: diff.message });
  const list = el('ul', { className: 'changed-files' });
  for (const file of diff.files) {
    const link = el('a', { className: 'link', text: file.oldPath ? `${file.oldPath} → ${file.path}` : file.path, title: 'Open the diff beside the panel', attrs: { role: 'link', tabindex: '0' } });
    const open = (): void => context.post({ type: 'openDiff', fileId: file.fileId });
    link.addEventListener('click', open);
    link.addEventListener('keydown', (event) => event.key === 'Enter' && open());
    list.appendChild(el('li', { className: `file file-${file.status}` }, el('span', { className: 'file-status', text: STATUS_LETTER[file.status] ?? '?', title: file.status }), link));
  }
  return el('div', {}, el('p', { className: 'notice', text: diff.message }), list);
}
