/**
 * What the compare panel remembers: the runs (their ids are what VS Code hands back to the panel
 * serializer after a reload), the baseline, and how the user set up the view.
 */
import type { MetricSort } from './metricTable';
import type { ChartSettings } from '../shared/metricChart';
import type { MetricDirection } from '../shared/metricDirection';
import { host } from '../shared/host';
import { isRecord } from '../shared/guards';

export interface CompareUi {
  baselineRunId?: string;
  /** Undefined: the default (on above 5 differing-or-not rows). */
  onlyDifferences?: boolean;
  paramFilter: string;
  tagsOnlyDifferences: boolean;
  /** Directions the user chose, by metric key (the rest are guessed from the name). */
  directions: Record<string, MetricDirection>;
  metricSort: MetricSort;
  chart: ChartSettings;
  hiddenRunIds: string[];
  scatter: { x: string; y: string };
  parallelMetric: string;
}

function defaultUi(): CompareUi {
  return {
    paramFilter: '',
    tagsOnlyDifferences: true,
    directions: {},
    metricSort: { by: 'name', descending: false },
    chart: { xMode: 'step', smoothing: 0, logScale: false, ignoreOutliers: false },
    hiddenRunIds: [],
    scatter: { x: '', y: '' },
    parallelMetric: '',
  };
}

/** The view settings saved before a reload, over the defaults (anything unreadable is dropped). */
export function restoredUi(): CompareUi {
  const state = host.getState();
  const saved = isRecord(state) && isRecord(state.ui) ? state.ui : {};
  const ui = defaultUi();
  if (isRecord(state) && typeof state.baselineRunId === 'string') ui.baselineRunId = state.baselineRunId;
  if (typeof saved.onlyDifferences === 'boolean') ui.onlyDifferences = saved.onlyDifferences;
  if (typeof saved.paramFilter === 'string') ui.paramFilter = saved.paramFilter;
  if (typeof saved.tagsOnlyDifferences === 'boolean') ui.tagsOnlyDifferences = saved.tagsOnlyDifferences;
  if (isRecord(saved.directions)) {
    for (const [key, value] of Object.entries(saved.directions)) {
      if (value === 'lower' || value === 'higher' || value === 'none')
        Object.defineProperty(ui.directions, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  const metricSort = restoredSort(saved.metricSort);
  if (metricSort) ui.metricSort = metricSort;
  if (isRecord(saved.chart)) {
    const chart = saved.chart;
    if (chart.xMode === 'step' || chart.xMode === 'wallTime' || chart.xMode === 'relativeTime')
      ui.chart.xMode = chart.xMode;
    if (typeof chart.smoothing === 'number' && chart.smoothing >= 0 && chart.smoothing < 1)
      ui.chart.smoothing = chart.smoothing;
    if (typeof chart.logScale === 'boolean') ui.chart.logScale = chart.logScale;
    if (typeof chart.ignoreOutliers === 'boolean') ui.chart.ignoreOutliers = chart.ignoreOutliers;
  }
  if (Array.isArray(saved.hiddenRunIds))
    ui.hiddenRunIds = saved.hiddenRunIds.filter((id): id is string => typeof id === 'string');
  // An axis the runs no longer have is replaced by the relations section's own choice when it draws.
  if (isRecord(saved.scatter) && typeof saved.scatter.x === 'string' && typeof saved.scatter.y === 'string')
    ui.scatter = { x: saved.scatter.x, y: saved.scatter.y };
  if (typeof saved.parallelMetric === 'string') ui.parallelMetric = saved.parallelMetric;
  return ui;
}

/** A saved metric sort, or undefined when it is not one (a run index past the runs sorts nothing). */
function restoredSort(value: unknown): MetricSort | undefined {
  if (!isRecord(value) || typeof value.descending !== 'boolean') return undefined;
  if (value.by === 'name') return { by: 'name', descending: value.descending };
  if (value.by === 'run' && Number.isSafeInteger(value.runIndex) && (value.runIndex as number) >= 0)
    return { by: 'run', runIndex: value.runIndex as number, descending: value.descending };
  return undefined;
}

/** Saves the runs and the view for the next reload. */
export function saveState(runIds: readonly string[], ui: CompareUi): void {
  host.setState({ runIds: [...runIds], baselineRunId: ui.baselineRunId, ui });
}
