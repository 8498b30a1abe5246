/**
 * The runs grid: rows and columns virtualised with @tanstack/virtual-core (only the cells in view
 * exist in the DOM, so 10,000 runs x 500 columns scroll like 20), pinned columns kept at the left,
 * a sticky header that sorts, reorders (drag, or Alt+arrows) and resizes (drag, or Alt+Shift+arrows),
 * and the ARIA grid pattern with one roving tab stop and every action on the keyboard.
 */
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import type { TableRow } from '../protocol';
import { el, setText, visibleText } from '../shared/dom';
import type { Cell, Column } from './columns';
import { NAME_COLUMN_ID } from './columns';
import type { DisplayLine, RowGroup } from './displayRows';

export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 30;
const CHECK_WIDTH = 32;
const MIN_WIDTH = 48;

/** What the grid asks of the table around it: values to show, and what the user did. */
export interface GridController {
  cell(column: Column, row: TableRow): Cell;
  isSelected(runId: string): boolean;
  /** The column's place in the sort (1 = first key), if it is sorted. */
  sortOf(columnId: string): { ascending: boolean; rank: number } | undefined;
  swatch(runId: string): string | undefined;
  isHead(row: TableRow): boolean;
  width(column: Column): number;
  groupSummary(group: RowGroup): string;
  /** Whether a group line offers "Diff with previous". */
  canDiffGroup(line: number): boolean;
  click(line: number, how: { ctrl: boolean; shift: boolean }): void;
  toggle(line: number): void;
  extendTo(line: number): void;
  /** The keyboard moved to `line` without shift: a later shift-move ranges from there. */
  anchorAt(line: number): void;
  open(line: number): void;
  selectAll(): void;
  toggleExpand(line: number): void;
  selectGroup(line: number): void;
  diffGroup(line: number): void;
  sort(columnId: string, add: boolean): void;
  moveColumn(columnId: string, to: string | number): void;
  resize(columnId: string, width: number, done: boolean): void;
}

/** A drawn line. Its element and cells are reused for whichever line scrolls into view next. */
interface RenderedRow {
  element: HTMLElement;
  key: string;
  /** The line it shows (a run line is kept when a new page brings an equal one: see `setData`). */
  line?: DisplayLine;
  /** Its `translateY` and width as last written: unchanged ones are not written again. */
  top: number;
  width: number;
  /** The columns its cells were made for (`group` for a group line): the same shape is refilled in place. */
  shape: string;
  checkCell?: HTMLElement;
  check?: HTMLInputElement;
  cells: HTMLElement[];
  /** The run name cell's parts, when the row has that column in view. */
  name?: NameCell;
}

/**
 * The run name cell's parts, made once with the cell and kept while it is reused: a fill attaches,
 * detaches and rewrites only what differs from the line drawn before (new nodes each fill were restyled,
 * laid out and collected on every scroll frame). Parts not shown are detached, not hidden; the optional
 * ones are made the first time a line needs them.
 */
interface NameCell {
  cell: HTMLElement;
  status: HTMLElement;
  text: HTMLElement;
  expander?: HTMLElement;
  swatch?: HTMLElement;
  head?: HTMLElement;
  /** The indent depth and swatch colour last written (NaN, '': none yet). */
  depth: number;
  colour: string;
}

/** The virtualised grid. */
export class RunsGrid {
  readonly element: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly header: HTMLElement;
  private readonly rows: Virtualizer<HTMLElement, HTMLElement>;
  private readonly cols: Virtualizer<HTMLElement, HTMLElement>;
  private lines: readonly DisplayLine[] = [];
  private columns: readonly Column[] = [];
  private pinnedCount = 0;
  private widths: number[] = [];
  private pinnedWidth = CHECK_WIDTH;
  private rendered = new Map<number, RenderedRow>();
  private version = 0;
  /** Bumped when the columns or their widths change: rows are then made afresh, not refilled. */
  private layoutVersion = 0;
  /** The columns, their widths and the pinned count as last laid out: the same again keeps the drawn cells. */
  private columnsKey = '';
  private headerKey = '';
  private pending = false;
  private drawing = false;
  /** Set while `setData` configures the virtualisers, whose change callbacks would draw before it is done. */
  private configuring = false;
  /** The focused cell: line -1 is the header, column 0 the checkbox column. */
  private focusLine = 0;
  private focusColumn = 1;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    parent: HTMLElement,
    private readonly controller: GridController,
    label: string,
  ) {
    this.header = el('div', { className: 'grid-row grid-header', attrs: { role: 'row', 'aria-rowindex': '1' } });
    this.canvas = el('div', { className: 'grid-canvas', attrs: { role: 'rowgroup' } }, this.header);
    this.element = el(
      'div',
      {
        className: 'grid',
        attrs: { role: 'grid', 'aria-label': label, 'aria-multiselectable': 'true', tabindex: '0' },
        on: {
          keydown: (event) => this.keydown(event),
          focus: (event) => {
            if (event.target === this.element) this.focusCell(this.focusLine, this.focusColumn);
          },
        },
      },
      this.canvas,
    );
    parent.appendChild(this.element);
    // Whichever cell is pressed becomes the focused one (cells are reused, so this is read at the time).
    this.element.addEventListener('mousedown', (event) => {
      const cell = (event.target as Element).closest<HTMLElement>('[data-column]');
      if (!cell) return;
      this.focusLine = Number(cell.dataset.line);
      this.focusColumn = Number(cell.dataset.column);
    });
    // A scroll draws at once, inside the scroll event, so the new rows are painted in the same frame;
    // a change noticed while drawing waits for the next frame.
    const onChange = (): void => {
      if (this.configuring) return;
      if (this.drawing) this.schedule();
      else this.render();
    };
    this.rows = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => this.element,
      estimateSize: () => ROW_HEIGHT,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange,
      overscan: 8,
      paddingStart: HEADER_HEIGHT,
      scrollPaddingStart: HEADER_HEIGHT,
    });
    this.cols = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      horizontal: true,
      getScrollElement: () => this.element,
      estimateSize: (index) => this.widths[this.pinnedCount + index] ?? MIN_WIDTH,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange,
      overscan: 2,
    });
    this.cleanups.push(this.rows._didMount(), this.cols._didMount());
    this.rows._willUpdate();
    this.cols._willUpdate();
  }

  /**
   * New lines or columns, drawn at once, the scroll position kept. With `linesOnly` (more runs of the
   * same query arrived: the cells' values and the table's state are as they were), a drawn line that
   * shows the same run as before is kept as it is; otherwise every line in view is drawn again.
   * Columns are laid out (and their cells made) afresh only when they, their widths or the pinned count
   * changed.
   */
  setData(lines: readonly DisplayLine[], columns: readonly Column[], pinnedCount: number, linesOnly = false): void {
    this.lines = lines;
    this.columns = columns;
    this.pinnedCount = pinnedCount;
    this.widths = columns.map((column) => Math.max(MIN_WIDTH, this.controller.width(column)));
    this.configuring = true;
    try {
      // Rows have one fixed height: the virtualiser is given their number and never measures them.
      if (this.rows.options.count !== lines.length) this.rows.setOptions({ ...this.rows.options, count: lines.length });
      const columnsKey = `${pinnedCount}\u0000${columns.map((column, index) => `${column.id}\u0000${this.widths[index]}`).join('\u0000')}`;
      if (columnsKey !== this.columnsKey) {
        this.columnsKey = columnsKey;
        this.pinnedWidth = CHECK_WIDTH + this.widths.slice(0, pinnedCount).reduce((sum, width) => sum + width, 0);
        this.cols.setOptions({
          ...this.cols.options,
          count: columns.length - pinnedCount,
          paddingStart: this.pinnedWidth,
          scrollPaddingStart: this.pinnedWidth,
        });
        // The widths are the columns' sizes: the virtualiser forgets the old ones.
        this.cols.measure();
        this.layoutVersion++;
      }
    } finally {
      this.configuring = false;
    }
    this.focusLine = Math.min(this.focusLine, Math.max(0, lines.length - 1));
    this.focusColumn = Math.min(this.focusColumn, columns.length);
    this.element.setAttribute('aria-rowcount', String(lines.length + 1));
    this.element.setAttribute('aria-colcount', String(columns.length + 1));
    // The header shows the columns' run counts, which grow with every page.
    this.headerKey = '';
    if (!linesOnly) this.version++;
    this.render();
  }

  /** The selection, swatches or focus changed: the rows in view are drawn again. */
  invalidate(): void {
    this.version++;
    this.headerKey = '';
    this.schedule();
  }

  /** Scrolls line `index` into view. */
  scrollToLine(index: number): void {
    this.rows.scrollToIndex(index, { align: 'auto' });
    this.render();
  }

  /** Draws now (tests and benchmarks measure a drawn grid; normal updates go through `schedule`). */
  render(): void {
    this.drawing = true;
    try {
      this.draw();
    } finally {
      this.drawing = false;
    }
  }

  private draw(): void {
    this.pending = false;
    // Redrawn cells replace the focused one: the focus follows to its replacement.
    const hadFocus = this.element.contains(document.activeElement) && document.activeElement !== this.element;
    this.rows._willUpdate();
    this.cols._willUpdate();
    // The column virtualiser's total includes its padding, the pinned columns' width.
    const width = Math.max(this.cols.getTotalSize(), this.pinnedWidth);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${this.rows.getTotalSize()}px`;
    const virtualColumns = this.cols.getVirtualItems();
    const first = virtualColumns[0];
    const last = virtualColumns[virtualColumns.length - 1];
    const range = first && last ? [first.index, last.index] : [0, -1];
    const spacer = first ? first.start - this.pinnedWidth : 0;
    const columnIndexes = virtualColumns.map((item) => this.pinnedCount + item.index);
    const headerKey = `${this.version}:${range.join('-')}:${width}`;
    if (headerKey !== this.headerKey) {
      this.headerKey = headerKey;
      this.drawHeader(columnIndexes, spacer, width);
    }
    const items = this.rows.getVirtualItems();
    const visible = new Set(items.map((item) => item.index));
    const free: RenderedRow[] = [];
    for (const [index, row] of this.rendered) {
      if (visible.has(index)) continue;
      free.push(row);
      this.rendered.delete(index);
    }
    const key = `${this.version}:${this.layoutVersion}:${range.join('-')}`;
    const shape = `${this.layoutVersion}:${range.join('-')}`;
    // The columns of a run line's cells in DOM order: the pinned ones, then those in view.
    const order: number[] = [];
    for (let column = 0; column < this.pinnedCount; column++) order.push(column);
    for (const column of columnIndexes) order.push(column);
    for (const item of items) {
      let row = this.rendered.get(item.index);
      if (!row) {
        row = free.pop() ?? this.newRow();
        row.key = '';
        this.rendered.set(item.index, row);
      }
      if (row.top !== item.start) {
        row.top = item.start;
        row.element.style.transform = `translateY(${item.start}px)`;
      }
      if (row.width !== width) {
        row.width = width;
        row.element.style.width = `${width}px`;
      }
      const line = this.lines[item.index]!;
      if (row.key !== key || (row.line !== line && !sameLine(row.line, line))) {
        row.key = key;
        row.line = line;
        this.drawRow(row, item.index, order, spacer, shape);
      }
    }
    for (const row of free) row.element.remove();
    const focused = this.focusedElement();
    this.element.tabIndex = focused ? -1 : 0;
    if (hadFocus && focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  /** The line indexes drawn now (for tests of the virtualisation). */
  drawnLines(): number[] {
    return [...this.rendered.keys()].sort((a, b) => a - b);
  }

  dispose(): void {
    for (const cleanup of this.cleanups) cleanup();
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      if (this.pending) this.render();
    });
  }

  private drawHeader(columnIndexes: readonly number[], spacer: number, width: number): void {
    this.header.style.width = `${width}px`;
    const all = el('input', {
      attrs: { type: 'checkbox', 'aria-label': 'Select all runs', tabindex: '-1' },
      on: { click: (event) => (event.preventDefault(), this.controller.selectAll()) },
    });
    const runs = this.lines.filter((line) => line.kind === 'run');
    all.checked = runs.length > 0 && runs.every((line) => this.controller.isSelected(line.row.runId));
    const pinned = el(
      'div',
      { className: 'grid-pinned' },
      this.gridCell(-1, 0, 'columnheader', CHECK_WIDTH, all, 'grid-check'),
    );
    for (let index = 0; index < this.pinnedCount; index++) pinned.appendChild(this.headerCell(index));
    this.header.replaceChildren(pinned, el('div', { className: 'grid-spacer' }));
    (this.header.lastChild as HTMLElement).style.width = `${spacer}px`;
    for (const index of columnIndexes) this.header.appendChild(this.headerCell(index));
  }

  private headerCell(index: number): HTMLElement {
    const column = this.columns[index]!;
    const sort = this.controller.sortOf(column.id);
    const label = el('span', { className: 'grid-label', text: column.label });
    const cell = this.gridCell(
      -1,
      index + 1,
      'columnheader',
      this.widths[index]!,
      label,
      `grid-head group-${column.group}`,
    );
    cell.title = `${column.label}${column.count !== undefined ? ` (${column.count} runs)` : ''}`;
    // Named by its label alone: the group mark and the sort arrow are drawn, and aria-sort says the sort.
    cell.setAttribute('aria-label', column.label);
    cell.setAttribute('aria-sort', sort ? (sort.ascending ? 'ascending' : 'descending') : 'none');
    if (sort)
      cell.appendChild(
        el('span', { className: 'grid-sort', text: `${sort.ascending ? '▲' : '▼'}${sort.rank > 1 ? sort.rank : ''}` }),
      );
    cell.draggable = true;
    cell.addEventListener('click', (event) => this.controller.sort(column.id, event.shiftKey));
    cell.addEventListener('dragstart', (event) =>
      event.dataTransfer?.setData('application/x-mlflow-column', column.id),
    );
    cell.addEventListener('dragover', (event) => event.preventDefault());
    cell.addEventListener('drop', (event) => {
      event.preventDefault();
      const moved = event.dataTransfer?.getData('application/x-mlflow-column');
      if (moved && moved !== column.id) this.controller.moveColumn(moved, column.id);
    });
    const handle = el('span', { className: 'grid-resize', attrs: { 'aria-hidden': 'true' } });
    handle.addEventListener('click', (event) => event.stopPropagation());
    handle.addEventListener('pointerdown', (event) => this.startResize(event, column, index, cell));
    cell.appendChild(handle);
    return cell;
  }

  private startResize(event: PointerEvent, column: Column, index: number, cell: HTMLElement): void {
    event.preventDefault();
    event.stopPropagation();
    cell.draggable = false;
    const startX = event.clientX;
    const startWidth = this.widths[index]!;
    const target = event.target as HTMLElement;
    target.setPointerCapture(event.pointerId);
    const widthAt = (x: number): number => Math.max(MIN_WIDTH, Math.round(startWidth + x - startX));
    const move = (moveEvent: PointerEvent): void =>
      this.controller.resize(column.id, widthAt(moveEvent.clientX), false);
    const up = (upEvent: PointerEvent): void => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      this.controller.resize(column.id, widthAt(upEvent.clientX), true);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  }

  private newRow(): RenderedRow {
    const element = el('div', { attrs: { role: 'row' } });
    this.canvas.appendChild(element);
    const line = (): number => Number(element.dataset.line);
    element.addEventListener('click', (event) => {
      const item = this.lines[line()];
      if (item?.kind === 'group') this.controller.selectGroup(line());
      else if (item) this.controller.click(line(), { ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey });
    });
    element.addEventListener('dblclick', () => {
      if (this.lines[line()]?.kind === 'run') this.controller.open(line());
    });
    return { element, key: '', top: Number.NaN, width: Number.NaN, shape: '', cells: [] };
  }

  private drawRow(row: RenderedRow, index: number, order: readonly number[], spacer: number, shape: string): void {
    const line = this.lines[index]!;
    const { element } = row;
    element.dataset.line = String(index);
    element.setAttribute('aria-rowindex', String(index + 2));
    if (line.kind === 'group') {
      this.drawGroup(element, index, line.group, line.collapsed);
      row.shape = 'group';
      return;
    }
    const run = line.row;
    const selected = this.controller.isSelected(run.runId);
    element.className = `grid-row${selected ? ' selected' : ''}${run.lifecycleStage === 'deleted' ? ' deleted' : ''}`;
    element.setAttribute('aria-selected', String(selected));
    element.dataset.runId = run.runId;
    if (row.shape !== shape || !row.check || !row.checkCell) {
      const check = el('input', {
        attrs: { type: 'checkbox', tabindex: '-1' },
        on: {
          click: (event) => {
            event.stopPropagation();
            this.controller.toggle(Number(element.dataset.line));
          },
        },
      });
      const checkCell = this.gridCell(index, 0, 'gridcell', CHECK_WIDTH, check, 'grid-check');
      let name: NameCell | undefined;
      const cells = order.map((column) => {
        const cell = el('div', { attrs: { role: 'gridcell' } });
        cell.style.width = `${this.widths[column]!}px`;
        if (this.columns[column]!.id === NAME_COLUMN_ID) name = this.nameCell(cell);
        return cell;
      });
      const pinned = el('div', { className: 'grid-pinned' }, checkCell, ...cells.slice(0, this.pinnedCount));
      const gap = el('div', { className: 'grid-spacer' });
      gap.style.width = `${spacer}px`;
      element.replaceChildren(pinned, gap, ...cells.slice(this.pinnedCount));
      Object.assign(row, { shape, check, checkCell, cells, name });
    }
    row.check!.checked = selected;
    row.check!.setAttribute('aria-label', `Select ${visibleText(run.runName || run.runId)}`);
    this.placeCell(row.checkCell!, index, 0);
    for (let position = 0; position < order.length; position++)
      this.fillCell(row, row.cells[position]!, index, order[position]!, line);
  }

  /** Puts a line's value in a (new or reused) cell of column `columnIndex`. */
  private fillCell(
    row: RenderedRow,
    cell: HTMLElement,
    index: number,
    columnIndex: number,
    line: Extract<DisplayLine, { kind: 'run' }>,
  ): void {
    const column = this.columns[columnIndex]!;
    this.placeCell(cell, index, columnIndex + 1);
    const value = this.controller.cell(column, line.row);
    if (column.id !== NAME_COLUMN_ID || row.name?.cell !== cell) {
      // A reused cell is refilled in place; what did not change is not written again.
      const className = `grid-cell group-${column.group}${typeof value.value === 'number' ? ' numeric' : ''}`;
      if (cell.className !== className) cell.className = className;
      let text = cell.firstElementChild as HTMLElement | null;
      if (!text) {
        text = el('span', { className: 'grid-text' });
        cell.appendChild(text);
      }
      setText(text, value.text);
      if (value.title) {
        const title = visibleText(value.title);
        if (cell.title !== title) cell.title = title;
      } else if (cell.hasAttribute('title')) cell.removeAttribute('title');
      return;
    }
    this.fillName(row.name, line, value.text);
  }

  /** A run name cell's parts: the status dot and the name now, the others the first time a line needs them. */
  private nameCell(cell: HTMLElement): NameCell {
    cell.className = 'grid-cell grid-name';
    const status = el('span', { attrs: { role: 'img' } });
    const text = el('span', { className: 'grid-text' });
    cell.append(status, text);
    return { cell, status, text, depth: Number.NaN, colour: '' };
  }

  /**
   * Shows a run line in its name cell: the indent, the expander of a parent, the status dot, the compare
   * swatch, the name and the HEAD mark, each written only when it differs from what the cell shows.
   */
  private fillName(name: NameCell, line: Extract<DisplayLine, { kind: 'run' }>, text: string): void {
    const { cell, status } = name;
    if (name.depth !== line.depth) {
      name.depth = line.depth;
      cell.style.paddingLeft = `${6 + line.depth * 16}px`;
    }
    if (line.hasChildren) {
      name.expander ??= this.expander(cell);
      const expanded = String(line.expanded);
      if (cell.getAttribute('aria-expanded') !== expanded) {
        cell.setAttribute('aria-expanded', expanded);
        name.expander.className = `grid-expander${line.expanded ? ' expanded' : ''}`;
        name.expander.textContent = line.expanded ? '▾' : '▸';
      }
      if (name.expander.parentNode !== cell) cell.insertBefore(name.expander, status);
    } else {
      if (cell.hasAttribute('aria-expanded')) cell.removeAttribute('aria-expanded');
      name.expander?.remove();
    }
    const runStatus = line.row.status;
    const statusClass = `grid-status status-${runStatus}`;
    if (status.className !== statusClass) {
      status.className = statusClass;
      status.title = runStatus;
      status.setAttribute('aria-label', runStatus);
    }
    const colour = this.controller.swatch(line.row.runId);
    if (colour) {
      name.swatch ??= el('span', { className: 'grid-swatch', title: 'In a compare panel' });
      if (name.colour !== colour) {
        name.colour = colour;
        // Cleared first: a colour the browser rejects leaves the old one, which is another run's.
        name.swatch.style.background = '';
        name.swatch.style.background = colour;
      }
      if (name.swatch.parentNode !== cell) cell.insertBefore(name.swatch, name.text);
    } else name.swatch?.remove();
    setText(name.text, text);
    if (this.controller.isHead(line.row)) {
      name.head ??= el('span', {
        className: 'grid-head-mark',
        text: 'HEAD',
        title: 'Logged at the commit checked out now',
      });
      if (name.head.parentNode !== cell) cell.appendChild(name.head);
    } else name.head?.remove();
    const title = visibleText(text);
    if (cell.title !== title) cell.title = title;
  }

  /** A parent run's expander in name cell `cell`. */
  private expander(cell: HTMLElement): HTMLElement {
    const expander = el('span', { attrs: { 'aria-hidden': 'true' } });
    // The cell is reused for other lines: the line toggled is the one it shows when clicked.
    expander.addEventListener('click', (event) => {
      event.stopPropagation();
      this.controller.toggleExpand(Number(cell.dataset.line));
    });
    return expander;
  }

  private drawGroup(element: HTMLElement, index: number, group: RowGroup, collapsed: boolean): void {
    element.className = 'grid-row grid-group';
    element.removeAttribute('aria-selected');
    delete element.dataset.runId;
    const cell = this.gridCell(index, 1, 'gridcell', 0, undefined, 'grid-group-cell');
    cell.setAttribute('aria-colspan', String(this.columns.length + 1));
    cell.setAttribute('aria-expanded', String(!collapsed));
    cell.style.width = 'auto';
    const toggle = el('span', {
      className: 'grid-expander',
      text: collapsed ? '▸' : '▾',
      attrs: { 'aria-hidden': 'true' },
    });
    toggle.addEventListener('click', (event) => {
      event.stopPropagation();
      this.controller.toggleExpand(index);
    });
    const label = el('span', { className: 'grid-group-label' });
    setText(label, group.commit ? `${group.commit.short} ${group.commit.subject}` : group.label);
    cell.append(
      toggle,
      label,
      el('span', { className: 'grid-group-summary', text: this.controller.groupSummary(group) }),
    );
    if (group.commit && !group.commit.onBranch)
      cell.appendChild(el('span', { className: 'grid-off-branch', text: 'not on this branch' }));
    if (this.controller.canDiffGroup(index)) {
      const diff = el('button', {
        className: 'grid-group-diff',
        text: 'Diff with previous',
        attrs: { tabindex: '-1' },
      });
      diff.addEventListener('click', (event) => {
        event.stopPropagation();
        this.controller.diffGroup(index);
      });
      cell.appendChild(diff);
    }
    const pinned = el('div', { className: 'grid-pinned grid-group-pinned' }, cell);
    element.replaceChildren(pinned);
  }

  private gridCell(
    line: number,
    column: number,
    role: string,
    width: number,
    child: Node | undefined,
    className: string,
  ): HTMLElement {
    const cell = el('div', { className, attrs: { role, 'aria-colindex': String(column + 1) } });
    if (width > 0) cell.style.width = `${width}px`;
    if (child) cell.appendChild(child);
    this.placeCell(cell, line, column);
    return cell;
  }

  /** A cell's place in the grid (line, column) and whether it holds the roving tab stop. */
  private placeCell(cell: HTMLElement, line: number, column: number): void {
    // A reused cell mostly keeps its column: attributes are written only when they change.
    const lineText = String(line);
    if (cell.dataset.line !== lineText) cell.dataset.line = lineText;
    const columnText = String(column);
    if (cell.dataset.column !== columnText) {
      cell.dataset.column = columnText;
      cell.setAttribute('aria-colindex', String(column + 1));
    }
    // The attribute, not the property: a new cell reads tabIndex -1 without one, and must get it to take focus.
    const tabIndex = line === this.focusLine && column === this.focusColumn ? '0' : '-1';
    if (cell.getAttribute('tabindex') !== tabIndex) cell.setAttribute('tabindex', tabIndex);
  }

  private focusedElement(): HTMLElement | undefined {
    const container = this.focusLine < 0 ? this.header : this.rendered.get(this.focusLine)?.element;
    if (!container) return undefined;
    const line = this.lines[this.focusLine];
    const column = line?.kind === 'group' && this.focusLine >= 0 ? 1 : this.focusColumn;
    return container.querySelector<HTMLElement>(`[data-column="${column}"]`) ?? undefined;
  }

  /** Moves the roving focus to a cell, scrolling it into view. */
  focusCell(line: number, column: number): void {
    this.focusLine = Math.max(-1, Math.min(line, this.lines.length - 1));
    this.focusColumn = Math.max(0, Math.min(column, this.columns.length));
    if (this.focusLine >= 0) this.rows.scrollToIndex(this.focusLine, { align: 'auto' });
    if (this.focusColumn > this.pinnedCount)
      this.cols.scrollToIndex(this.focusColumn - 1 - this.pinnedCount, { align: 'auto' });
    this.invalidate();
    this.render();
    this.focusedElement()?.focus({ preventScroll: true });
  }

  /** The line the keyboard is on. */
  get focusedLine(): number {
    return this.focusLine;
  }

  private keydown(event: KeyboardEvent): void {
    const ctrl = event.ctrlKey || event.metaKey;
    const line = this.focusLine;
    const column = this.focusColumn;
    const page = Math.max(1, Math.floor((this.element.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const current = this.lines[line];
    const move = (to: number): void => {
      this.focusCell(to, column);
      if (event.shiftKey && to >= 0) this.controller.extendTo(this.focusLine);
      else if (this.focusLine >= 0) this.controller.anchorAt(this.focusLine);
    };
    if (line < 0 && event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight') && column > 0) {
      const target = this.columns[column - 1]!;
      if (event.shiftKey) {
        const delta = event.key === 'ArrowLeft' ? -16 : 16;
        this.controller.resize(target.id, Math.max(MIN_WIDTH, this.widths[column - 1]! + delta), true);
      } else {
        this.controller.moveColumn(target.id, event.key === 'ArrowLeft' ? -1 : 1);
        this.focusColumn = Math.max(1, Math.min(this.columns.length, column + (event.key === 'ArrowLeft' ? -1 : 1)));
      }
      event.preventDefault();
      return;
    }
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        move(line + 1);
        break;
      case 'ArrowUp':
        move(line - 1);
        break;
      case 'PageDown':
        move(Math.min(this.lines.length - 1, line + page));
        break;
      case 'PageUp':
        move(Math.max(0, line - page));
        break;
      case 'Home':
        if (ctrl) move(0);
        else this.focusCell(line, 0);
        break;
      case 'End':
        if (ctrl) move(this.lines.length - 1);
        else this.focusCell(line, this.columns.length);
        break;
      case 'ArrowRight':
        if (current?.kind === 'run' && column === 1 && current.hasChildren && !current.expanded)
          this.controller.toggleExpand(line);
        else if (current?.kind === 'group' && current.collapsed) this.controller.toggleExpand(line);
        else this.focusCell(line, column + 1);
        break;
      case 'ArrowLeft':
        if (current?.kind === 'run' && column === 1 && current.expanded) this.controller.toggleExpand(line);
        else if (current?.kind === 'group' && !current.collapsed) this.controller.toggleExpand(line);
        else this.focusCell(line, column - 1);
        break;
      case ' ':
        if (line < 0) handled = false;
        else if (current?.kind === 'group') this.controller.selectGroup(line);
        else this.controller.toggle(line);
        break;
      case 'Enter':
        if (line < 0 && column > 0) this.controller.sort(this.columns[column - 1]!.id, event.shiftKey);
        else if (line < 0) this.controller.selectAll();
        else if (current?.kind === 'group') this.controller.toggleExpand(line);
        else this.controller.open(line);
        break;
      case 'a':
      case 'A':
        if (ctrl) this.controller.selectAll();
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }
}

/** Whether a drawn line shows the same as `line`: the same run, at the same depth and expansion (group lines are always drawn again). */
function sameLine(drawn: DisplayLine | undefined, line: DisplayLine): boolean {
  return (
    drawn !== undefined &&
    drawn.kind === 'run' &&
    line.kind === 'run' &&
    drawn.row === line.row &&
    drawn.depth === line.depth &&
    drawn.hasChildren === line.hasChildren &&
    drawn.expanded === line.expanded
  );
}
