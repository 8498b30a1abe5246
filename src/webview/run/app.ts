/**
 * The run panel: overview, description, params, metrics with their charts, tags, dataset inputs,
 * logged models and the artifacts, from the data the host sends after `ready`.
 */
import type { HostMessage, RunDetails, WebviewMessage } from '../protocol';
import { el, keyValueTable, replaceChildren, sortedEntries } from '../shared/dom';
import { host } from '../shared/host';
import { HistoryStore } from '../shared/historyStore';
import { renderMarkdown } from '../shared/markdownDom';
import type { ChartTheme } from '../shared/theme';
import { readChartTheme } from '../shared/theme';
import { textField } from '../shared/toolkit';
import { ArtifactBrowser } from './artifacts';
import { MetricsList } from './metricsList';
import { overview } from './overview';

/** Points per sparkline: plenty for a chart a few hundred pixels wide. */
const SPARKLINE_POINTS = 500;

export class RunApp {
  private theme: ChartTheme = readChartTheme();
  private readonly histories = new HistoryStore(
    (message) => this.post(message),
    (key) => this.metrics?.historyChanged(key),
    () => SPARKLINE_POINTS,
  );
  private metrics: MetricsList | undefined;
  private artifacts: ArtifactBrowser | undefined;
  private readonly notices = el('div', { className: 'notices', attrs: { role: 'status' } });
  private shownRunId: string | undefined;

  constructor(private readonly root: HTMLElement) {
    replaceChildren(root, this.notices, el('div', { className: 'loading', text: 'Loading run…' }));
  }

  receive(message: HostMessage): void {
    switch (message.type) {
      case 'runData':
        return this.show(message.run, message.description);
      case 'metricHistory':
      case 'metricHistoryFailed':
        this.histories.receive(message);
        return;
      case 'artifacts':
        return this.artifacts?.showListing(message.dirId, message.entries);
      case 'artifactsFailed':
        return this.artifacts?.showListingFailed(message.dirId, message.message);
      case 'artifactPreview':
        return this.artifacts?.showPreview(message.artifactId, message.preview);
      case 'notice':
        this.notices.appendChild(el('p', { className: `notice ${message.level}`, text: message.message }));
        return;
      default:
        return;
    }
  }

  themeChanged(): void {
    this.theme = readChartTheme();
    this.metrics?.themeChanged(this.theme);
  }

  private post(message: WebviewMessage): void {
    host.post(message);
  }

  private show(run: RunDetails, description: string | undefined): void {
    if (run.runId !== this.shownRunId) {
      // Another run in this panel (a preview reused): the last run's notices and scroll go with it.
      this.shownRunId = run.runId;
      replaceChildren(this.notices);
      window.scrollTo(0, 0);
    }
    host.setState({ runIds: [run.runId] });
    this.histories.clear();
    this.metrics?.dispose();
    this.metrics = new MetricsList(run, this.histories, this.theme, () => this.theme.runColor(0));
    this.artifacts = new ArtifactBrowser((message) => this.post(message));
    const params = sortedEntries(run.params);
    const tags = sortedEntries(run.tags);
    const userTags = tags.filter(([key]) => !key.startsWith('mlflow.'));
    const systemTags = tags.filter(([key]) => key.startsWith('mlflow.'));
    replaceChildren(
      this.root,
      this.notices,
      overview(run, (message) => this.post(message)),
      description
        ? section(
            'Description',
            el(
              'div',
              { className: 'markdown' },
              renderMarkdown(description, (url) => this.post({ type: 'openLink', url })),
            ),
          )
        : undefined,
      section(
        `Parameters (${params.length})`,
        params.length
          ? filterable('Parameters', params)
          : el('p', { className: 'empty', text: 'This run logged no parameters.' }),
      ),
      section(`Metrics (${Object.keys(run.metrics).length})`, this.metrics.element),
      section(
        `Tags (${userTags.length})`,
        userTags.length
          ? keyValueTable('Tags', userTags)
          : el('p', { className: 'empty', text: 'No tags besides MLflow’s own.' }),
        el(
          'details',
          { className: 'system-tags' },
          el('summary', { text: `MLflow system tags (${systemTags.length})` }),
          keyValueTable('MLflow system tags', systemTags),
        ),
      ),
      section(`Dataset inputs (${run.datasets.length})`, datasets(run)),
      section(`Logged models (${run.models.length})`, models(run)),
      section('Artifacts', this.artifacts.element),
    );
  }
}

function section(title: string, ...content: (Node | undefined)[]): HTMLElement {
  const details = el('details', { className: 'section' }, el('summary', {}, el('h2', { text: title })), ...content);
  details.open = true;
  return details;
}

function filterable(label: string, rows: [string, string][]): HTMLElement {
  const holder = el('div', {}, keyValueTable(label, rows));
  const filter = textField(`Filter ${label.toLowerCase()}`, (value) => {
    const needle = value.trim().toLowerCase();
    replaceChildren(
      holder,
      keyValueTable(
        label,
        rows.filter(([key]) => key.toLowerCase().includes(needle)),
      ),
    );
  });
  return el('div', {}, el('div', { className: 'toolbar' }, filter), holder);
}

function datasets(run: RunDetails): HTMLElement {
  if (run.datasets.length === 0) return el('p', { className: 'empty', text: 'This run logged no dataset inputs.' });
  return el(
    'div',
    {},
    ...run.datasets.map((dataset) =>
      el(
        'div',
        { className: 'dataset' },
        keyValueTable(`Dataset ${dataset.name}`, [
          ['Name', dataset.name],
          ['Context', dataset.context ?? '—'],
          ['Digest', el('code', { text: dataset.digest })],
          ['Source type', dataset.sourceType],
          ['Source', dataset.source],
        ]),
        dataset.schema
          ? el('details', {}, el('summary', { text: 'Schema' }), el('pre', { text: pretty(dataset.schema) }))
          : undefined,
        dataset.profile
          ? el('details', {}, el('summary', { text: 'Profile' }), el('pre', { text: pretty(dataset.profile) }))
          : undefined,
      ),
    ),
  );
}

function models(run: RunDetails): HTMLElement {
  if (run.models.length === 0) return el('p', { className: 'empty', text: 'This run logged no models.' });
  return keyValueTable(
    'Logged models',
    run.models.map((model) => [model.modelId, `step ${model.step}`]),
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
