/**
 * A cell for values that may be very long (a 5,000-character param, a 7,900-character tag): the
 * first part shows, with a control to expand and collapse the rest.
 */
import { el, setText } from './dom';

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
