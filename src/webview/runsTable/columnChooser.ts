/**
 * The column chooser: every column in its group (Attributes, Params, Metrics, Tags) with counts, a
 * search over their names, and per column show/hide, pin left, and for metrics the min / max /
 * best-step columns computed from the histories on demand.
 */
import type { TableColumns } from '../protocol';
import { el } from '../shared/dom';
import type { Column } from './columns';
import { CHOOSER_GROUPS, GROUP_TITLES, NAME_COLUMN_ID, columnId } from './columns';

/** Columns listed per group at most; the search narrows the rest (a store can log 10,000 keys). */
const MAX_LISTED = 300;

export class ColumnChooser {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;

  constructor(
    private readonly context: {
      columns(): readonly Column[];
      layout(): TableColumns;
      change(layout: TableColumns): void;
    },
  ) {
    this.search = el('input', {
      className: 'chooser-search',
      attrs: { type: 'search', placeholder: 'Search columns', 'aria-label': 'Search columns' },
      on: { input: () => this.refresh() },
    });
    this.list = el('div', { className: 'chooser-list' });
    this.element = el(
      'div',
      {
        className: 'chooser',
        attrs: { role: 'dialog', 'aria-label': 'Columns' },
        on: {
          keydown: (event) => {
            if (event.key === 'Escape') this.toggle(false);
          },
        },
      },
      el(
        'div',
        { className: 'chooser-head' },
        this.search,
        el('button', { text: 'Close', on: { click: () => this.toggle(false) } }),
      ),
      this.list,
    );
    this.element.hidden = true;
  }

  toggle(open = this.element.hidden): void {
    this.element.hidden = !open;
    if (open) {
      this.refresh();
      this.search.focus();
    }
  }

  /** Draws the list again (the columns or the layout changed); nothing while closed. */
  refresh(): void {
    if (this.element.hidden) return;
    const query = this.search.value.trim().toLowerCase();
    const layout = this.context.layout();
    const hidden = new Set(layout.hidden);
    const pinned = new Set(layout.pinned);
    const columns = this.context.columns().filter((column) => CHOOSER_GROUPS.includes(column.group as never));
    const sections: HTMLElement[] = [];
    for (const group of CHOOSER_GROUPS) {
      const inGroup = columns.filter((column) => column.group === group);
      const matching = inGroup.filter((column) => query === '' || column.label.toLowerCase().includes(query));
      const shown = inGroup.filter((column) => !hidden.has(column.id)).length;
      const heading = el(
        'div',
        { className: 'chooser-group-head' },
        el('span', { className: 'chooser-group-title', text: `${GROUP_TITLES[group]} (${shown}/${inGroup.length})` }),
        group === 'attr'
          ? undefined
          : el('button', { text: 'Show all', on: { click: () => this.setHidden(inGroup, false) } }),
        group === 'attr'
          ? undefined
          : el('button', { text: 'Hide all', on: { click: () => this.setHidden(inGroup, true) } }),
      );
      const items = matching.slice(0, MAX_LISTED).map((column) => this.item(column, hidden, pinned, layout));
      const more = matching.length - items.length;
      sections.push(
        el(
          'div',
          { className: 'chooser-group', attrs: { role: 'group', 'aria-label': GROUP_TITLES[group] } },
          heading,
          ...items,
          more > 0 ? el('div', { className: 'hint', text: `${more} more: search to narrow` }) : undefined,
        ),
      );
    }
    this.list.replaceChildren(...sections);
  }

  private item(
    column: Column,
    hidden: ReadonlySet<string>,
    pinned: ReadonlySet<string>,
    layout: TableColumns,
  ): HTMLElement {
    const fixed = column.id === NAME_COLUMN_ID;
    const show = el('input', {
      attrs: { type: 'checkbox', 'aria-label': `Show ${column.label}`, ...(fixed ? { disabled: '' } : {}) },
      on: { change: () => this.setHidden([column], !show.checked) },
    });
    show.checked = !hidden.has(column.id);
    const pin = el('button', {
      className: `chooser-pin${pinned.has(column.id) || fixed ? ' on' : ''}`,
      text: pinned.has(column.id) || fixed ? 'Unpin' : 'Pin',
      attrs: {
        'aria-pressed': String(pinned.has(column.id) || fixed),
        'aria-label': `Pin ${column.label} left`,
        ...(fixed ? { disabled: '' } : {}),
      },
      on: { click: () => this.setPinned(column, !pinned.has(column.id)) },
    });
    const label = el('label', { className: 'chooser-label' }, show, el('span', { text: column.label }));
    const count =
      column.count === undefined ? undefined : el('span', { className: 'count', text: String(column.count) });
    const ranges =
      column.group === 'metric'
        ? (['metricMin', 'metricMax', 'metricBestStep'] as const).map((group) => {
            const id = columnId(group, column.key);
            const on = layout.ranges.includes(id);
            return el('button', {
              className: `chooser-range${on ? ' on' : ''}`,
              text: group === 'metricMin' ? 'min' : group === 'metricMax' ? 'max' : 'best step',
              attrs: {
                'aria-pressed': String(on),
                'aria-label': `${column.label} ${group === 'metricBestStep' ? 'best step' : group.slice(6).toLowerCase()} column`,
              },
              on: { click: () => this.setRange(id, !on) },
            });
          })
        : [];
    return el('div', { className: 'chooser-item', attrs: { 'data-column': column.id } }, label, count, pin, ...ranges);
  }

  private setHidden(columns: readonly Column[], hide: boolean): void {
    const layout = this.context.layout();
    const ids = new Set(columns.map((column) => column.id).filter((id) => id !== NAME_COLUMN_ID));
    const hidden = layout.hidden.filter((id) => !ids.has(id));
    this.context.change({ ...layout, hidden: hide ? [...hidden, ...ids] : hidden });
  }

  private setPinned(column: Column, pin: boolean): void {
    const layout = this.context.layout();
    const pinned = layout.pinned.filter((id) => id !== column.id);
    this.context.change({ ...layout, pinned: pin ? [...pinned, column.id] : pinned });
  }

  private setRange(id: string, on: boolean): void {
    const layout = this.context.layout();
    const ranges = layout.ranges.filter((range) => range !== id);
    this.context.change({ ...layout, ranges: on ? [...ranges, id] : ranges });
  }
}
