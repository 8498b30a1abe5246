/**
 * The code behind the runs: per run its commit, branch and source file (click to open the file as
 * it was at that commit, beside the panel); for two runs, the files that changed between their
 * commits, each opening VS Code's diff editor. Runs without a commit, or at the same commit, are
 * said to be so plainly. Everything is looked up by the host; this only shows it.
 */
import type { CodeDiff, HostMessage, RunCode, RunView } from '../protocol';
import { el, replaceChildren } from '../shared/dom';
import { shortCommitId } from '../shared/mlflowIds';
import { dropdown, progressRing } from '../shared/toolkit';
import type { CompareContext, Section } from './context';
import { sectionFrame } from './context';
import { runTable } from './runTable';

const STATUS_LETTER: Record<string, string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R',
  copied: 'C',
  typeChanged: 'T',
  unmerged: 'U',
  untracked: '?',
  unknown: 'X',
};

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

  const ask = (context: CompareContext, from: string, to: string): void => {
    if (pair?.from === from && pair.to === to) return;
    pair = { from, to };
    askDiff(context);
  };

  const draw = (context: CompareContext): void => {
    if (!code)
      return replaceChildren(
        runsHolder,
        el('div', { className: 'loading' }, progressRing(), 'Looking for the runs’ code in the workspace…'),
      );
    replaceChildren(runsHolder, codeTable(context, code));
    const commits = runsByCommit(context, code);
    replaceChildren(frame.toolbar);
    if (commits.size === 0 || context.runs.length < 2) {
      pair = undefined;
      const text =
        commits.size === 0
          ? 'None of these runs has a git commit tag (mlflow.source.git.commit), so their code cannot be compared.'
          : 'Add another run to compare code.';
      return replaceChildren(diffHolder, el('p', { className: 'notice', text }));
    }
    const withCommit = [...commits.values()].flat();
    if (withCommit.length < 2) {
      pair = undefined;
      return replaceChildren(
        diffHolder,
        el('p', {
          className: 'notice',
          text: 'Only one of these runs has a git commit tag, so there is nothing to compare its code with.',
        }),
      );
    }
    if (commits.size === 1 && withCommit.length > 2) {
      // The host's note names two runs; every run at the commit is named here (issue 10.4).
      pair = undefined;
      return replaceChildren(
        diffHolder,
        el('p', { className: 'notice same-commit', text: sameCommitNote(context, [...commits][0]!) }),
      );
    }
    if (commits.size === 1) return ask(context, withCommit[0]!.runId, withCommit[1]!.runId);
    // One choice per commit: runs at the same commit ran the same committed code.
    const choices = [...commits].map(([commit, runs]) => ({
      value: runs[0]!.runId,
      label: `${shortCommitId(commit)} ${runs[0]!.name}${runs.length > 1 ? ` +${runs.length - 1}` : ''}`,
    }));
    const commitOf = (runId: string | undefined): string | undefined =>
      [...commits].find(([, runs]) => runs.some((run) => run.runId === runId))?.[0];
    const baseline = context.baselineIndex === undefined ? undefined : context.runs[context.baselineIndex]?.runId;
    const from =
      choices.find((choice) => choice.value === pair?.from)?.value ??
      choices.find((choice) => commitOf(choice.value) === commitOf(baseline))?.value ??
      choices[0]!.value;
    const to =
      choices.find((choice) => choice.value === pair?.to && choice.value !== from)?.value ??
      choices.find((choice) => choice.value !== from)!.value;
    frame.toolbar.append(
      el(
        'label',
        { className: 'control' },
        'Changes from ',
        dropdown('Older commit', choices, from, (value) => ask(context, value, pair?.to ?? to)),
      ),
      el(
        'label',
        { className: 'control' },
        ' to ',
        dropdown('Newer commit', choices, to, (value) => ask(context, pair?.from ?? from, value)),
      ),
    );
    ask(context, from, to);
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
        const { diff } = message;
        // The host diffs older to newer whichever run was picked as "from": show its order.
        if (diff.kind === 'changes' && pair && (diff.fromRunId !== pair.from || diff.toRunId !== pair.to)) {
          pair = { from: diff.fromRunId, to: diff.toRunId };
          draw(context);
        }
        replaceChildren(diffHolder, diffView(context, diff));
      }
    },
  };
}

/** `All 5 runs were logged at commit 9b64e09` when every run was; else the runs at it, each named. */
function sameCommitNote(context: CompareContext, [commit, runs]: [string, RunView[]]): string {
  const who =
    runs.length === context.runs.length ? `All ${runs.length} runs` : `The ${runs.length} runs ${listNames(runs)}`;
  return `${who} were logged at commit ${shortCommitId(commit)}: their committed code is the same (MLflow does not record uncommitted changes).`;
}

function listNames(runs: readonly RunView[]): string {
  const names = runs.map((run) => `"${run.name}"`);
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** The runs that carry a commit, by commit, in the order the runs are shown. */
function runsByCommit(context: CompareContext, code: readonly RunCode[]): Map<string, RunView[]> {
  const commits = new Map<string, RunView[]>();
  for (const run of context.runs) {
    const commit = code.find((entry) => entry.runId === run.runId)?.commit;
    if (commit) commits.set(commit, [...(commits.get(commit) ?? []), run]);
  }
  return commits;
}

function codeTable(context: CompareContext, code: readonly RunCode[]): HTMLTableElement {
  const byRun = new Map(code.map((entry) => [entry.runId, entry]));
  const entries = context.runs.map((run) => byRun.get(run.runId));
  const text = (value: string | undefined): Node =>
    value ? el('code', { text: value }) : el('span', { className: 'missing', text: 'none' });
  return runTable('Code of the runs', context.columns, [
    {
      key: 'Commit',
      cells: entries.map((entry) =>
        entry?.commit
          ? el('code', { text: shortCommitId(entry.commit), title: entry.commit })
          : el('span', { className: 'missing', text: 'no commit tag' }),
      ),
    },
    { key: 'Branch', cells: entries.map((entry) => text(entry?.branch)) },
    {
      key: 'Source',
      cells: entries.map((entry) => {
        if (!entry?.sourceName) return el('span', { className: 'missing', text: 'none' });
        if (!entry.sourceLinkId) return el('span', { text: entry.sourceName, title: entry.problem ?? '' });
        const linkId = entry.sourceLinkId;
        const link = el('a', {
          className: 'link',
          text: entry.sourceName,
          title: 'Open this file as it was at the run’s commit',
          attrs: { role: 'link', tabindex: '0' },
        });
        link.addEventListener('click', () => context.post({ type: 'openSource', linkId }));
        link.addEventListener(
          'keydown',
          (event) => event.key === 'Enter' && context.post({ type: 'openSource', linkId }),
        );
        return link;
      }),
    },
    {
      key: '',
      cells: entries.map((entry) => (entry?.problem ? el('span', { className: 'problem', text: entry.problem }) : '')),
    },
  ]);
}

function diffView(context: CompareContext, diff: CodeDiff): HTMLElement {
  if (diff.kind !== 'changes')
    return el('p', {
      className: diff.kind === 'sameCommit' ? 'notice same-commit' : 'notice problem',
      text: diff.message,
    });
  const list = el('ul', { className: 'changed-files' });
  for (const file of diff.files) {
    const link = el('a', {
      className: 'link',
      text: file.oldPath ? `${file.oldPath} → ${file.path}` : file.path,
      title: 'Open the diff beside the panel',
      attrs: { role: 'link', tabindex: '0' },
    });
    const open = (): void => context.post({ type: 'openDiff', fileId: file.fileId });
    link.addEventListener('click', open);
    link.addEventListener('keydown', (event) => event.key === 'Enter' && open());
    list.appendChild(
      el(
        'li',
        { className: `file file-${file.status}` },
        el('span', { className: 'file-status', text: STATUS_LETTER[file.status] ?? '?', title: file.status }),
        link,
      ),
    );
  }
  return el('div', {}, el('p', { className: 'notice', text: diff.message }), list);
}
