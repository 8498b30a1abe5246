import * as vscode from 'vscode';
import { messageText } from '../platform/untrustedText';
import { parseRunFilter } from '../tracking/search/filterParser';
import { DEFAULT_SORT, commitFilter } from './runQuery';
import type { RunQuery } from './runQuery';
import { runSortFrom } from './runQueries';
import { CommandId } from '../platform/commandIds';
import { askForRunFilter } from './filterInput';
import { askForShownMetric } from './shownMetricInput';
import { askForRunSort } from './sortInput';
import { countRunKeys } from '../tracking/search/filterKeys';
import { shownMetric } from './shownMetric';
import type { CommandHandlers, SidebarContext } from './sidebarContext';
import { targetExperimentId } from './treeArguments';

/**
 * Filter, sort and clear an experiment's runs, and pick the metric its rows show. From a menu
 * they ask; a caller may pass the value instead: (experiment or its id, filter string),
 * (experiment or its id, { field, ascending }) and (experiment or its id, metric key or '' for automatic).
 */
export function runQueryCommands(context: SidebarContext): CommandHandlers {
  return {
    [CommandId.filterRuns]: (...args: unknown[]) => filterRuns(context, args),
    [CommandId.sortRuns]: (...args: unknown[]) => sortRuns(context, args),
    [CommandId.clearFilter]: async (...args: unknown[]) => {
      const experimentId = await experimentFor(context, args);
      if (experimentId !== undefined) await updateQuery(context, experimentId, (query) => ({ sort: query.sort }));
    },
    [CommandId.filterRunsAtHead]: () => filterRunsAtHead(context),
    [CommandId.showMetric]: (...args: unknown[]) => showMetric(context, args),
  };
}

async function filterRuns(context: SidebarContext, args: readonly unknown[]): Promise<void> {
  const experimentId = await experimentFor(context, args);
  if (experimentId === undefined) return;
  const query = currentQuery(context, experimentId);
  let filter: string | undefined;
  if (typeof args[1] === 'string') {
    filter = args[1].trim();
    parseRunFilter(filter);
  } else {
    filter = await askForRunFilter({
      experimentName: experimentName(context, experimentId),
      current: query.filter,
      recent: context.filterHistory.entries(),
      knownKeys: context.provider.currentModel?.knownKeys(experimentId) ?? countRunKeys([]),
    });
  }
  if (filter === undefined) return;
  if (filter) await context.filterHistory.remember(filter);
  await updateQuery(context, experimentId, (current) => (filter ? { ...current, filter } : { sort: current.sort }));
}

async function sortRuns(context: SidebarContext, args: readonly unknown[]): Promise<void> {
  const experimentId = await experimentFor(context, args);
  if (experimentId === undefined) return;
  const runs = context.provider.currentModel?.runList(experimentId).runs ?? [];
  const sort =
    runSortFrom(args[1]) ??
    (await askForRunSort(experimentName(context, experimentId), currentQuery(context, experimentId).sort, runs));
  if (sort) await updateQuery(context, experimentId, (query) => ({ ...query, sort }));
}

/** Picks the metric the experiment's run rows show; only the rows are drawn again, nothing is fetched. */
async function showMetric(context: SidebarContext, args: readonly unknown[]): Promise<void> {
  const experimentId = await experimentFor(context, args);
  const uri = context.provider.storeUri;
  if (experimentId === undefined || uri === undefined) return;
  let metricKey: string | undefined;
  if (typeof args[1] === 'string') metricKey = args[1].trim();
  else {
    const list = context.provider.currentModel?.runList(experimentId);
    const counts = list?.isLoaded ? list.knownKeys().metric : new Map<string, number>();
    const shown =
      list &&
      shownMetric({
        chosen: context.shownMetrics.get(uri, experimentId),
        setting: context.settings.runsPrimaryMetric,
        sort: list.options.query.sort,
        counts,
      });
    metricKey = await askForShownMetric(experimentName(context, experimentId), counts, shown);
  }
  if (metricKey === undefined) return;
  await context.shownMetrics.set(uri, experimentId, metricKey || undefined);
  context.provider.redraw();
}

/** Filters the experiments that have runs at HEAD to those runs, and opens the first of them. */
async function filterRunsAtHead(context: SidebarContext): Promise<void> {
  const atHead = context.headStatus.runsAtHead;
  if (atHead.length === 0) {
    void vscode.window.showInformationMessage('No MLflow run in this store was logged at the checked-out commit.');
    return;
  }
  let chosen = atHead[0]!;
  if (atHead.length > 1) {
    const picked = await vscode.window.showQuickPick(
      atHead.map((entry) => ({ label: entry.commit.slice(0, 12), description: `${entry.total} runs`, entry })),
      { title: 'Runs at HEAD', placeHolder: 'The workspace folders have different HEADs: which commit?' },
    );
    if (!picked) return;
    chosen = picked.entry;
  }
  const experimentIds = [...chosen.byExperiment.keys()];
  for (const experimentId of experimentIds) {
    await updateQuery(context, experimentId, (query) => ({ ...query, filter: commitFilter(chosen.commit) }), false);
  }
  const [first] = experimentIds;
  if (first !== undefined) await reveal(context, first);
}

async function experimentFor(context: SidebarContext, args: readonly unknown[]): Promise<string | undefined> {
  const targeted = targetExperimentId(args, context.treeView);
  if (targeted !== undefined) return targeted;
  const experiments = context.provider.currentModel?.experiments ?? [];
  const picked = await vscode.window.showQuickPick(
    experiments.map((experiment) => ({
      label: messageText(experiment.name),
      description: `ID ${messageText(experiment.experimentId)}`,
      experiment,
    })),
    { placeHolder: 'Which experiment?', matchOnDescription: true },
  );
  return picked?.experiment.experimentId;
}

function currentQuery(context: SidebarContext, experimentId: string): RunQuery {
  const uri = context.provider.storeUri;
  return uri === undefined ? { sort: DEFAULT_SORT } : context.queries.get(uri, experimentId);
}

/** The experiment's name for the filter and sort pickers' titles (which render `$(icon)`). */
function experimentName(context: SidebarContext, experimentId: string): string {
  return messageText(context.provider.currentModel?.experiment(experimentId)?.name ?? `experiment ${experimentId}`);
}

async function updateQuery(
  context: SidebarContext,
  experimentId: string,
  change: (query: RunQuery) => RunQuery,
  show = true,
): Promise<void> {
  const uri = context.provider.storeUri;
  if (uri === undefined) return;
  await context.queries.set(uri, experimentId, change(context.queries.get(uri, experimentId)));
  context.provider.queryChanged(experimentId);
  if (show) await reveal(context, experimentId);
}

async function reveal(context: SidebarContext, experimentId: string): Promise<void> {
  await context.treeView.reveal(context.provider.experimentNode(experimentId), {
    expand: true,
    select: true,
    focus: false,
  });
}
