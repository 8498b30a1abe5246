import * as vscode from 'vscode';
import { messageText } from '../platform/untrustedText';
import { parseRunFilter } from '../tracking/search/filterParser';
import {
  DEFAULT_SORT,
  commitFilter,
  runSortFrom,
  shownMetric,
  describeFilterProblem,
  describeSortField,
  sortFieldChoices,
  compareKeys,
  mostCommonKey,
} from './runQuery';
import type { RunQuery, RunSort, SortField, ShownMetric } from './runQuery';
import { CommandId } from '../platform/commandIds';
import { countRunKeys } from '../tracking/search/filterKeys';
import { describeUnknownKey, unknownFilterKeys } from '../../webview/shared/unknownFilterKeys';
import type { RecentList } from '../platform/recentList';
import type { CommandRegistry } from '../platform/registerCommand';
import type { Settings } from '../platform/settings';
import type { HeadRunsStatusBar } from './heads';
import { targetExperimentId } from './tree';
import type { ExperimentsTreeProvider } from './tree';
import type { SidebarNode } from './treeNodes';
import { completeFilterKey, completeFilterValue } from '../../webview/shared/filterCompletion';
import type { KnownKeys, LoggedText } from '../../webview/shared/filterCompletion';
import { formatRunCount } from '../../webview/shared/format';
import { ENTITY_PREFIX, quotedKey } from '../../webview/shared/searchWords';
import type { Run } from '../tracking/model';

/**
 * Filter, sort and clear an experiment's runs, and pick the metric its rows show. From a menu
 * they ask; a caller may pass the value instead: (experiment or its id, filter string),
 * (experiment or its id, { field, ascending }) and (experiment or its id, metric key or '' for automatic).
 */
export class RunQueryCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly provider: ExperimentsTreeProvider,
    private readonly treeView: vscode.TreeView<SidebarNode>,
    private readonly settings: Settings,
    private readonly headStatus: HeadRunsStatusBar,
    private readonly filterHistory: RecentList,
    commands: CommandRegistry,
  ) {
    this.disposables = commands.registerAll({
      [CommandId.filterRuns]: (...args: unknown[]) => this.filterRuns(args),
      [CommandId.sortRuns]: (...args: unknown[]) => this.sortRuns(args),
      [CommandId.clearFilter]: async (...args: unknown[]) => {
        const experimentId = await this.experimentFor(args);
        if (experimentId !== undefined) await this.updateQuery(experimentId, (query) => ({ sort: query.sort }));
      },
      [CommandId.filterRunsAtHead]: () => this.filterRunsAtHead(),
      [CommandId.showMetric]: (...args: unknown[]) => this.showMetric(args),
    });
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private async filterRuns(args: readonly unknown[]): Promise<void> {
    const experimentId = await this.experimentFor(args);
    if (experimentId === undefined) return;
    const query = this.currentQuery(experimentId);
    let filter: string | undefined;
    if (typeof args[1] === 'string') {
      filter = args[1].trim();
      parseRunFilter(filter);
    } else {
      filter = await askForRunFilter({
        experimentName: this.experimentName(experimentId),
        current: query.filter,
        recent: this.filterHistory.entries(),
        knownKeys: this.provider.currentModel?.knownKeys(experimentId) ?? countRunKeys([]),
        runs: (this.provider.currentModel?.runList(experimentId).runs ?? []).map((run) => run.data),
      });
    }
    if (filter === undefined) return;
    if (filter) await this.filterHistory.remember(filter);
    await this.updateQuery(experimentId, (current) => (filter ? { ...current, filter } : { sort: current.sort }));
  }

  private async sortRuns(args: readonly unknown[]): Promise<void> {
    const experimentId = await this.experimentFor(args);
    if (experimentId === undefined) return;
    const runs = this.provider.currentModel?.runList(experimentId).runs ?? [];
    const sort =
      runSortFrom(args[1]) ??
      (await askForRunSort(this.experimentName(experimentId), this.currentQuery(experimentId).sort, runs));
    if (sort) await this.updateQuery(experimentId, (query) => ({ ...query, sort }));
  }

  /** Picks the metric the experiment's run rows show; only the rows are drawn again, nothing is fetched. */
  private async showMetric(args: readonly unknown[]): Promise<void> {
    const experimentId = await this.experimentFor(args);
    const uri = this.provider.storeUri;
    if (experimentId === undefined || uri === undefined) return;
    let metricKey: string | undefined;
    if (typeof args[1] === 'string') metricKey = args[1].trim();
    else {
      const list = this.provider.currentModel?.runList(experimentId);
      const counts = list?.isLoaded ? list.knownKeys().metric : new Map<string, number>();
      const shown =
        list &&
        shownMetric({
          chosen: this.provider.shownMetrics.get(uri, experimentId),
          setting: this.settings.runsPrimaryMetric,
          sort: list.options.query.sort,
          counts,
        });
      metricKey = await askForShownMetric(this.experimentName(experimentId), counts, shown);
    }
    if (metricKey === undefined) return;
    await this.provider.shownMetrics.set(uri, experimentId, metricKey || undefined);
    this.provider.redraw();
  }

  /** Filters the experiments that have runs at HEAD to those runs, and opens the first of them. */
  private async filterRunsAtHead(): Promise<void> {
    const atHead = this.headStatus.runsAtHead;
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
      await this.updateQuery(experimentId, (query) => ({ ...query, filter: commitFilter(chosen.commit) }), false);
    }
    const [first] = experimentIds;
    if (first !== undefined) await this.reveal(first);
  }

  private async experimentFor(args: readonly unknown[]): Promise<string | undefined> {
    const targeted = targetExperimentId(args, this.treeView);
    if (targeted !== undefined) return targeted;
    const experiments = this.provider.currentModel?.experiments ?? [];
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

  private currentQuery(experimentId: string): RunQuery {
    const uri = this.provider.storeUri;
    return uri === undefined ? { sort: DEFAULT_SORT } : this.provider.queries.get(uri, experimentId);
  }

  /** The experiment's name for the filter and sort pickers' titles (which render `$(icon)`). */
  private experimentName(experimentId: string): string {
    return messageText(this.provider.currentModel?.experiment(experimentId)?.name ?? `experiment ${experimentId}`);
  }

  private async updateQuery(experimentId: string, change: (query: RunQuery) => RunQuery, show = true): Promise<void> {
    const uri = this.provider.storeUri;
    if (uri === undefined) return;
    await this.provider.queries.set(uri, experimentId, change(this.provider.queries.get(uri, experimentId)));
    this.provider.queryChanged(experimentId);
    if (show) await this.reveal(experimentId);
  }

  private async reveal(experimentId: string): Promise<void> {
    await this.treeView.reveal(this.provider.experimentNode(experimentId), {
      expand: true,
      select: true,
      focus: false,
    });
  }
}

/** What Enter on an item does: finish the filter text, apply a filter, or nothing (a message). */
type FilterAction = { kind: 'edit'; filter: string } | { kind: 'apply'; filter: string } | { kind: 'none' };
/** An item of the filter input: a key or value completion, a problem with the text, Apply, or a recent filter. */
export type FilterItem = vscode.QuickPickItem & {
  role: 'completion' | 'problem' | 'apply' | 'recent';
  action: FilterAction;
};

/** What the filter input is opened with. */
export interface FilterInputOptions {
  experimentName: string;
  current: string | undefined;
  recent: readonly string[];
  /** The keys of the experiment's runs: what is completed, and what a key is checked against. */
  knownKeys: KnownKeys;
  /** The runs listed: the param and tag values completed after `params.key = '`. */
  runs: readonly LoggedText[];
}

/** An open filter input: the QuickPick (for a test to read) and the filter it ends with. */
export interface FilterInput {
  readonly quickPick: vscode.QuickPick<FilterItem>;
  /** '' for "no filter", undefined when the user backs out. */
  readonly result: Promise<string | undefined>;
}

const PROMPT = "MLflow's filter language, e.g. metrics.loss < 0.2 AND params.optimizer = 'adam'. Empty: every run.";

/**
 * Asks for a run filter in MLflow's language. A QuickPick, not an InputBox: VS Code's InputBox
 * cannot list anything, and completing `metrics.`/`params.`/`tags.`/`attributes.` keys from the
 * experiment's runs needs a list (and an InputBox's validation message would also hide the
 * keys). The items follow the text as it is typed: the keys that finish the one being typed, or
 * the values of the listed runs that finish a quoted param or tag value (Enter completes it),
 * else "Apply filter"; then the parser's error (nothing to apply), or a key
 * no loaded run has with the closest one (a warning: the filter can still be applied; Enter on
 * the warning swaps the closest key in); in an empty input, the recent filters.
 */
export async function askForRunFilter(options: FilterInputOptions): Promise<string | undefined> {
  return openRunFilterInput(options).result;
}

/** Opens the filter input; see `askForRunFilter`. */
export function openRunFilterInput(options: FilterInputOptions): FilterInput {
  const quickPick = vscode.window.createQuickPick<FilterItem>();
  quickPick.title = `Filter Runs of ${options.experimentName}`;
  quickPick.placeholder = PROMPT;
  quickPick.ignoreFocusOut = true;
  quickPick.value = options.current ?? '';
  const update = (): void => {
    const items = filterItems(quickPick.value, options);
    quickPick.items = items;
    // Enter completes a key or value while one is offered, else applies: warnings are read, not forced.
    const preferred = items.find((item) => item.role === 'completion') ?? items.find((item) => item.role === 'apply');
    quickPick.activeItems = preferred ? [preferred] : [];
  };
  const result = new Promise<string | undefined>((resolve) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (filter: string | undefined): void => {
      resolve(filter);
      for (const subscription of subscriptions) subscription.dispose();
      quickPick.dispose();
    };
    subscriptions.push(
      quickPick.onDidChangeValue(update),
      quickPick.onDidAccept(() => {
        // No active item while VS Code still shows the items of an earlier text: act on the first for this one.
        const item = quickPick.activeItems[0] ?? filterItems(quickPick.value, options)[0];
        // "Apply" takes the text as it is now: the item may have been made for a shorter one.
        if (item?.role === 'apply' && describeFilterProblem(quickPick.value) === undefined)
          finish(quickPick.value.trim());
        else if (item?.role === 'recent' && item.action.kind === 'apply') finish(item.action.filter);
        else if (item?.action.kind === 'edit') {
          quickPick.value = item.action.filter;
          update();
        }
      }),
      quickPick.onDidHide(() => finish(undefined)),
    );
  });
  update();
  quickPick.show();
  return { quickPick, result };
}

/**
 * The items for the text typed so far, the one Enter should act on first: VS Code makes the first
 * item active when the text changes, before these items for the new text arrive, so the first
 * place is kept for the key or value completion, else "Apply filter". Recent filters are offered only in
 * an empty input, where VS Code does not reorder items by how well they match the text.
 */
export function filterItems(value: string, options: FilterInputOptions): FilterItem[] {
  const items: FilterItem[] = [];
  for (const completion of completeFilterKey(value, options.knownKeys)) {
    items.push({
      label: messageText(`${ENTITY_PREFIX[completion.entityType]}.${completion.key}`),
      description: completion.runs === undefined ? undefined : formatRunCount(completion.runs),
      alwaysShow: true,
      role: 'completion',
      action: { kind: 'edit', filter: completion.filter },
    });
  }
  for (const completion of completeFilterValue(value, options.runs)) {
    items.push({
      label: messageText(completion.value),
      description: formatRunCount(completion.runs),
      alwaysShow: true,
      role: 'completion',
      action: { kind: 'edit', filter: completion.filter },
    });
  }
  const problem = describeFilterProblem(value);
  const filter = value.trim();
  if (problem === undefined) {
    items.push({
      label: filter ? '$(check) Apply filter' : '$(check) Show every run',
      description: filter && filter === options.current?.trim() ? '(current)' : undefined,
      alwaysShow: true,
      role: 'apply',
      action: { kind: 'apply', filter },
    });
    items.push(...keyWarnings(value, options.knownKeys));
  } else {
    items.push({
      label: `$(error) ${messageText(problem)}`,
      alwaysShow: true,
      role: 'problem',
      action: { kind: 'none' },
    });
  }
  if (filter === '') {
    for (const recent of options.recent)
      items.push({
        label: messageText(recent),
        description: 'recent',
        role: 'recent',
        action: { kind: 'apply', filter: recent },
      });
  }
  return items;
}

/** A warning item per key no known run has; Enter on it puts the closest key in its place. */
function keyWarnings(value: string, known: KnownKeys): FilterItem[] {
  if (known.metric.size === 0 && known.param.size === 0 && known.tag.size === 0) return [];
  return unknownFilterKeys(parseRunFilter(value), known).map((unknown) => {
    const replacement =
      unknown.suggestion === undefined ? undefined : replaceKey(value, unknown.position, unknown.suggestion);
    return {
      label: `$(warning) ${messageText(describeUnknownKey(unknown))}`,
      detail:
        replacement === undefined
          ? 'The filter can still be applied; it will match no loaded run.'
          : messageText(`Enter: use \`${unknown.suggestion}\` instead`),
      alwaysShow: true,
      role: 'problem' as const,
      action: replacement === undefined ? { kind: 'none' } : { kind: 'edit', filter: replacement },
    };
  });
}

/** `value` with the key of the comparison at `position` (after its `entity.`) written as `key`. */
function replaceKey(value: string, position: number, key: string): string | undefined {
  const written = quotedKey(key);
  const match = /^[A-Za-z]+\.(`[^`]*`|"[^"]*"|'[^']*'|[\p{L}\p{N}_$#]+(?:\.[\p{L}\p{N}_$#]+)*)/u.exec(
    value.slice(position),
  );
  if (!written || !match) return undefined;
  const keyStart = position + match[0].length - match[1]!.length;
  return `${value.slice(0, keyStart)}${written}${value.slice(position + match[0].length)}`;
}

type FieldItem = vscode.QuickPickItem & { field?: SortField; byName?: 'metric' | 'param' };

const GROUP_TITLES = { attribute: 'Attributes', metric: 'Metrics', param: 'Parameters' } as const;

/**
 * Asks what to sort an experiment's runs by: an attribute, a metric or param seen in the loaded
 * runs, or any metric or param by name; then the direction. Undefined when the user backs out.
 */
export async function askForRunSort(
  experimentName: string,
  current: RunSort,
  runs: readonly Run[],
): Promise<RunSort | undefined> {
  const title = `Sort Runs of ${experimentName}`;
  const picked = await vscode.window.showQuickPick(fieldItems(current, runs), {
    title,
    placeHolder: 'Sort by…',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const field = picked.field ?? (picked.byName ? await askForKey(title, picked.byName) : undefined);
  if (!field) return undefined;
  const direction = await vscode.window.showQuickPick(directions(field), {
    title,
    placeHolder: `Order of ${describeSortField(field)}`,
  });
  return direction ? { field, ascending: direction.ascending } : undefined;
}

function fieldItems(current: RunSort, runs: readonly Run[]): FieldItem[] {
  const items: FieldItem[] = [];
  let group: SortField['kind'] | undefined;
  for (const field of sortFieldChoices(runs)) {
    if (field.kind !== group) items.push({ label: GROUP_TITLES[field.kind], kind: vscode.QuickPickItemKind.Separator });
    group = field.kind;
    const isCurrent = field.kind === current.field.kind && field.key === current.field.key;
    items.push({
      label: messageText(describeSortField(field)),
      description: isCurrent ? '(current)' : undefined,
      field,
    });
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(edit) Metric by name…', description: 'one the loaded runs do not show', byName: 'metric' },
    { label: '$(edit) Parameter by name…', byName: 'param' },
  );
  return items;
}

async function askForKey(title: string, kind: 'metric' | 'param'): Promise<SortField | undefined> {
  const key = await vscode.window.showInputBox({
    title,
    prompt: kind === 'metric' ? 'Metric key, e.g. val_loss' : 'Parameter key, e.g. learning_rate',
    validateInput: (text) =>
      !text.trim()
        ? 'Enter a key.'
        : quotedKey(text.trim()) === undefined
          ? 'MLflow cannot order by a key holding both ` and ".'
          : undefined,
  });
  return key?.trim() ? { kind, key: key.trim() } : undefined;
}

/** Newest or highest first for times and metrics; A to Z first for names, statuses and params. */
function directions(field: SortField): { label: string; description: string; ascending: boolean }[] {
  const isTime = field.kind === 'attribute' && (field.key === 'start_time' || field.key === 'end_time');
  const isText = field.kind === 'param' || (field.kind === 'attribute' && !isTime);
  const descending = {
    label: 'Descending',
    description: isTime ? 'newest first' : isText ? 'Z to A' : 'highest first',
    ascending: false,
  };
  const ascending = {
    label: 'Ascending',
    description: isTime ? 'oldest first' : isText ? 'A to Z' : 'lowest first',
    ascending: true,
  };
  return isText ? [ascending, descending] : [descending, ascending];
}

/** A metric key to show; '' for the automatic choice. */
type MetricItem = vscode.QuickPickItem & { metricKey: string };

const REASONS: Record<ShownMetric['reason'], string> = {
  chosen: 'picked for this experiment',
  setting: 'the mlflow.runs.primaryMetric setting',
  sort: 'the metric the runs are sorted by',
  mostCommon: 'the metric most runs have',
};

/**
 * Asks which metric an experiment's run rows show: one of the keys its loaded runs have (with
 * how many have it), or the automatic choice. Resolves to the key, '' for automatic, undefined
 * when the user backs out.
 */
export async function askForShownMetric(
  experimentName: string,
  counts: ReadonlyMap<string, number>,
  shown: ShownMetric | undefined,
): Promise<string | undefined> {
  const common = mostCommonKey(counts);
  const items: MetricItem[] = [
    {
      label: '$(sparkle) Automatic',
      description:
        common === undefined ? undefined : messageText(`the setting, the sort metric, else the most common: ${common}`),
      detail: shown ? messageText(`Now: ${shown.key} (${REASONS[shown.reason]})`) : undefined,
      metricKey: '',
    },
    { label: 'Metrics of the loaded runs', kind: vscode.QuickPickItemKind.Separator, metricKey: '' },
    ...[...counts]
      .sort(([a, countA], [b, countB]) => countB - countA || compareKeys(a, b))
      .map(([key, count]) => ({
        label: messageText(key),
        description: `${formatRunCount(count)}${key === shown?.key ? ' · shown now' : ''}`,
        metricKey: key,
      })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Show Metric on Runs of ${experimentName}`,
    placeHolder: 'The metric every run row shows',
  });
  return picked?.metricKey;
}
