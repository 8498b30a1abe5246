/**
 * The filter box: MLflow's filter language, checked by the host's parser as the user types (the
 * error shown at its token), keys and values completed from the loaded runs, a warning with "did
 * you mean" for a key no loaded run has, and the recent filters offered on an empty box.
 */
import type { FilterProblem, TableRow } from '../protocol';
import { el, setText } from '../shared/dom';
import { formatRunCount } from '../shared/format';
import { completeFilterKey, completeFilterValue } from '../shared/filterCompletion';
import type { KnownKeys } from '../shared/filterCompletion';
import { describeUnknownKey, keysNamedIn, unknownFilterKeys } from '../shared/unknownFilterKeys';

/** An option of the box's list: a key or value completion, or a recent filter. */
interface Suggestion {
  label: string;
  /** The whole filter with this suggestion taken. */
  filter: string;
  detail?: string;
}

/** The filter input with its suggestions and messages. */
export class FilterBox {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly problem: HTMLElement;
  private readonly warning: HTMLElement;
  private suggestions: Suggestion[] = [];
  private active = -1;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: {
      known(): KnownKeys;
      rows(): readonly TableRow[];
      recent(): readonly string[];
      check(filter: string): void;
      apply(filter: string): void;
    },
  ) {
    this.input = el('input', {
      className: 'filter-input',
      attrs: {
        type: 'text',
        role: 'combobox',
        'aria-label': 'Filter runs (MLflow filter syntax)',
        'aria-autocomplete': 'list',
        'aria-expanded': 'false',
        'aria-controls': 'filter-suggestions',
        placeholder: "Filter: metrics.accuracy > 0.9 AND params.optimizer = 'adam'",
        spellcheck: 'false',
      },
    });
    this.list = el('div', { className: 'filter-suggestions', attrs: { role: 'listbox', id: 'filter-suggestions' } });
    this.list.hidden = true;
    this.problem = el('div', { className: 'filter-problem', attrs: { role: 'alert' } });
    this.warning = el('div', { className: 'filter-warning', attrs: { role: 'status' } });
    this.element = el('div', { className: 'filter-box' }, this.input, this.list, this.problem, this.warning);
    this.input.addEventListener('input', () => this.changed());
    this.input.addEventListener('focus', () => this.showSuggestions());
    this.input.addEventListener('blur', () => setTimeout(() => this.hideSuggestions(), 150));
    this.input.addEventListener('keydown', (event) => this.keydown(event));
  }

  get value(): string {
    return this.input.value;
  }

  set value(filter: string) {
    this.input.value = filter;
  }

  focus(): void {
    this.input.focus();
  }

  /** The host's verdict on `filter` (ignored when the box holds something else by now). */
  checked(filter: string, problem: FilterProblem | undefined): void {
    if (filter !== this.input.value) return;
    this.input.classList.toggle('invalid', problem !== undefined);
    this.input.setAttribute('aria-invalid', String(problem !== undefined));
    this.problem.replaceChildren();
    if (!problem) return;
    const message = el('span', { className: 'filter-message' });
    setText(message, problem.message);
    this.problem.appendChild(message);
    if (problem.start !== undefined) {
      const start = Math.max(0, Math.min(problem.start, filter.length));
      const end = Math.max(start + 1, Math.min(problem.end ?? start + 1, filter.length));
      const at = el('code', { className: 'filter-at' });
      const mark = el('mark', { className: 'filter-token' });
      setText(mark, filter.slice(start, end) || ' ');
      const before = el('span');
      setText(before, filter.slice(0, start));
      const after = el('span');
      setText(after, filter.slice(end));
      at.append(before, mark, after);
      this.problem.appendChild(at);
    }
  }

  /** The loaded runs changed: the unknown-key warning is checked again. */
  refreshWarning(): void {
    const filter = this.input.value.trim();
    const warnings = unknownFilterKeys(keysNamedIn(filter), this.context.known()).map(describeUnknownKey);
    setText(this.warning, warnings.join('\n'));
  }

  private changed(): void {
    this.showSuggestions();
    this.refreshWarning();
    clearTimeout(this.checkTimer);
    const filter = this.input.value;
    this.checkTimer = setTimeout(() => this.context.check(filter), 120);
  }

  private showSuggestions(): void {
    const text = this.input.value.slice(0, this.input.selectionStart ?? this.input.value.length);
    this.suggestions =
      this.input.value.trim() === ''
        ? this.context.recent().map((filter) => ({ label: filter, filter, detail: 'recent' }))
        : completions(text, this.context.known(), this.context.rows()).map((item) => ({
            ...item,
            filter: item.filter + this.input.value.slice(text.length),
          }));
    this.active = -1;
    this.list.replaceChildren(
      ...this.suggestions.map((item, index) => {
        const option = el(
          'div',
          {
            className: 'filter-option',
            attrs: { role: 'option', id: `filter-option-${index}`, 'aria-selected': 'false' },
          },
          el('span', { className: 'filter-option-label', text: item.label }),
          item.detail ? el('span', { className: 'filter-option-detail', text: item.detail }) : undefined,
        );
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          this.take(index);
        });
        return option;
      }),
    );
    this.list.hidden = this.suggestions.length === 0;
    this.input.setAttribute('aria-expanded', String(!this.list.hidden));
  }

  private hideSuggestions(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private take(index: number): void {
    const item = this.suggestions[index];
    if (!item) return;
    const recent = item.detail === 'recent';
    this.input.value = item.filter;
    this.input.setSelectionRange(item.filter.length, item.filter.length);
    this.changed();
    if (recent) {
      this.hideSuggestions();
      this.context.apply(item.filter);
    }
  }

  private keydown(event: KeyboardEvent): void {
    const open = !this.list.hidden && this.suggestions.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      this.active =
        (this.active + (event.key === 'ArrowDown' ? 1 : -1) + this.suggestions.length) % this.suggestions.length;
      for (const [index, option] of [...this.list.children].entries())
        option.setAttribute('aria-selected', String(index === this.active));
      this.input.setAttribute('aria-activedescendant', `filter-option-${this.active}`);
      this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
    } else if (open && this.active >= 0 && (event.key === 'Enter' || event.key === 'Tab')) {
      this.take(this.active);
    } else if (event.key === 'Enter') {
      this.hideSuggestions();
      this.context.apply(this.input.value.trim());
    } else if (event.key === 'Escape' && open) {
      this.hideSuggestions();
    } else return;
    event.preventDefault();
  }
}

/** The values that finish the quoted value at the end of `text`, else the keys that finish its key. */
function completions(text: string, known: KnownKeys, rows: readonly TableRow[]): Suggestion[] {
  const values = completeFilterValue(text, rows);
  if (values.length > 0)
    return values.map(({ value, runs, filter }) => ({ label: value, filter, detail: formatRunCount(runs) }));
  return completeFilterKey(text, known).map(({ key, runs, filter }) => ({
    label: key,
    filter,
    detail: runs === undefined ? undefined : formatRunCount(runs),
  }));
}
