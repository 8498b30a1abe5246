/**
 * An artifact's preview: text as text (JSON pretty-printed, CSV as a table of its first rows,
 * YAML and MLmodel as written), images from the data URI the host made, or why there is none.
 */
import type { ArtifactPreview } from '../protocol';
import { el } from '../shared/dom';
import { parseCsv } from '../shared/csv';
import { formatBytes } from '../shared/format';

const CSV_ROWS = 200;

export function renderPreview(name: string, preview: ArtifactPreview): HTMLElement {
  const frame = el('div', { className: 'preview' }, el('h3', { text: name }));
  if (preview.kind === 'none') {
    frame.append(el('p', { className: 'notice', text: preview.reason }));
    return frame;
  }
  if (preview.kind === 'image') {
    frame.append(el('img', { attrs: { src: preview.dataUri, alt: name } }));
    return frame;
  }
  if (preview.truncated) {
    frame.append(
      el('p', {
        className: 'notice',
        text: `Showing the first ${formatBytes(preview.text.length)}${preview.size ? ` of ${formatBytes(preview.size)}` : ''}: open it in the editor or download it for the rest.`,
      }),
    );
  }
  frame.append(
    preview.format === 'csv'
      ? csvTable(preview.text, preview.truncated)
      : el('pre', {
          className: `text-preview ${preview.format}`,
          text: formatted(preview.text, preview.format, preview.truncated),
        }),
  );
  return frame;
}

function formatted(text: string, format: string, truncated: boolean): string {
  if (format !== 'json' || truncated) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function csvTable(text: string, truncated: boolean): HTMLElement {
  const [header = [], ...rows] = parseCsv(text, CSV_ROWS + 1, truncated);
  const table = el(
    'table',
    { className: 'csv-preview' },
    el('thead', {}, el('tr', {}, ...header.map((cell) => el('th', { text: cell })))),
    el('tbody', {}, ...rows.map((row) => el('tr', {}, ...row.map((cell) => el('td', { text: cell }))))),
  );
  const note =
    rows.length >= CSV_ROWS ? el('p', { className: 'notice', text: `The first ${CSV_ROWS} rows.` }) : undefined;
  return el('div', { className: 'table-scroll' }, table, note);
}
