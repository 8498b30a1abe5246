import * as vscode from 'vscode';
import { CommandId } from '../platform/commandIds';
import type { Experiment, Metric, Run } from '../tracking/model';
import type { ErrorDisplay } from './errorPresentation';
import type { ExperimentRunsSummary } from './experimentPresentation';
import {
  experimentContextValue,
  experimentDescription,
  experimentIcon,
  experimentTooltip,
} from './experimentPresentation';
import { escapeMarkdown } from '../platform/markdown';
import type { RunQuery } from './runQuery';
import { runContextValue, runDescription, runIcon, runLabel } from '../runs/runPresentation';
import type { IconSpec, RunDisplayContext } from '../runs/runPresentation';
import type { SidebarNode } from './sidebarNodes';
import { runTooltip } from './runTooltip';
import { showBidiControls } from '../../webview/shared/bidiControls';
import { shortName } from '../platform/untrustedText';

/** Untrusted text becomes markdown that renders as text: no HTML, no command links, no icons. */
function tooltip(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown, false);
  result.isTrusted = false;
  result.supportHtml = false;
  return result;
}

function icon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

export function experimentItem(
  node: SidebarNode,
  experiment: Experiment,
  query: RunQuery,
  summary: ExperimentRunsSummary | undefined,
): vscode.TreeItem {
  // Names are cut and their bidi controls shown (a row is no place for 6,000 characters or a U+202E); the tooltip has them in full.
  const item = new vscode.TreeItem(shortName(experiment.name), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = showBidiControls(experimentDescription(experiment, query, summary));
  item.tooltip = tooltip(experimentTooltip(experiment, query));
  item.contextValue = experimentContextValue(experiment, query);
  item.iconPath = icon(experimentIcon(experiment, query));
  return item;
}

export function runItem(
  node: SidebarNode,
  run: Run,
  hasChildren: boolean,
  context: RunDisplayContext,
  note?: string,
  bestChild?: Metric,
): vscode.TreeItem {
  const state = hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(shortName(runLabel(run)), state);
  item.id = node.id;
  item.description = showBidiControls(runDescription(run, context, bestChild));
  item.tooltip = tooltip(runTooltip(run, context, note));
  item.contextValue = runContextValue(run, context);
  item.iconPath = icon(runIcon(run));
  // A click shows the run in the preview run panel (Enter does too); ctrl/shift-clicks only select.
  item.command = { command: CommandId.previewRun, title: 'Open Run', arguments: [node] };
  return item;
}

export function loadMoreItem(
  node: SidebarNode & { experimentId: string },
  summary: ExperimentRunsSummary,
): vscode.TreeItem {
  const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = `${summary.loaded} loaded`;
  item.contextValue = 'loadMore';
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: CommandId.loadMoreRuns, title: 'Load More Runs', arguments: [node.experimentId] };
  return item;
}

/** A row that says what failed, with the action that may fix it on click and inline. */
export function errorItem(node: SidebarNode, display: ErrorDisplay): vscode.TreeItem {
  const item = new vscode.TreeItem(showBidiControls(display.label), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = showBidiControls(display.description);
  const hint = display.action === 'signIn' ? 'Click to sign in.' : 'Click to try again.';
  item.tooltip = tooltip(`${display.detail.split('\n').map(escapeMarkdown).join('  \n')}\n\n*${hint}*`);
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  // `storeError` (the store as a whole: Retry reopens it) or `runsError` (one experiment's runs).
  const underExperiment = node.kind === 'message' && node.experimentId !== undefined;
  item.contextValue = `${underExperiment ? 'runsError' : 'storeError'}${display.action === 'signIn' ? ' error.signIn' : ''}`;
  const retry: vscode.Command = underExperiment
    ? { command: CommandId.retryRuns, title: 'Retry', arguments: [node.experimentId] }
    : { command: CommandId.retryConnection, title: 'Retry' };
  item.command = display.action === 'signIn' ? { command: CommandId.signIn, title: 'Sign In' } : retry;
  return item;
}

/** A row that only informs (no runs, no match); a warning (a filter key no run has) shows beside it. */
export function infoItem(node: SidebarNode, label: string, warning?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'info';
  item.iconPath = warning
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : new vscode.ThemeIcon('info');
  if (warning) {
    item.description = showBidiControls(warning);
    item.tooltip = showBidiControls(warning);
  }
  return item;
}
