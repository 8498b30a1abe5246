import { SystemTags } from '../tracking/model';
import type { Experiment } from '../tracking/model';
import { escapeMarkdown, field, lines } from '../platform/markdown';
import { truncate } from '../platform/untrustedText';
import { describeSort, isDefaultSort } from './runQuery';
import type { RunQuery } from './runQuery';
import type { IconSpec } from '../runs/runPresentation';

/** What the sidebar knows about an experiment's runs so far. */
export interface ExperimentRunsSummary {
  /** Runs loaded (top-level and nested, parents fetched for nesting excluded). */
  loaded: number;
  /** False while more pages remain. */
  complete: boolean;
}

const TAGS_SHOWN = 15;

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
  return loaded === 1 ? '1 run' : `${loaded} runs`;
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
