/**
 * The run's artifacts as a tree, listed a folder at a time as the user opens it, with a preview
 * of the selected file and, for any entry, "Open in Editor" and "Download…". The host handed out
 * an id for every entry (the root folder is `root`); only those ids go back.
 */
import type { ArtifactEntry, ArtifactPreview, WebviewMessage } from '../protocol';
import { clickable, el, replaceChildren } from '../shared/dom';
import { formatBytes } from '../shared/format';
import { button, progressRing } from '../shared/toolkit';
import { renderPreview } from './preview';

const ROOT_ARTIFACT_ID = 'root';

export class ArtifactBrowser {
  readonly element: HTMLElement;
  private readonly tree = el('ul', { className: 'artifact-tree', attrs: { role: 'tree', 'aria-label': 'Artifacts' } });
  private readonly preview = el('div', { className: 'artifact-preview' });
  private readonly folders = new Map<string, HTMLElement>([[ROOT_ARTIFACT_ID, this.tree]]);
  private readonly names = new Map<string, string>();
  private selected: HTMLElement | undefined;

  constructor(private readonly post: (message: WebviewMessage) => void) {
    this.tree.append(el('li', { className: 'loading' }, progressRing(), 'Listing artifacts…'));
    const toolbar = el(
      'div',
      { className: 'toolbar' },
      button('Download All…', () => post({ type: 'downloadArtifact', artifactId: ROOT_ARTIFACT_ID }), {
        secondary: true,
        title: 'Download every artifact of this run to a folder you choose',
      }),
    );
    this.element = el(
      'div',
      { className: 'artifacts' },
      toolbar,
      el('div', { className: 'artifact-panes' }, this.tree, this.preview),
    );
  }

  showListing(dirId: string, entries: readonly ArtifactEntry[]): void {
    const list = this.folders.get(dirId);
    if (!list) return;
    if (entries.length === 0)
      return replaceChildren(
        list,
        el('li', {
          className: 'empty',
          text: dirId === ROOT_ARTIFACT_ID ? 'This run has no artifacts.' : 'Empty folder',
        }),
      );
    replaceChildren(
      list,
      ...[...entries]
        .sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.name.localeCompare(b.name))
        .map((entry) => this.item(entry)),
    );
  }

  showListingFailed(dirId: string, message: string): void {
    const list = this.folders.get(dirId);
    if (list) replaceChildren(list, el('li', { className: 'error', text: message }));
  }

  showPreview(artifactId: string, preview: ArtifactPreview): void {
    if (this.selected?.dataset.artifactId !== artifactId) return;
    replaceChildren(this.preview, renderPreview(this.names.get(artifactId) ?? '', preview));
  }

  private item(entry: ArtifactEntry): HTMLElement {
    this.names.set(entry.artifactId, entry.path);
    const label = el('span', { className: 'artifact-name', text: entry.name, title: entry.path });
    const row = el('div', {
      className: entry.isDir ? 'artifact-row folder' : 'artifact-row file',
      attrs: { 'data-artifact-id': entry.artifactId },
    });
    // Small icon buttons in a space of their own, shown on hover, focus and selection: the name
    // keeps the width (two worded buttons left it "loss_c…", or nothing in a split editor).
    const actions = el('span', { className: 'artifact-actions' });
    if (!entry.isDir)
      actions.append(
        this.action('↗', `Open in Editor: ${entry.name}`, () =>
          this.post({ type: 'openArtifact', artifactId: entry.artifactId }),
        ),
      );
    actions.append(
      this.action('⤓', `Download…: ${entry.name}`, () =>
        this.post({ type: 'downloadArtifact', artifactId: entry.artifactId }),
      ),
    );
    const item = el('li', { attrs: { role: 'treeitem' } }, row);
    if (entry.isDir) {
      const children = el('ul', { attrs: { role: 'group', hidden: '' } });
      const twisty = el('span', { className: 'twisty', text: '▸' });
      item.setAttribute('aria-expanded', 'false');
      row.append(twisty, label, actions);
      clickable(label, () => this.toggle(entry, item, twisty, children), `Open folder ${entry.name}`);
      item.append(children);
    } else {
      row.append(
        el('span', { className: 'twisty' }),
        label,
        el('span', { className: 'size', text: formatBytes(entry.size) }),
        actions,
      );
      clickable(label, () => this.select(entry, row), `Preview ${entry.name}`);
    }
    return item;
  }

  private toggle(entry: ArtifactEntry, item: HTMLElement, twisty: HTMLElement, children: HTMLElement): void {
    const open = item.getAttribute('aria-expanded') !== 'true';
    item.setAttribute('aria-expanded', String(open));
    twisty.textContent = open ? '▾' : '▸';
    children.hidden = !open;
    if (open && !this.folders.has(entry.artifactId)) {
      this.folders.set(entry.artifactId, children);
      replaceChildren(children, el('li', { className: 'loading' }, progressRing(), 'Listing…'));
      this.post({ type: 'listArtifacts', dirId: entry.artifactId });
    }
  }

  private select(entry: ArtifactEntry, row: HTMLElement): void {
    this.selected?.classList.remove('selected');
    this.selected = row;
    row.classList.add('selected');
    replaceChildren(this.preview, el('div', { className: 'loading' }, progressRing(), `Reading ${entry.name}…`));
    this.post({ type: 'previewArtifact', artifactId: entry.artifactId });
  }

  private action(icon: string, label: string, run: () => void): HTMLElement {
    const element = el('button', {
      className: 'artifact-action',
      text: icon,
      title: label,
      attrs: { type: 'button', 'aria-label': label },
    });
    element.addEventListener('click', (event) => {
      event.stopPropagation();
      run();
    });
    return element;
  }
}
