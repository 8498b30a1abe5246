import { SystemTags } from '../tracking/model';
import type { Run } from '../tracking/model';
import { descriptionMarkdown } from './descriptionMarkdown';
import { escapeMarkdown, field, lines } from '../platform/markdown';
import { truncate } from '../platform/untrustedText';
import { formatMetricValue } from '../../webview/shared/format';
import { nonFiniteNote } from '../../webview/shared/nonFinite';
import { formatDuration, formatTimestamp, relativeTime, runDuration } from '../../webview/shared/format';
import { isAtHead, primaryMetricOf, runCommit, runLabel, runUser } from '../runs/runPresentation';
import type { RunDisplayContext } from '../runs/runPresentation';
import { sourceNameShown } from './runSourceName';

/** How many params and metrics a tooltip lists before saying how many more there are. */
const KEY_VALUES_SHOWN = 10;
const VALUE_MAX = 80;
/** How much of a description the hover renders (the run panel shows all of it). */
const DESCRIPTION_MAX = 600;

/**
 * The run's hover: status, times, user, source, commit, branch, its description, then its key
 * params and metrics. Markdown in which every value from the store is escaped (see
 * format/markdown.ts), the description included (see format/descriptionMarkdown.ts).
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
    result.push(field('Commit', `${commit.slice(0, 7)}${atHead}`));
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
