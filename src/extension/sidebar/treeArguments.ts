import type * as vscode from 'vscode';
import type { Run } from '../tracking/model';
import { isRunTarget, targetedRuns } from '../runs/runTarget';
import type { ExperimentsTreeProvider } from './experimentsTreeProvider';
import type { RunNode, SidebarNode } from './sidebarNodes';

/** A run in the tree together with the run as last fetched (no node when a panel handed the run over). */
export interface TargetRun {
  node?: RunNode;
  run: Run;
}

function isSidebarNode(value: unknown): value is SidebarNode {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as Record<string, unknown>;
  return typeof node.kind === 'string' && typeof node.id === 'string';
}

function isRunNode(value: unknown): value is RunNode {
  return isSidebarNode(value) && value.kind === 'run';
}

/**
 * The runs a command acts on. From a context menu VS Code passes (clicked, selection): the whole
 * selection when the clicked row is part of it, else the clicked row alone; from the palette or
 * a keybinding, the view's selection. Each run is the one its row showed when the command was
 * invoked (carried by the node), so a refresh meanwhile cannot take it away; a row handed out
 * without one is looked up in the loaded model.
 */
export function targetRuns(
  args: readonly unknown[],
  treeView: vscode.TreeView<SidebarNode>,
  provider: ExperimentsTreeProvider,
): TargetRun[] {
  const [clicked, selection] = args;
  // A run target that is no tree row (a runs table's `{ run }`): the runs as handed over.
  if (isRunTarget(clicked) && !isRunNode(clicked)) return (targetedRuns(args) ?? []).map((run) => ({ run }));
  let nodes: RunNode[];
  if (isRunNode(clicked)) {
    const selected = Array.isArray(selection) ? selection.filter(isRunNode) : [];
    nodes = selected.some((node) => node.id === clicked.id) ? selected : [clicked];
  } else {
    nodes = treeView.selection.filter(isRunNode);
  }
  const model = provider.currentModel;
  return nodes.flatMap((node) => {
    const run = node.run ?? model?.runList(node.experimentId).forest().run(node.runId);
    return run ? [{ node, run }] : [];
  });
}

/**
 * The experiment a command acts on: an experiment id given by a caller, a clicked experiment,
 * run or "Load more" row, else the experiment of the first selected row.
 */
export function targetExperimentId(
  args: readonly unknown[],
  treeView: vscode.TreeView<SidebarNode>,
): string | undefined {
  const [first] = args;
  if (typeof first === 'string' && first) return first;
  const node = isSidebarNode(first) ? first : treeView.selection[0];
  return node?.experimentId;
}
