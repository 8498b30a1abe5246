import type * as vscode from 'vscode';
import type { StoreState } from '../connection/storeConnection';
import { describeError } from './errorPresentation';
import type { RunDisplayContext } from './runPresentation';
import type { SidebarModel } from './sidebarModel';
import type { SidebarNode } from './sidebarNodes';
import { errorItem, experimentItem, infoItem, loadMoreItem, runItem } from './treeItems';

/** What the tree knows when it draws a row. */
export interface RowSource {
  model: SidebarModel | undefined;
  state: StoreState | undefined;
  /** What failed at the top (listing experiments, a refresh). */
  rootError: unknown;
  /** What failed per experiment (listing its runs). */
  runErrors: ReadonlyMap<string, unknown>;
  displayContext(model: SidebarModel): RunDisplayContext;
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
      const forest = model?.runList(node.experimentId).forest();
      const run = forest?.run(node.runId);
      if (!model || !forest || !run) return infoItem(node, 'Run no longer listed');
      const hasChildren = forest.childrenOf(node.runId).length > 0;
      const note = forest.isListed(node.runId) ? undefined : 'Shown as the parent of listed runs; it is not in the list itself.';
      return runItem(node, run, hasChildren, source.displayContext(model), note);
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
  const filtered = source.model?.runList(node.experimentId).options.query.filter !== undefined;
  return infoItem(node, filtered ? 'No runs match the filter' : 'No runs');
}
