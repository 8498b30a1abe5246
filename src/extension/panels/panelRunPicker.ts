import * as vscode from 'vscode';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import type { Experiment, Run } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';
import { relativeTime } from '../../webview/shared/format';
import { messageText } from '../platform/untrustedText';
import type { RunCache } from '../runs/runCache';
import { runCommit, runLabel } from '../runs/runPresentation';
import { targetedRuns } from '../runs/runTarget';
import type { StoreConnection } from '../store/storeConnection';

/** Runs listed per experiment in the picker, newest first. */
const RUNS_PER_EXPERIMENT = 500;

export interface RunPickOptions {
  title: string;
  canPickMany: boolean;
  /** Runs already chosen (e.g. selected in the sidebar): their experiments and themselves start picked. */
  preselected?: readonly Run[];
}

/**
 * The runs a panel command is about, as ids: the runs it was invoked on (a sidebar row, a
 * runs-table row, `{ run }`), else, from the palette, the view's `selected` runs. These are
 * remembered in the cache, so the panel shows each run as the view had it without asking the
 * store. An external caller may name runs by id instead (`('mlflow.compare.open', ['id1', 'id2'])`),
 * which the panel then loads.
 */
export function commandRunIds(args: readonly unknown[], cache: RunCache, selected: () => readonly Run[]): string[] {
  const [first] = args;
  if (Array.isArray(first) && first.length > 0 && first.every((id) => typeof id === 'string')) return first;
  if (typeof first === 'string' && first) return [first];
  const runs = targetedRuns(args) ?? selected();
  cache.remember(runs);
  return runs.map((run) => run.info.runId);
}

/** Picks runs from the store in use (see `pickRuns`); says so, and picks none, when no store is open. */
export async function pickRunsInStore(
  connection: StoreConnection,
  options: RunPickOptions,
): Promise<Run[] | undefined> {
  const state = await connection.current();
  if (state.kind !== 'ready') {
    void vscode.window.showInformationMessage('Open an MLflow tracking store first (MLflow: Select Tracking Store).');
    return undefined;
  }
  return pickRuns(state.store, options);
}

/**
 * Picks runs from the palette: first the experiments (runs may come from several), then their
 * runs, with status, age and commit beside each name. Undefined when the user cancels.
 */
export async function pickRuns(store: TrackingStore, options: RunPickOptions): Promise<Run[] | undefined> {
  const experiments = await pickExperiments(store, options);
  if (!experiments || experiments.length === 0) return undefined;
  const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { run: Run }>();
  picker.title = options.title;
  picker.placeholder = options.canPickMany
    ? 'Pick the runs (type to filter by name, experiment or commit)'
    : 'Pick a run';
  picker.canSelectMany = options.canPickMany;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.busy = true;
  // Listened to before the runs load: Escape while they load must end the pick (and their search).
  const loading = new AbortController();
  const answered = new Promise<Run[] | undefined>((resolve) => {
    picker.onDidAccept(() =>
      resolve((options.canPickMany ? picker.selectedItems : picker.activeItems.slice(0, 1)).map((item) => item.run)),
    );
    picker.onDidHide(() => {
      loading.abort();
      resolve(undefined);
    });
  });
  picker.show();
  try {
    const search = (experiment: Experiment) =>
      store.searchRuns(
        {
          experimentIds: [experiment.experimentId],
          maxResults: RUNS_PER_EXPERIMENT,
          orderBy: ['attributes.start_time DESC'],
        },
        { signal: loading.signal },
      );
    const listed = Promise.all(experiments.map(search)).then((pages) => ({ runs: pages.flatMap((page) => page.runs) }));
    // Hidden or accepted while loading: that answer stands, and the searches' end is of no interest.
    listed.catch(() => undefined);
    const first = await Promise.race([listed, answered.then(() => undefined)]);
    if (!first) return await answered;
    const { runs } = first;
    const names = new Map(experiments.map((experiment) => [experiment.experimentId, experiment.name]));
    const now = Date.now();
    picker.items = runs.map((run) => ({
      run,
      label: messageText(runLabel(run)),
      description: messageText(
        [
          names.get(run.info.experimentId),
          run.info.status.toLowerCase(),
          run.info.startTime !== undefined ? relativeTime(run.info.startTime, now) : undefined,
          commitText(run),
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      detail: run.info.runId,
    }));
    const wanted = new Set((options.preselected ?? []).map((run) => run.info.runId));
    picker.selectedItems = picker.items.filter((item) => wanted.has(item.run.info.runId));
    picker.busy = false;
    return await answered;
  } finally {
    picker.dispose();
  }
}

/** Picks experiments from the palette (all of them, without asking, when there is only one). */
export async function pickExperiments(
  store: TrackingStore,
  options: RunPickOptions,
): Promise<Experiment[] | undefined> {
  const { experiments } = await store.searchExperiments({ viewType: 'ACTIVE_ONLY', maxResults: 1000 });
  if (experiments.length <= 1) return experiments;
  const wanted = new Set((options.preselected ?? []).map((run) => run.info.experimentId));
  const items = experiments.map((experiment) => ({
    experiment,
    label: messageText(experiment.name),
    description: messageText(experiment.experimentId),
    picked: wanted.has(experiment.experimentId),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${options.title}: experiments`,
    placeHolder: 'Pick the experiments whose runs to choose from',
    canPickMany: true,
  });
  return picked?.map((item) => item.experiment);
}

function commitText(run: Run): string | undefined {
  const commit = runCommit(run);
  return commit ? shortCommitId(commit) : undefined;
}
