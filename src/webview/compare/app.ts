/**
 * The compare panel: the runs the host sent, the sections that show them, the metric histories
 * they ask for, and the view settings kept across reloads. The app is the one `CompareContext`
 * every section reads, so a section's listeners always see the current runs.
 */
import type { HostMessage, RunView, WebviewMessage } from '../protocol';
import { el, replaceChildren } from '../shared/dom';
import { host } from '../shared/host';
import { HistoryStore } from '../shared/historyStore';
import type { ChartTheme } from '../shared/theme';
import { readChartTheme } from '../shared/theme';
import { chartsSection } from './chartsSection';
import type { CodeSection } from './codeSection';
import { codeSection } from './codeSection';
import type { CompareUi } from './compareState';
import { restoredUi, saveState } from './compareState';
import type { CompareContext, Section, SectionName } from './context';
import { headerSection } from './header';
import { metricsSection } from './metricsSection';
import { paramsSection } from './paramsSection';
import { relationsSection } from './relationsSection';
import type { RunColumn } from './runTable';
import { tagsSection } from './tagsSection';

/** Points of history held in the webview for the overview of all metrics of all runs. */
const HISTORY_POINT_BUDGET = 2_000_000;
const MIN_POINTS_PER_RUN = 200;
const MAX_POINTS_PER_RUN = 2500;

export class CompareApp implements CompareContext {
  runs: RunView[] = [];
  columns: RunColumn[] = [];
  baselineIndex: number | undefined;
  metricKeys: string[] = [];
  readonly ui: CompareUi = restoredUi();
  theme: ChartTheme = readChartTheme();
  readonly histories: HistoryStore;
  private readonly notices = el('div', { className: 'notices', attrs: { role: 'status' } });
  private readonly code: CodeSection = codeSection();
  private readonly sections: Section[];
  private readonly colorSlots = new Map<string, number>();

  constructor(private readonly root: HTMLElement) {
    this.histories = new HistoryStore(
      (message) => this.post(message),
      (key) => this.sections.forEach((section) => section.historyChanged?.(this, key)),
      () => this.pointsPerRun(),
    );
    this.sections = [
      headerSection(),
      paramsSection(),
      metricsSection(),
      chartsSection(),
      relationsSection(),
      tagsSection(),
      this.code,
    ];
    replaceChildren(root, this.notices, el('div', { className: 'loading', text: 'Loading runs…' }));
  }

  post(message: WebviewMessage): void {
    host.post(message);
  }

  receive(message: HostMessage): void {
    switch (message.type) {
      case 'compareData':
        return this.show(message.runs, message.problems);
      case 'metricHistory':
      case 'metricHistoryFailed':
        this.histories.receive(message);
        return;
      case 'codeInfo':
      case 'codeDiff':
        return this.code.receive(this, message);
      case 'notice':
        this.notices.appendChild(el('p', { className: `notice ${message.level}`, text: message.message }));
        return;
      default:
        return;
    }
  }

  update(patch: Partial<CompareUi>, ...names: SectionName[]): void {
    Object.assign(this.ui, patch);
    if ('baselineRunId' in patch) this.refreshColumns();
    saveState(
      this.runs.map((run) => run.runId),
      this.ui,
    );
    for (const section of this.sections) if (names.includes(section.name)) section.render(this);
  }

  /** The theme changed: colours are read again and everything drawn in them is redrawn. */
  themeChanged(): void {
    this.theme = readChartTheme();
    // Before the runs arrive there is nothing drawn in the old colours.
    if (this.runs.length === 0) return;
    this.refreshColumns();
    for (const section of this.sections) {
      if (section.themeChanged) section.themeChanged(this);
      else section.render(this);
    }
  }

  private show(runs: RunView[], problems: readonly string[]): void {
    const known = new Set(this.runs.map((run) => run.runId));
    // Removing runs keeps the histories; a new run needs its history in every metric.
    if (runs.some((run) => !known.has(run.runId))) this.histories.clear();
    for (const run of runs) if (!this.colorSlots.has(run.runId)) this.colorSlots.set(run.runId, this.colorSlots.size);
    this.runs = runs;
    this.metricKeys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].sort((a, b) =>
      a.localeCompare(b, undefined, { numeric: true }),
    );
    if (this.ui.baselineRunId !== undefined && !runs.some((run) => run.runId === this.ui.baselineRunId))
      this.ui.baselineRunId = undefined;
    this.refreshColumns();
    saveState(
      runs.map((run) => run.runId),
      this.ui,
    );
    replaceChildren(this.notices, ...problems.map((problem) => el('p', { className: 'notice error', text: problem })));
    if (this.root.lastElementChild?.classList.contains('loading'))
      replaceChildren(this.root, this.notices, ...this.sections.map((section) => section.element));
    for (const section of this.sections) section.render(this);
    for (const key of this.metricKeys) this.histories.want(key);
  }

  private refreshColumns(): void {
    const index = this.runs.findIndex((run) => run.runId === this.ui.baselineRunId);
    this.baselineIndex = index >= 0 ? index : undefined;
    this.columns = this.runs.map((run, position) => ({
      runId: run.runId,
      name: run.name,
      color: this.theme.runColor(this.colorSlots.get(run.runId) ?? position),
      isBaseline: position === this.baselineIndex,
    }));
  }

  private pointsPerRun(): number {
    const series = Math.max(1, this.runs.length * this.metricKeys.length);
    return Math.max(MIN_POINTS_PER_RUN, Math.min(MAX_POINTS_PER_RUN, Math.floor(HISTORY_POINT_BUDGET / series)));
  }
}
