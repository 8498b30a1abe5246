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
  if (
    typeof state === 'object' &&
    state !== null &&
    typeof (state as { baselineRunId?: unknown }).baselineRunId === 'string'
  ) {
    ui.baselineRunId = (state as { baselineRunId: string }).baselineRunId;
  }
  if (typeof saved.onlyDifferences === 'boolean') ui.onlyDifferences = saved.onlyDifferences;
  if (typeof saved.paramFilter === 'string') ui.paramFilter = saved.paramFilter;
  if (typeof saved.tagsOnlyDifferences === 'boolean') ui.tagsOnlyDifferences = saved.tagsOnlyDifferences;
  if (isRecord(saved.directions)) {
    for (const [key, value] of Object.entries(saved.directions)) {
      if (value === 'lower' || value === 'higher' || value === 'none')
        Object.defineProperty(ui.directions, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
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
  return ui;
}

/** Saves the runs and the view for the next reload. */
export function saveState(runIds: readonly string[], ui: CompareUi): void {
  host.setState({ runIds: [...runIds], baselineRunId: ui.baselineRunId, ui });
}
