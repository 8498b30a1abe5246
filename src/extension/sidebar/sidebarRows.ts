import type * as vscode from 'vscode';
import type { StoreState } from '../store/storeConnection';
import { describeError } from './errorPresentation';
import { describeFilterKeyProblems } from './filterValidation';
import { formatMetricValue } from '../../webview/shared/format';
import type { RunForest } from './runForest';
import { runLabel } from '../runs/runPresentation';
import type { RunDisplayContext } from '../runs/runPresentation';
import type { RunSort } from './runQuery';
import { describeSortField } from './runQuery';
import { shownMetric } from './shownMetric';
import type { SidebarModel } from './sidebarModel';
import type { SidebarNode } from './sidebarNodes';
import { errorItem, experimentItem, infoItem, loadMoreItem, runItem } from './treeItems';
import type { Metric } from '../tracking/model';

/** What the tree knows when it draws a row. */
export interface RowSource {
  model: SidebarModel | undefined;
  state: StoreState | undefined;
  /** What failed at the top (listing experiments, a refresh). */
  rootError: unknown;
  /** What failed per experiment (listing its runs). */
  runErrors: ReadonlyMap<string, unknown>;
  displayContext(model: SidebarModel): RunDisplayContext;
  /** The metric picked for the experiment with Show Metric…, if any. */
  chosenMetric(experimentId: string): string | undefined;
}

/** The TreeItem for one node, from what is loaded now; a node whose data is gone says so. */
export function sidebarRow(node: SidebarNode, source: RowSource): vscode.TreeItem {
  const { model } = source;
  switch (node.kind) {
    case 'experiment': {
      const experiment = model?.experiment(node.experimentId);
      if (!model || !experiment) return infoItem(node, 'Experiment no longer listed');
      const list = model.runList(node.experimentId);
      return experimentItem(node, experiment, list.options.query, list.isLoaded ? list.summary : undefined);
    }
    case 'run': {
      const list = model?.runList(node.experimentId);
      const forest = list?.forest();
      const run = forest?.run(node.runId);
      if (!model || !list || !forest || !run) return infoItem(node, 'Run no longer listed');
      const hasChildren = forest.childrenOf(node.runId).length > 0;
      const base = source.displayContext(model);
      const { sort } = list.options.query;
      const counts = list.knownKeys().metric;
      const shown = shownMetric({
        chosen: source.chosenMetric(node.experimentId),
        setting: base.primaryMetric,
        sort,
        counts,
      });
      const context = { ...base, primaryMetric: shown?.key ?? '' };
      const notes = [placementNote(forest, node.runId, sort)];
      if (!forest.isListed(node.runId)) notes.push('Shown as the parent of listed runs; it is not in the list itself.');
      const note = notes.filter((text) => text !== undefined).join(' ') || undefined;
      return runItem(node, run, hasChildren, context, note, bestChildMetric(forest, node.runId, sort));
    }
    case 'loadMore':
      return loadMoreItem(node, model?.runList(node.experimentId).summary ?? { loaded: 0, complete: false });
    case 'message':
      return messageRow(node, source);
  }
}

/** An error row (with its Retry or Sign In), or a row saying there is nothing to list. */
function messageRow(node: SidebarNode & { kind: 'message' }, source: RowSource): vscode.TreeItem {
  const { state } = source;
  const where = state?.kind === 'ready' ? state.store.description : state?.kind === 'failed' ? state.uri : '';
  if (node.experimentId === undefined) {
    return errorItem(node, describeError(state?.kind === 'failed' ? state.error : source.rootError, where));
  }
  const error = source.runErrors.get(node.experimentId);
  if (error !== undefined) return errorItem(node, describeError(error, where));
  const filter = source.model?.runList(node.experimentId).options.query.filter;
  if (filter === undefined || !source.model) return infoItem(node, 'No runs');
  // Most filters that match nothing name a key no run has: say which, and the key meant.
  const problems = describeFilterKeyProblems(filter, source.model.knownKeys(node.experimentId));
  return infoItem(node, 'No runs match the filter', problems.join('; ') || undefined);
}

/** The sort metric of the descendant that places a parent, when the runs are sorted by a metric it has. */
function bestChildMetric(forest: RunForest, runId: string, sort: RunSort): Metric | undefined {
  const by = forest.placedBy(runId);
  if (by === undefined || sort.field.kind !== 'metric') return undefined;
  return forest.run(by)?.data.metrics[sort.field.key];
}

/** Why a parent stands where it does, for its tooltip: the run placing it, and the rule. */
function placementNote(forest: RunForest, runId: string, sort: RunSort): string | undefined {
  const by = forest.placedBy(runId);
  const child = by === undefined ? undefined : forest.run(by);
  if (!child) return undefined;
  const metric = sort.field.kind === 'metric' ? child.data.metrics[sort.field.key] : undefined;
  const value = metric ? ` (${formatMetricValue(metric.value)})` : '';
  return (
    `Placed by its child run ${runLabel(child)}${value}: sorted by ${describeSortField(sort.field)}, ` +
    'a parent stands where its best-placed child does, so a sweep sorts as one result.'
  );
}
