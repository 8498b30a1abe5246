/**
 * Building DOM nodes without HTML strings. Every string given here becomes a text node or an
 * attribute value, never markup, so run names, params and tags from a store stay text.
 *
 * Every string is also kept from reordering what surrounds it, here and nowhere else, so every
 * section gets the same rule (a run name, param, tag or file can hold any character):
 * - bidi control characters (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) are shown as their code
 *   point, `<U+202E>`, as VS Code's editor shows them, so a name cannot pass `exe.txt` off as
 *   `txt.exe` nor reverse the text after it;
 * - text with a right-to-left letter is isolated (`dir="auto"` on its element, `<bdi>` around a bare
 *   string), so it reads in its own direction without moving the neighbouring text.
 *
 * Also the small DOM pieces every panel uses: long text cut with a control to expand it, key/value
 * tables, and work deferred to the first time an element nears the viewport or to a free frame.
 */
import { showBidiControls } from './bidiControls';

export type Child = Node | string | undefined | false;

export interface Props {
  className?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

/** `<tag class=... title=...>children</tag>`; strings among the children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, ...children);
  return element;
}

/** The same for elements the tag map does not know (the toolkit's custom elements). */
export function custom(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? textNode(child) : child);
  }
}

/** A right-to-left letter (Hebrew, Arabic, Syriac, Thaana, NKo... and their presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** `text` as the panels show it: every bidi control character replaced by its visible code point. */
export function visibleText(text: string): string {
  return showBidiControls(text);
}

/** Sets an element's text as `el({ text })` does (for text that changes after the element is made). */
export function setText(element: HTMLElement, text: string): void {
  const shown = visibleText(text);
  // An element that holds one text node keeps it, its value changed: cheaper than a new node to lay out
  // (the runs table refills hundreds of reused cells a frame while scrolling).
  const node = element.firstChild;
  if (node !== null && node === element.lastChild && node.nodeType === Node.TEXT_NODE) {
    if ((node as Text).data !== shown) (node as Text).data = shown;
  } else element.textContent = shown;
  if (RIGHT_TO_LEFT.test(text)) element.dir = 'auto';
  else if (element.hasAttribute('dir')) element.removeAttribute('dir');
}

/** A text node, or a `<bdi>` holding it when the text could reorder its neighbours. */
export function textNode(text: string): Node {
  const node = document.createTextNode(visibleText(text));
  if (!RIGHT_TO_LEFT.test(text)) return node;
  const isolated = document.createElement('bdi');
  isolated.appendChild(node);
  return isolated;
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

function applyProps(element: HTMLElement, props: Props): void {
  if (props.className) element.className = props.className;
  if (props.text !== undefined) setText(element, props.text);
  if (props.title !== undefined) element.title = visibleText(props.title);
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const [name, listener] of Object.entries(props.on ?? {}))
    element.addEventListener(name, listener as EventListener);
}

/** A button-like element that works by keyboard too. */
export function clickable<T extends HTMLElement>(element: T, onActivate: () => void, label?: string): T {
  element.tabIndex = 0;
  element.setAttribute('role', 'button');
  if (label) element.setAttribute('aria-label', label);
  element.addEventListener('click', onActivate);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate();
    }
  });
  return element;
}

/**
 * A cell for values that may be very long (a 5,000-character param, a 7,900-character tag): the
 * first part shows, with a control to expand and collapse the rest.
 */
const TRUNCATE_AT = 120;

/** A span showing `value` (or a dash when undefined), truncated beyond `limit` characters with an expander. */
export function longText(value: string | undefined, limit = TRUNCATE_AT): HTMLElement {
  if (value === undefined) return el('span', { className: 'missing', text: '—', title: 'not logged' });
  if (value.length <= limit) return el('span', { className: 'value', text: value });
  const text = el('span', { className: 'value', text: `${value.slice(0, limit)}…` });
  const toggle = el('button', {
    className: 'expand',
    text: `+${value.length - limit} more`,
    attrs: { type: 'button', 'aria-expanded': 'false' },
  });
  toggle.addEventListener('click', () => {
    const expanded = toggle.getAttribute('aria-expanded') === 'true';
    setText(text, expanded ? `${value.slice(0, limit)}…` : value);
    toggle.textContent = expanded ? `+${value.length - limit} more` : 'less';
    toggle.setAttribute('aria-expanded', String(!expanded));
  });
  return el('span', { className: 'long' }, text, toggle);
}

/** A two-column table of keys and (possibly very long) values, e.g. a run's params or tags. */
export function keyValueTable(label: string, rows: readonly (readonly [string, string | Node])[]): HTMLTableElement {
  const body = el('tbody');
  for (const [key, value] of rows) {
    body.appendChild(
      el(
        'tr',
        {},
        el('th', { text: key, title: key, attrs: { scope: 'row' } }),
        el('td', {}, typeof value === 'string' ? longText(value) : value),
      ),
    );
  }
  return el('table', { className: 'kv', attrs: { 'aria-label': label } }, body);
}

/** Entries of a record sorted by key as people read them. */
export function sortedEntries(record: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
}

/**
 * Builds what is below the fold only once it comes near the viewport: a section of many runs'
 * controls and charts costs hundreds of milliseconds that nobody waits for until they scroll there.
 */
export function onFirstVisible(element: Element, show: () => void, margin = '600px'): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      show();
    },
    { rootMargin: `${margin} 0px` },
  );
  observer.observe(element);
}

/**
 * Work on charts run one piece per animation frame: building or finely redrawing many charts of
 * many runs in one task would freeze the page for a second; one per frame keeps it responsive.
 */
const queue: (() => void)[] = [];

/** Queues `work` (once, however often it is asked for) to run in a frame of its own. */
export function inNextFreeFrame(work: () => void): void {
  if (queue.includes(work)) return;
  queue.push(work);
  if (queue.length === 1) requestAnimationFrame(next);
}

function next(): void {
  queue.shift()?.();
  if (queue.length > 0) requestAnimationFrame(next);
}
