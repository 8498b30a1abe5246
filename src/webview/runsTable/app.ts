/**
 * The runs table panel: holds the loaded runs (streamed page by page, replaced by a new generation,
 * merged by live updates), the view state the host saves, the selection; lays out the lines and
 * columns for the grid; and turns what the user does into messages for the host.
 */
import type {
  MetricRange,
  RunsTableCommand,
  RunsTableHostMessage,
  TableCommit,
  TableExperiment,
  TableGrouping,
  TableRow,
  TableSortKey,
} from '../protocol';
import { MAX_SORT_KEYS, defaultRunsTableState } from '../protocol';
import type { CsvCell } from '../shared/csv';
import { toCsv } from '../shared/csv';
import { el, setText } from '../shared/dom';
import { formatNumber } from '../shared/format';
import { host } from '../shared/host';
import { guessMetricDirection } from '../shared/metricDirection';
import { ENTITY_PREFIX } from '../shared/searchWords';
import type { BestDirection, Cell, CellContext, Column, KeyCounts, RangeTable } from './columns';
import {
  DEFAULT_WIDTH,
  NAME_COLUMN_ID,
  NAME_WIDTH,
  allColumns,
  cellOf,
  countKeys,
  directionOf,
  discoverKeys,
  sortedKeys,
  parseColumnId,
  restoredSort,
  sortsLocally,
  toOrderBy,
  visibleColumns,
} from './columns';
import { ColumnChooser } from './columnChooser';
import { CommitChart } from './commitChart';
import type { DisplayLine, RowGroup } from './displayRows';
import { layoutLines, sortRows } from './displayRows';
import { FilterBox } from './filterBox';
import type { GridController } from './grid';
import { RunsGrid } from './grid';
import { RunSelection } from './selection';

const MAX_RECENT_FILTERS = 10;
/** Metric histories are asked for in batches of this many runs (the host pages them to the store). */
const RANGE_BATCH = 100;

type Loading =
  | { kind: 'waiting' }
  | { kind: 'loading'; loaded: number; total?: number }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

export class RunsTableApp implements GridController {
  private experiments: TableExperiment[] = [];
  /** The experiments' names by id, for the Experiment column. */
  private experimentNames = new Map<string, string>();
  private writable = false;
  private hasRepository = false;
  private state = defaultRunsTableState();
  private rows: TableRow[] = [];
  private byId = new Map<string, TableRow>();
  private generation = -1;
  private loading: Loading = { kind: 'waiting' };
  private keys = discoverKeys([]);
  /** Key counts of the loaded rows, kept up to date as pages arrive (undefined: count them all again). */
  private counts: KeyCounts | undefined;
  private columnsAll: Column[] = [];
  private columnsById = new Map<string, Column>();
  private shown: Column[] = [];
  private lines: DisplayLine[] = [];
  private runOrder: string[] = [];
  private readonly selection = new RunSelection();
  private readonly collapsed = new Set<string>();
  private commits: TableCommit[] = [];
  private head: string | undefined;
  private compared = new Map<string, string>();
  private readonly ranges: RangeTable = new Map();
  private readonly rangesAsked = new Set<string>();
  private now = Date.now();
  /** What cells show besides their row, as of the last refresh. */
  private cells: CellContext = { now: this.now };
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly filterBox: FilterBox;
  private readonly toolbar: HTMLElement;
  private readonly status: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly chooser: ColumnChooser;
  private readonly chart: CommitChart;
  private readonly grid: RunsGrid;

  constructor(private readonly root: HTMLElement) {
    this.filterBox = new FilterBox({
      known: () => this.keys,
      rows: () => this.rows,
      recent: () => this.state.recentFilters,
      check: (filter) => host.post({ type: 'runsTable/checkFilter', filter }),
      apply: (filter) => this.applyFilter(filter),
    });
    this.toolbar = el('div', { className: 'toolbar table-toolbar' });
    this.status = el('div', { className: 'table-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.actions = el('div', { className: 'table-actions', attrs: { role: 'toolbar', 'aria-label': 'Selected runs' } });
    this.chooser = new ColumnChooser({
      columns: () => this.columnsAll,
      layout: () => this.state.columns,
      change: (layout) => {
        this.state.columns = layout;
        this.requestRanges();
        this.refresh();
      },
    });
    this.chart = new CommitChart((runIds) => {
      this.selection.set(runIds);
      this.selectionChanged();
    });
    const gridHolder = el('div', { className: 'grid-holder' });
    root.replaceChildren(
      this.filterBox.element,
      this.toolbar,
      this.chooser.element,
      this.chart.element,
      this.actions,
      this.status,
      gridHolder,
    );
    this.grid = new RunsGrid(gridHolder, this, 'Runs');
    this.drawToolbar();
    this.drawStatus();
  }

  receive(message: RunsTableHostMessage): void {
    switch (message.type) {
      case 'runsTable/init':
        this.experiments = message.experiments;
        this.experimentNames = new Map(message.experiments.map((experiment) => [experiment.id, experiment.name]));
        this.writable = message.writable;
        this.hasRepository = message.hasRepository;
        this.state = message.state ?? defaultRunsTableState();
        this.restoreSort();
        this.selection.set(this.state.selection);
        this.filterBox.value = this.state.filter;
        this.loading = { kind: 'loading', loaded: 0 };
        this.saveLocally();
        this.drawToolbar();
        this.refresh();
        break;
      case 'runsTable/rows':
        this.rowsArrived(message.generation, message.rows, message.loaded, message.total, message.done);
        break;
      case 'runsTable/update':
        if (message.generation !== this.generation) return;
        for (const row of message.rows) {
          const index = this.byId.has(row.runId) ? this.rows.findIndex((old) => old.runId === row.runId) : -1;
          if (index >= 0) this.rows[index] = row;
          else this.rows.push(row);
          this.byId.set(row.runId, row);
        }
        this.counts = undefined;
        this.refresh();
        break;
      case 'runsTable/failed':
        if (message.generation < this.generation) return;
        this.loading = { kind: 'failed', message: message.message };
        this.drawStatus();
        break;
      case 'runsTable/filterChecked':
        this.filterBox.checked(message.filter, message.problem);
        break;
      case 'runsTable/metricRanges':
        for (const range of message.ranges) {
          let perRun = this.ranges.get(range.runId);
          if (!perRun) this.ranges.set(range.runId, (perRun = new Map<string, MetricRange>()));
          perRun.set(range.key, range);
        }
        // A sort by a min/max/best-step column places the runs by these values: lay out again.
        if (this.sortKeys.some((key) => /^metric(Min|Max|BestStep):/.test(key.columnId))) this.refresh();
        else this.grid.invalidate();
        break;
      case 'runsTable/commits':
        this.commits = message.commits;
        this.head = message.head;
        this.refresh();
        break;
      case 'runsTable/compared':
        this.compared = new Map(message.runIds.map((runId) => [runId, message.colors[runId] ?? '']));
        this.grid.invalidate();
        break;
      case 'themeChanged':
        this.chart.themeChanged();
        break;
    }
  }

  private rowsArrived(
    generation: number,
    rows: TableRow[],
    loaded: number,
    total: number | undefined,
    done: boolean,
  ): void {
    if (generation < this.generation) return;
    if (generation > this.generation) {
      this.generation = generation;
      this.counts = countKeys([]);
      this.rows = [];
      this.byId.clear();
      this.ranges.clear();
      this.rangesAsked.clear();
    }
    const added: TableRow[] = [];
    for (const row of rows) {
      if (this.byId.has(row.runId)) continue;
      this.rows.push(row);
      this.byId.set(row.runId, row);
      added.push(row);
    }
    if (this.counts && generation === this.generation) countKeys(added, this.counts);
    this.loading = done ? { kind: 'done' } : { kind: 'loading', loaded, total };
    if (done) this.selection.keepOnly(new Set(this.byId.keys()));
    this.refresh(true);
    this.requestRanges();
  }

  /**
   * Lays everything out again from the rows and the state. `rowsArrived`: only runs were added (a page
   * of the query), so the grid keeps the drawn lines that still show the same runs.
   */
  private refresh(rowsArrived = false): void {
    this.now = Date.now();
    this.cells = {
      now: this.now,
      ranges: this.ranges,
      experimentNames: this.experimentNames,
      directions: this.state.metricDirections,
    };
    this.counts ??= countKeys(this.rows);
    this.keys = sortedKeys(this.counts);
    this.columnsAll = allColumns(this.keys, {
      experiments: this.experiments.length,
      ranges: this.state.columns.ranges,
    });
    this.columnsById = new Map(this.columnsAll.map((column) => [column.id, column]));
    const { columns, pinnedCount } = visibleColumns(this.columnsAll, this.state.columns, this.rows);
    this.shown = columns;
    this.lines = layoutLines(this.rows, {
      ...this.cells,
      sort: this.sortKeys,
      columns: this.columnsById,
      flat: this.state.flat,
      grouping: this.state.grouping,
      collapsed: this.collapsed,
      commits: this.commits,
    });
    this.runOrder = this.lines.flatMap((line) => (line.kind === 'run' ? [line.row.runId] : []));
    this.grid.setData(this.lines, columns, pinnedCount, rowsArrived);
    this.chooser.refresh();
    this.chart.update(this.state.grouping, this.lines, this.commits);
    this.filterBox.refreshWarning();
    this.drawStatus();
    this.drawActions();
    this.drawToolbarCounts();
  }

  // ---- GridController ----

  cell(column: Column, row: TableRow): Cell {
    return cellOf(column, row, this.cells);
  }

  isSelected(runId: string): boolean {
    return this.selection.has(runId);
  }

  sortOf(columnId: string): { ascending: boolean; rank: number } | undefined {
    const index = this.sortKeys.findIndex((key) => key.columnId === columnId);
    return index < 0 ? undefined : { ascending: this.sortKeys[index]!.ascending, rank: index + 1 };
  }

  swatch(runId: string): string | undefined {
    return this.compared.get(runId) || undefined;
  }

  isHead(row: TableRow): boolean {
    return this.head !== undefined && row.commit !== undefined && row.commit === this.head;
  }

  width(column: Column): number {
    return this.state.columns.widths[column.id] ?? (column.id === NAME_COLUMN_ID ? NAME_WIDTH : DEFAULT_WIDTH);
  }

  groupSummary(group: RowGroup): string {
    const count = `${group.runs.length.toLocaleString('en-US')} run${group.runs.length === 1 ? '' : 's'}`;
    const metric = this.state.grouping.metric;
    if (metric === undefined) return count;
    return group.best ? `${count} · best ${metric} ${formatNumber(group.best.value)}` : `${count} · no ${metric}`;
  }

  canDiffGroup(line: number): boolean {
    return this.previousCommitGroup(line) !== undefined;
  }

  click(line: number, how: { ctrl: boolean; shift: boolean }): void {
    const runId = this.runAt(line);
    if (runId === undefined) return;
    if (how.shift) this.selection.range(runId, this.runOrder, how.ctrl);
    else if (how.ctrl) this.selection.toggle(runId);
    else this.selection.only(runId);
    this.selectionChanged();
  }

  toggle(line: number): void {
    const runId = this.runAt(line);
    if (runId === undefined) return;
    this.selection.toggle(runId);
    this.selectionChanged();
  }

  extendTo(line: number): void {
    const runId = this.runAt(line);
    if (runId === undefined) return;
    this.selection.range(runId, this.runOrder);
    this.selectionChanged();
  }

  anchorAt(line: number): void {
    const runId = this.runAt(line);
    if (runId !== undefined) this.selection.anchor = runId;
  }

  open(line: number): void {
    const runId = this.runAt(line);
    if (runId !== undefined) this.run('openRun', [runId]);
  }

  selectAll(): void {
    if (this.selection.size === this.runOrder.length && this.runOrder.length > 0) this.selection.clear();
    else this.selection.set(this.runOrder);
    this.selectionChanged();
  }

  toggleExpand(line: number): void {
    const item = this.lines[line];
    if (!item) return;
    const key = item.kind === 'group' ? `group:${item.group.id}` : item.row.runId;
    if (this.collapsed.has(key)) this.collapsed.delete(key);
    else this.collapsed.add(key);
    this.refresh();
  }

  selectGroup(line: number): void {
    const item = this.lines[line];
    if (item?.kind !== 'group') return;
    this.selection.set(item.group.runs.map((row) => row.runId));
    this.selectionChanged();
  }

  diffGroup(line: number): void {
    const item = this.lines[line];
    const previous = this.previousCommitGroup(line);
    if (item?.kind !== 'group' || !previous) return;
    // The older commit comes later in `git log` order: it is the left side of the diff.
    host.post({ type: 'runsTable/diffCommits', runIds: [previous.runs[0]!.runId, item.group.runs[0]!.runId] });
  }

  /** The table's sort, every key with its direction: the state's (store keys and local ones alike). */
  private get sortKeys(): TableSortKey[] {
    return this.state.sort ?? [];
  }

  sort(columnId: string, add: boolean): void {
    const index = this.sortKeys.findIndex((key) => key.columnId === columnId);
    const current = this.sortKeys[index];
    let next: TableSortKey[];
    if (!add) {
      next =
        !current || this.sortKeys.length > 1
          ? [{ columnId, ascending: true }]
          : current.ascending
            ? [{ columnId, ascending: false }]
            : [];
    } else if (!current)
      next = this.sortKeys.length < MAX_SORT_KEYS ? [...this.sortKeys, { columnId, ascending: true }] : this.sortKeys;
    else if (current.ascending)
      next = this.sortKeys.map((key) => (key.columnId === columnId ? { columnId, ascending: false } : key));
    else next = this.sortKeys.filter((key) => key.columnId !== columnId);
    // The whole sort is kept in the state, so that a reload sorts by the local keys too.
    this.state.sort = next;
    const orderBy = toOrderBy(next);
    // A key MLflow cannot order by (the experiment's name, duration…) sorts the loaded runs only:
    // asking the store again for the same order would only page every run in again.
    const storeOrderChanged = orderBy.join('\n') !== this.state.orderBy.join('\n');
    this.state.orderBy = orderBy;
    this.refresh();
    if (storeOrderChanged) this.query();
    else this.save();
  }

  /**
   * The sort of the state the host gave (saved, so checked only for its shape): the store's keys
   * and the local ones, re-applied as runs and metric ranges arrive. When the state's `orderBy` is
   * not the store's part of that sort (a state from elsewhere), the runs are asked for again in it.
   */
  private restoreSort(): void {
    this.state.sort = restoredSort(this.state);
    const orderBy = toOrderBy(this.sortKeys);
    if (orderBy.join('\n') === this.state.orderBy.join('\n')) return;
    this.state.orderBy = orderBy;
    this.query();
  }

  moveColumn(columnId: string, to: string | number): void {
    const order = this.shown.map((column) => column.id);
    const from = order.indexOf(columnId);
    if (from < 0) return;
    const target = typeof to === 'number' ? from + to : order.indexOf(to);
    if (target < 0 || target >= order.length) return;
    order.splice(from, 1);
    order.splice(target, 0, columnId);
    const placed = new Set(order);
    this.state.columns = {
      ...this.state.columns,
      order: [...order, ...this.state.columns.order.filter((id) => !placed.has(id))],
    };
    this.refresh();
  }

  resize(columnId: string, width: number, done: boolean): void {
    this.state.columns = { ...this.state.columns, widths: { ...this.state.columns.widths, [columnId]: width } };
    if (done) this.refresh();
    else this.grid.setData(this.lines, this.shown, this.pinnedCount());
  }

  // ---- helpers ----

  private pinnedCount(): number {
    return visibleColumns(this.columnsAll, this.state.columns, this.rows).pinnedCount;
  }

  private runAt(line: number): string | undefined {
    const item = this.lines[line];
    return item?.kind === 'run' ? item.row.runId : undefined;
  }

  /** The commit group shown before `line`'s in the table that is older: the next group line below it. */
  private previousCommitGroup(line: number): RowGroup | undefined {
    const item = this.lines[line];
    if (item?.kind !== 'group' || this.state.grouping.by !== 'commit' || item.group.id === '') return undefined;
    for (let index = line + 1; index < this.lines.length; index++) {
      const next = this.lines[index]!;
      if (next.kind === 'group') return next.group.id === '' ? undefined : next.group;
    }
    return undefined;
  }

  private selectionChanged(): void {
    this.state.selection = this.selection.ids(this.runOrder);
    this.grid.invalidate();
    this.drawActions();
    this.save();
  }

  private applyFilter(filter: string): void {
    this.state.filter = filter;
    if (filter !== '')
      this.state.recentFilters = [filter, ...this.state.recentFilters.filter((f) => f !== filter)].slice(
        0,
        MAX_RECENT_FILTERS,
      );
    this.query();
  }

  /** Asks the host for the runs of the current filter, sort and Show Deleted. */
  private query(): void {
    this.loading = { kind: 'loading', loaded: 0 };
    host.post({
      type: 'runsTable/query',
      filter: this.state.filter,
      orderBy: this.state.orderBy,
      showDeleted: this.state.showDeleted,
    });
    this.drawStatus();
    this.save();
  }

  private requestRanges(): void {
    const keys = [
      ...new Set(this.state.columns.ranges.map((id) => parseColumnId(id)?.key).filter((key) => key !== undefined)),
    ];
    if (keys.length === 0) return;
    const missing = this.rows
      .map((row) => row.runId)
      .filter((runId) => !this.rangesAsked.has(`${runId}\u0000${keys.join('\u0000')}`));
    for (const runId of missing) this.rangesAsked.add(`${runId}\u0000${keys.join('\u0000')}`);
    for (let start = 0; start < missing.length; start += RANGE_BATCH)
      host.post({ type: 'runsTable/metricRanges', runIds: missing.slice(start, start + RANGE_BATCH), keys });
  }

  private run(command: RunsTableCommand, runIds: string[]): void {
    if (runIds.length > 0) host.post({ type: 'runsTable/run', command, runIds });
  }

  private save(): void {
    this.saveLocally();
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => host.post({ type: 'runsTable/saveState', state: this.state }), 300);
  }

  private saveLocally(): void {
    host.setState({ experimentIds: this.experiments.map((experiment) => experiment.id), state: this.state });
  }

  // ---- drawing around the grid ----

  private drawStatus(): void {
    const loaded = this.rows.length;
    const parts: (Node | string)[] = [];
    this.status.className = 'table-status';
    switch (this.loading.kind) {
      case 'waiting':
        parts.push('Loading runs…');
        break;
      case 'loading': {
        const { total } = this.loading;
        const count = this.loading.loaded.toLocaleString('en-US');
        parts.push(
          total !== undefined
            ? `Loading runs: ${count} of ${total.toLocaleString('en-US')}`
            : `Loading runs: ${count} loaded…`,
        );
        this.status.classList.add('busy');
        break;
      }
      case 'failed': {
        this.status.classList.add('failed');
        const message = el('span', { className: 'table-error' });
        setText(message, `The store failed: ${this.loading.message}`);
        parts.push(
          message,
          el('button', { className: 'table-retry', text: 'Retry', on: { click: () => this.retry() } }),
        );
        break;
      }
      case 'done':
        if (loaded === 0)
          parts.push(this.state.filter.trim() === '' ? 'No runs in this experiment.' : 'No run matches this filter.');
        else parts.push(`${loaded.toLocaleString('en-US')} run${loaded === 1 ? '' : 's'}`);
        break;
    }
    const local = this.sortKeys.filter((key) => sortsLocally(key.columnId));
    if (local.length > 0 && this.loading.kind !== 'failed') {
      const names = local.map((key) => this.columnsById.get(key.columnId)?.label ?? key.columnId);
      parts.push(
        el('span', {
          className: 'table-sort-note',
          text: ` · ${names.join(', ')}: sorted on the loaded runs only (MLflow cannot order by ${local.length === 1 ? 'it' : 'them'})`,
        }),
      );
    }
    this.status.replaceChildren(...parts);
  }

  private retry(): void {
    this.loading = { kind: 'loading', loaded: 0 };
    host.post({ type: 'runsTable/retry' });
    this.drawStatus();
  }

  private drawActions(): void {
    const ids = this.selection.ids(this.runOrder);
    const count = ids.length;
    const runs = ids.map((runId) => this.byId.get(runId)).filter((row) => row !== undefined);
    const button = (label: string, command: RunsTableCommand, enabled: boolean): HTMLElement =>
      el('button', {
        className: 'table-action',
        text: label,
        attrs: enabled ? {} : { disabled: '' },
        on: { click: () => this.run(command, ids) },
      });
    const children: (HTMLElement | undefined)[] = [
      el('span', { className: 'table-selected', text: `${count.toLocaleString('en-US')} selected` }),
      button(`Compare (${count})`, 'compare', count > 0),
      button('Diff Code', 'diffCode', count === 2),
      button('Open Run', 'openRun', count === 1),
      button('Copy ID', 'mlflow.run.copyId', count > 0),
      el('button', {
        className: 'table-action',
        text: 'Copy as TSV',
        attrs: count > 0 ? {} : { disabled: '' },
        on: { click: () => this.copyTsv() },
      }),
      this.hasRepository
        ? button('Check Out', 'mlflow.git.checkOut', count === 1 && runs[0]?.commit !== undefined)
        : undefined,
      this.hasRepository
        ? button('Open Source', 'mlflow.git.openSource', count === 1 && runs[0]?.commit !== undefined)
        : undefined,
      this.writable ? button('Rename…', 'mlflow.run.rename', count === 1) : undefined,
      this.writable ? button('Set Tag…', 'mlflow.run.setTag', count > 0) : undefined,
      this.writable
        ? button(
            'Delete',
            'mlflow.run.delete',
            runs.some((row) => row.lifecycleStage === 'active'),
          )
        : undefined,
      this.writable
        ? button(
            'Restore',
            'mlflow.run.restore',
            runs.some((row) => row.lifecycleStage === 'deleted'),
          )
        : undefined,
    ];
    this.actions.replaceChildren(...children.filter((child) => child !== undefined));
  }

  private groupByControl: HTMLSelectElement | undefined;
  private groupKeyControl: HTMLSelectElement | undefined;
  private groupMetricControl: HTMLSelectElement | undefined;
  private directionControl: HTMLSelectElement | undefined;
  private columnsButton: HTMLElement | undefined;

  private drawToolbar(): void {
    const grouping = this.state.grouping;
    this.groupByControl = select(
      'Group by',
      [
        ['none', 'No grouping'],
        ['commit', 'Commit'],
        ['branch', 'Branch'],
        ['param', 'Param value'],
        ['parent', 'Parent run'],
      ],
      grouping.by,
      (value) => this.setGrouping({ ...this.state.grouping, by: value as TableGrouping['by'] }),
    );
    this.groupKeyControl = select('Param', [], grouping.key ?? '', (value) =>
      this.setGrouping({ ...this.state.grouping, key: value }),
    );
    this.groupMetricControl = select('Best of', [], grouping.metric ?? '', (value) =>
      this.setGrouping({ ...this.state.grouping, metric: value === '' ? undefined : value }),
    );
    this.directionControl = select('Best direction', [], '', (value) =>
      this.setDirection(this.state.grouping.metric, value as BestDirection),
    );
    const toggle = (label: string, checked: boolean, change: (checked: boolean) => void): HTMLElement => {
      const input = el('input', { attrs: { type: 'checkbox' }, on: { change: () => change(input.checked) } });
      input.checked = checked;
      return el('label', { className: 'control' }, input, label);
    };
    this.columnsButton = el('button', {
      className: 'table-columns',
      text: 'Columns…',
      attrs: { 'aria-haspopup': 'dialog' },
      on: { click: () => this.chooser.toggle() },
    });
    this.toolbar.replaceChildren(
      el('label', { className: 'control' }, 'Group by', this.groupByControl),
      el('label', { className: 'control group-key' }, 'Param', this.groupKeyControl),
      el('label', { className: 'control group-metric' }, 'Best', this.groupMetricControl),
      el('label', { className: 'control group-direction' }, this.directionControl),
      toggle('Flat', this.state.flat, (flat) => {
        this.state.flat = flat;
        this.save();
        this.refresh();
      }),
      toggle('Show Deleted', this.state.showDeleted, (showDeleted) => {
        this.state.showDeleted = showDeleted;
        this.query();
      }),
      toggle('Only columns that differ', this.state.columns.onlyDiffering, (onlyDiffering) => {
        this.state.columns = { ...this.state.columns, onlyDiffering };
        this.save();
        this.refresh();
      }),
      this.columnsButton,
      el('button', {
        className: 'table-filter-sidebar',
        text: 'Filter Sidebar',
        title: "Filter the sidebar's runs of this experiment with the table's filter",
        on: { click: () => host.post({ type: 'runsTable/filterSidebar' }) },
      }),
      el('button', { className: 'table-export', text: 'Export CSV', on: { click: () => this.exportCsv() } }),
    );
    this.drawToolbarCounts();
  }

  /** The choices that depend on the loaded runs: param keys and metric keys. */
  private drawToolbarCounts(): void {
    const grouping = this.state.grouping;
    if (this.groupKeyControl) {
      fillSelect(
        this.groupKeyControl,
        [...this.keys.param.keys()].map((key) => [key, key]),
        grouping.key ?? '',
      );
      (this.groupKeyControl.parentElement as HTMLElement).hidden = grouping.by !== 'param';
    }
    if (this.groupMetricControl) {
      fillSelect(
        this.groupMetricControl,
        [
          ['', '(none)'],
          ...[...this.keys.metric.keys()].map((key): [string, string] => [
            key,
            `${key} (${directionOf(key, this.state.metricDirections)})`,
          ]),
        ],
        grouping.metric ?? '',
      );
      (this.groupMetricControl.parentElement as HTMLElement).hidden = grouping.by === 'none';
    }
    if (this.directionControl) {
      const metric = grouping.metric;
      // The default is marked (the name's guess, else higher), so that a switched direction shows it was chosen.
      const guess = metric === undefined ? 'none' : guessMetricDirection(metric);
      const label = (direction: BestDirection): string =>
        `${direction} is better${direction === guess ? ' (from the name)' : guess === 'none' && direction === 'higher' ? ' (default)' : ''}`;
      fillSelect(
        this.directionControl,
        [
          ['higher', label('higher')],
          ['lower', label('lower')],
        ],
        metric === undefined ? 'higher' : directionOf(metric, this.state.metricDirections),
      );
      (this.directionControl.parentElement as HTMLElement).hidden = grouping.by === 'none' || metric === undefined;
    }
  }

  /** The user switched which way `metric`'s best value lies: remembered in the table's state. */
  private setDirection(metric: string | undefined, direction: BestDirection): void {
    if (metric === undefined) return;
    this.state.metricDirections = { ...this.state.metricDirections, [metric]: direction };
    this.save();
    this.refresh();
  }

  private setGrouping(grouping: TableGrouping): void {
    this.state.grouping =
      grouping.by === 'param' && grouping.key === undefined
        ? { ...grouping, key: this.keys.param.keys().next().value }
        : grouping;
    this.save();
    this.refresh();
  }

  /** The table as shown: the visible columns, the runs in the current filter and sort. */
  tableText(): { header: string[]; rows: CsvCell[][] } {
    const sorted = this.runsInSortOrder();
    // MLflow's own column names (`params.lr`, `metrics.loss`), as its UI's CSV has them.
    const header = this.shown.map((column) =>
      column.group === 'attr'
        ? column.label
        : column.group === 'param' || column.group === 'metric' || column.group === 'tag'
          ? `${ENTITY_PREFIX[column.group]}.${column.key}`
          : `${ENTITY_PREFIX.metric}.${column.label}`,
    );
    const rows = sorted.map((row) => this.shown.map((column) => this.exportCell(column, row)));
    return { header, rows };
  }

  private exportCell(column: Column, row: TableRow): CsvCell {
    if (column.id === 'attr:start')
      return row.startTime === undefined ? undefined : new Date(row.startTime).toISOString();
    if (column.id === 'attr:commit') return row.commit;
    if (column.id === NAME_COLUMN_ID) return row.runName || row.runId;
    const cell = this.cell(column, row);
    return typeof cell.value === 'number' && column.id !== 'attr:duration'
      ? cell.value
      : cell.text === ''
        ? undefined
        : cell.text;
  }

  private exportCsv(): void {
    const { header, rows } = this.tableText();
    const name = this.experiments.length === 1 ? this.experiments[0]!.name : 'runs';
    host.post({
      type: 'runsTable/export',
      fileName: `${name.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'runs'}.csv`,
      text: toCsv(header, rows),
    });
  }

  private copyTsv(): void {
    const selected = new Set(this.selection.ids());
    const { header, rows } = this.tableText();
    const runIndex = this.runsInSortOrder().map((row) => row.runId);
    const field = (cell: CsvCell): string => (cell === undefined ? '' : String(cell).replace(/[\t\r\n]+/g, ' '));
    const lines = [header.map(field).join('\t')];
    rows.forEach((row, index) => {
      if (selected.has(runIndex[index]!)) lines.push(row.map(field).join('\t'));
    });
    host.post({ type: 'runsTable/copy', text: `${lines.join('\n')}\n` });
  }

  /** Every loaded run in the table's sort, flat and ungrouped: the rows the CSV and the TSV list. */
  private runsInSortOrder(): TableRow[] {
    return sortRows(this.rows, { ...this.cells, sort: this.sortKeys, columns: this.columnsById });
  }

  /** For tests and the benchmark: draw now instead of at the next frame. */
  drawNow(): void {
    this.grid.render();
  }

  focusGrid(): void {
    this.grid.focusCell(this.grid.focusedLine, 1);
  }
}

function select(
  label: string,
  options: [string, string][],
  value: string,
  change: (value: string) => void,
): HTMLSelectElement {
  const element = el('select', { attrs: { 'aria-label': label }, on: { change: () => change(element.value) } });
  fillSelect(element, options, value);
  return element;
}

function fillSelect(element: HTMLSelectElement, options: readonly [string, string][], value: string): void {
  const key = options.map(([id, text]) => `${id}\u0001${text}`).join('\u0000');
  if (element.dataset.key !== key) {
    element.dataset.key = key;
    element.replaceChildren(...options.map(([id, text]) => el('option', { text, attrs: { value: id } })));
  }
  element.value = value;
}
