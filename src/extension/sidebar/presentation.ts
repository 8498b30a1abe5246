import { shortCommitId } from '../../webview/shared/mlflowIds';
import { SystemTags } from '../tracking/model';
import type { Experiment, Run } from '../tracking/model';
import { escapeMarkdown, field, lines, truncate } from '../platform/untrustedText';
import { describeSort, isDefaultSort } from './runQuery';
import type { RunQuery } from './runQuery';
import type { IconSpec, RunDisplayContext } from '../runs/runPresentation';
import {
  formatDuration,
  formatMetricValue,
  formatTimestamp,
  relativeTime,
  runDuration,
} from '../../webview/shared/format';
import { formatRunCount } from '../../webview/shared/format';
import { nonFiniteNote } from '../../webview/shared/nonFinite';
import { isAtHead, primaryMetricOf, runCommit, runLabel, runUser } from '../runs/runPresentation';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { absoluteSourcePath, sourcePathCandidates } from '../git/sourcePath';
import type { Block, Inline } from '../../webview/shared/markdownParse';
import { parseMarkdown } from '../../webview/shared/markdownParse';
import { showBidiControls } from '../../webview/shared/bidiControls';
import { isCancellation, MlflowAuthError, MlflowError } from '../tracking/errors';

/** What the sidebar knows about an experiment's runs so far. */
export interface ExperimentRunsSummary {
  /** Runs loaded (top-level and nested, parents fetched for nesting excluded). */
  loaded: number;
  /** False while more pages remain. */
  complete: boolean;
}

const TAGS_SHOWN = 15;

/**
 * The tree's message naming the store, and the MLflow workspace shown when the store has several.
 * VS Code shows it as plain text, so only bidi controls need showing: a workspace name comes from
 * the store, and a folder name from the disk, and either could reverse the line after it.
 */
export function storeMessage(storeTitle: string, workspace?: string): string {
  const shown = `Store: ${storeTitle}${workspace === undefined ? '' : ` · workspace ${workspace}`}`;
  return showBidiControls(shown);
}

/** `21 runs · filter: metrics.loss < 0.2 · sort: metrics.loss ↑`, or `deleted` first when it is. */
export function experimentDescription(experiment: Experiment, query: RunQuery, runs?: ExperimentRunsSummary): string {
  const parts: string[] = [];
  if (experiment.lifecycleStage === 'deleted') parts.push('deleted');
  if (runs) parts.push(runCount(runs));
  if (query.filter) parts.push(`filter: ${truncate(query.filter, 60)}`);
  if (!isDefaultSort(query.sort)) parts.push(`sort: ${describeSort(query.sort)}`);
  return parts.join(' · ');
}

function runCount({ loaded, complete }: ExperimentRunsSummary): string {
  if (!complete) return `${loaded}+ runs`;
  return formatRunCount(loaded);
}

/** The hover: id, artifact location, description (`mlflow.note.content`), tags, and the active filter and sort. */
export function experimentTooltip(experiment: Experiment, query: RunQuery): string {
  const facts = [
    field('Experiment ID', experiment.experimentId),
    field('Artifact location', experiment.artifactLocation, 300),
  ];
  if (experiment.lifecycleStage === 'deleted') facts.push(field('Lifecycle stage', 'deleted'));
  if (query.filter) facts.push(field('Filter', query.filter, 500));
  if (!isDefaultSort(query.sort)) facts.push(field('Sort', describeSort(query.sort)));
  const sections = [`**${escapeMarkdown(experiment.name)}**`, lines(facts)];
  const note = experiment.tags[SystemTags.note]?.trim();
  if (note) sections.push(escapeMarkdown(truncate(note, 500)));
  const tagKeys = Object.keys(experiment.tags)
    .filter((key) => key !== SystemTags.note)
    .sort();
  if (tagKeys.length > 0) {
    const shown = tagKeys
      .slice(0, TAGS_SHOWN)
      .map((key) => `${escapeMarkdown(key)}: ${escapeMarkdown(truncate(experiment.tags[key]!, 80))}`);
    if (tagKeys.length > TAGS_SHOWN) shown.push(`*${tagKeys.length - TAGS_SHOWN} more*`);
    sections.push('**Tags**', lines(shown));
  }
  return sections.join('\n\n');
}

/**
 * `experiment` plus `experiment.active` | `experiment.deleted`, `experiment.filtered` (a filter is
 * set: offer Clear Filter), `experiment.sorted` (not newest-first).
 */
export function experimentContextValue(experiment: Experiment, query: RunQuery): string {
  const flags = ['experiment', experiment.lifecycleStage === 'deleted' ? 'experiment.deleted' : 'experiment.active'];
  if (query.filter) flags.push('experiment.filtered');
  if (!isDefaultSort(query.sort)) flags.push('experiment.sorted');
  return flags.join(' ');
}

export function experimentIcon(experiment: Experiment, query: RunQuery): IconSpec {
  if (experiment.lifecycleStage === 'deleted') return { id: 'trash', color: 'disabledForeground' };
  return { id: query.filter ? 'filter' : 'beaker' };
}

/** How many params and metrics a tooltip lists before saying how many more there are. */
const KEY_VALUES_SHOWN = 10;
const VALUE_MAX = 80;
/** How much of a description the hover renders (the run panel shows all of it). */
const DESCRIPTION_MAX = 600;

/**
 * The run's hover: status, times, user, source, commit, branch, its description, then its key
 * params and metrics. Markdown in which every value from the store is escaped (see
 * platform/untrustedText.ts), the description included (see `descriptionMarkdown` below).
 */
export function runTooltip(run: Run, context: RunDisplayContext, note?: string): string {
  const { info, data } = run;
  const header = `**${escapeMarkdown(runLabel(run))}**`;
  const facts = [
    field('Status', info.lifecycleStage === 'deleted' ? `${info.status} (deleted)` : info.status),
    field('Run ID', info.runId),
    ...timeFields(run, context.now),
    ...optionalField('User', runUser(run)),
    ...sourceField(data.tags[SystemTags.sourceName], context),
    ...commitFields(run, context),
    ...optionalField('Parent run', data.tags[SystemTags.parentRunId]),
  ];
  const sections = [
    header,
    lines(facts),
    ...descriptionSection(data.tags[SystemTags.note]),
    ...keyValueSection('Parameters', paramEntries(run)),
  ];
  sections.push(...keyValueSection('Metrics', metricEntries(run, context.primaryMetric)));
  const special = nonFiniteNote(Object.values(data.metrics).map((metric) => metric.value));
  if (special) sections.push(`*${escapeMarkdown(special)}*`);
  if (note) sections.push(`*${escapeMarkdown(note)}*`);
  return sections.join('\n\n');
}

function timeFields(run: Run, now: number): string[] {
  const { startTime, endTime } = run.info;
  const result: string[] = [];
  if (startTime !== undefined)
    result.push(field('Started', `${formatTimestamp(startTime)} (${relativeTime(startTime, now)})`));
  if (endTime !== undefined) result.push(field('Ended', formatTimestamp(endTime)));
  const duration = runDuration(startTime, endTime, now);
  if (duration !== undefined)
    result.push(field(endTime === undefined ? 'Running for' : 'Duration', formatDuration(duration)));
  return result;
}

function commitFields(run: Run, context: RunDisplayContext): string[] {
  const commit = runCommit(run);
  const result: string[] = [];
  if (commit) {
    const atHead = isAtHead(run, context.headCommits) ? ' (the workspace HEAD)' : '';
    result.push(field('Commit', `${shortCommitId(commit)}${atHead}`));
  }
  return [...result, ...optionalField('Branch', run.data.tags[SystemTags.gitBranch])];
}

function sourceField(sourceName: string | undefined, context: RunDisplayContext): string[] {
  return sourceName?.trim() ? [field('Source', sourceNameShown(sourceName.trim(), context.repositoryRoots ?? []))] : [];
}

function descriptionSection(description: string | undefined): string[] {
  const markdown = description?.trim() ? descriptionMarkdown(description, DESCRIPTION_MAX) : '';
  return markdown ? ['**Description**', markdown] : [];
}

function optionalField(label: string, value: string | undefined, max?: number): string[] {
  return value?.trim() ? [field(label, value.trim(), max)] : [];
}

function paramEntries(run: Run): [string, string][] {
  return Object.keys(run.data.params)
    .sort()
    .map((key) => [key, run.data.params[key]!]);
}

/** The primary metric first, then the rest alphabetically. */
function metricEntries(run: Run, primaryMetric: string): [string, string][] {
  const primary = primaryMetricOf(run, primaryMetric)?.key;
  const keys = Object.keys(run.data.metrics).sort();
  const ordered = primary === undefined ? keys : [primary, ...keys.filter((key) => key !== primary)];
  return ordered.map((key) => [key, formatMetricValue(run.data.metrics[key]!.value)]);
}

function keyValueSection(title: string, entries: readonly [string, string][]): string[] {
  if (entries.length === 0) return [];
  const shown = entries
    .slice(0, KEY_VALUES_SHOWN)
    .map(
      ([key, value]) => `${escapeMarkdown(truncate(key, VALUE_MAX))}: ${escapeMarkdown(truncate(value, VALUE_MAX))}`,
    );
  const more = entries.length > KEY_VALUES_SHOWN ? [`*${entries.length - KEY_VALUES_SHOWN} more*`] : [];
  return [`**${title}**`, lines([...shown, ...more])];
}

/**
 * A run's `mlflow.source.name` as the sidebar shows it: relative to the workspace repository that
 * holds the file, as MLflow records it for most runs (`train.py`). An absolute path (often from
 * the machine that logged the run, `/home/user/demo-repo/train.py`) becomes the longest of its
 * tails that exists in one of `repositoryRoots`, the same candidates Open Source at Commit tries;
 * a name no repository holds, and a relative one, are shown as recorded.
 */
export function sourceNameShown(
  sourceName: string,
  repositoryRoots: readonly string[],
  exists: (path: string) => boolean = existsSync,
): string {
  if (absoluteSourcePath(sourceName) === undefined) return sourceName;
  for (const root of repositoryRoots) {
    const candidates = sourcePathCandidates(sourceName, root);
    const found = candidates.paths.find((path) => exists(join(root, path)));
    if (found !== undefined) return found;
  }
  return sourceName;
}

/**
 * A run's description (`mlflow.note.content`, markdown written by anyone who can log to the
 * store) as markdown for a hover. It is read by the run panel's own reader, so both show the same
 * structure, and written back with every piece of text escaped: headings, emphasis, lists, quotes
 * and code survive; HTML, links (a link shows its text only) and images (never fetched) do not.
 */

/** `![alt](url)`: an image the hover would fetch from anywhere. Its alt text stays. */
const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g;

/** The description as safe markdown, its source cut to `max` characters first. */
export function descriptionMarkdown(description: string, max: number): string {
  const source = truncate(description.trim(), max).replace(IMAGE, (_image, alt: string) => alt);
  return parseMarkdown(source).map(block).filter(Boolean).join('\n\n');
}

function block(entry: Block): string {
  switch (entry.kind) {
    case 'heading':
    case 'paragraph': {
      const text = inlines(entry.children);
      return entry.kind === 'heading' && text ? `**${text}**` : text;
    }
    case 'list':
      return entry.items.map((item, index) => `${entry.ordered ? `${index + 1}.` : '-'} ${inlines(item)}`).join('\n');
    case 'code':
      return codeBlock(entry.text);
    case 'quote':
      return entry.children
        .map(block)
        .join('\n\n')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'rule':
      return '---';
    default:
      return '';
  }
}

function inlines(children: readonly Inline[]): string {
  return children.map(inline).join('');
}

function inline(entry: Inline): string {
  switch (entry.kind) {
    case 'text':
      return escapeMarkdown(entry.text);
    case 'code':
      return codeSpan(entry.text);
    case 'strong':
      return wrap('**', inlines(entry.children));
    case 'em':
      return wrap('*', inlines(entry.children));
    case 'link':
      // The text only: a hover's link would open whatever the description's author chose.
      return inlines(entry.children);
    case 'break':
      return '  \n';
    default:
      return '';
  }
}

function wrap(marker: string, text: string): string {
  return text.trim() ? `${marker}${text}${marker}` : text;
}

/** Code spans take their content literally; the fence is longer than any run of backticks inside. */
function codeSpan(text: string): string {
  const content = showBidiControls(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const padding = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${content}${padding}${fence}`;
}

/** A fenced block is literal to its closing fence, which is longer than any run of backticks inside. */
function codeBlock(text: string): string {
  const content = showBidiControls(text).replace(/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029]/g, ' ');
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  return `${fence}\n${content}\n${fence}`;
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let current = 0;
  for (const each of text) {
    current = each === character ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/** What an error row shows and offers. */
export interface ErrorDisplay {
  /** One line: what failed, where. */
  label: string;
  /** `HTTP 503` when the server answered, else empty. */
  description: string;
  /** Everything known, for the hover (plain text; the caller escapes it). */
  detail: string;
  /** The click action: sign in on a 401/403, else try again. */
  action: 'retry' | 'signIn';
}

const LABEL_MAX = 160;

/**
 * An error as one tree row: what failed and where (the store's own message names the host and
 * what happened), the HTTP status, and the action that can fix it. The whole message, with what
 * to do, goes to the hover. Never a stack trace.
 */
export function describeError(error: unknown, storeDescription: string): ErrorDisplay {
  if (isCancellation(error)) {
    return {
      label: 'Loading was cancelled',
      description: '',
      detail: `${storeDescription}: loading was cancelled.`,
      action: 'retry',
    };
  }
  const message = error instanceof Error ? error.message.trim() : String(error);
  const status = error instanceof MlflowError && error.httpStatus !== undefined ? `HTTP ${error.httpStatus}` : '';
  const detail = [storeDescription, message, error instanceof MlflowError ? `Error code: ${error.errorCode}` : '']
    .filter(Boolean)
    .join('\n');
  if (error instanceof MlflowAuthError) {
    return {
      label: clip(`${storeDescription} refused access: sign in to continue`),
      description: status,
      detail,
      action: 'signIn',
    };
  }
  return { label: clip(headline(message) || 'Unknown error'), description: status, detail, action: 'retry' };
}

/**
 * The first sentence, without the `POST /api/2.0/mlflow/...:` the REST client puts in front (the
 * sentence after it then starts the row, so it gets a capital).
 */
function headline(message: string): string {
  const firstLine = message.split(/\r?\n/, 1)[0] ?? '';
  const withoutRequest = firstLine.replace(/^(?:GET|POST|PUT|PATCH|DELETE) \/\S*?:? /, '');
  const [sentence = ''] = withoutRequest.split(/\.\s+(?=[A-Z])/, 1);
  const trimmed = sentence.replace(/\.$/, '');
  return withoutRequest === firstLine ? trimmed : trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

function clip(text: string): string {
  return text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 1)}…`;
}
