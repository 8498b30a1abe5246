/** What every section of the compare panel reads, and how it asks for changes. */
import type { RunView, WebviewMessage } from '../protocol';
import type { HistoryStore } from '../shared/historyStore';
import type { ChartTheme } from '../shared/theme';
import type { CompareUi } from './compareState';
import type { RunColumn } from './runTable';

export type SectionName = 'header' | 'params' | 'metrics' | 'charts' | 'relations' | 'tags' | 'code';

export interface CompareContext {
  readonly runs: readonly RunView[];
  readonly columns: readonly RunColumn[];
  /** The baseline run's position among `runs`, when one is marked. */
  readonly baselineIndex: number | undefined;
  readonly ui: CompareUi;
  readonly theme: ChartTheme;
  readonly histories: HistoryStore;
  /** The metric keys of every run, sorted. */
  readonly metricKeys: readonly string[];
  /** Changes the view settings, saves them, and draws the named sections again. */
  update(patch: Partial<CompareUi>, ...sections: SectionName[]): void;
  post(message: WebviewMessage): void;
}

export interface Section {
  readonly name: SectionName;
  readonly element: HTMLElement;
  render(context: CompareContext): void;
  /** A metric's history arrived or changed. */
  historyChanged?(context: CompareContext, metricKey: string): void;
  themeChanged?(context: CompareContext): void;
}

/** A collapsible section with a heading and a toolbar line. */
export function sectionFrame(
  title: string,
  id: string,
): { element: HTMLDetailsElement; toolbar: HTMLElement; body: HTMLElement; summary: HTMLElement } {
  const summary = document.createElement('summary');
  const heading = document.createElement('h2');
  heading.textContent = title;
  summary.appendChild(heading);
  const toolbar = document.createElement('div');
  toolbar.className = 'toolbar';
  const body = document.createElement('div');
  body.className = 'section-body';
  const element = document.createElement('details');
  element.open = true;
  element.id = id;
  element.className = 'section';
  element.append(summary, toolbar, body);
  return { element, toolbar, body, summary };
}
