import type { Experiment } from '../model';
import type { Comparison } from './filterParser';
import type { ExperimentOrderClause } from './orderBy';
import { numberTest, textTest } from './valueTests';
import { compareExperimentIds, compareText, ownEntry } from './sqlValues';

type ExperimentTest = (experiment: Experiment) => boolean;

/** A parsed experiment filter as one test; an experiment lacking the tag or time never matches. */
export function compileExperimentFilter(comparisons: readonly Comparison[]): ExperimentTest {
  const tests = comparisons.map(compileComparison);
  return (experiment) => tests.every((test) => test(experiment));
}

function compileComparison(comparison: Comparison): ExperimentTest {
  const { key } = comparison;
  if (comparison.entityType === 'tag') {
    const test = textTest(comparison);
    return (experiment) => {
      const value = ownEntry(experiment.tags, key);
      return value !== undefined && test(value);
    };
  }
  if (key === 'name') {
    const test = textTest(comparison);
    return (experiment) => test(experiment.name);
  }
  const test = numberTest(comparison);
  const read = timeReader(key);
  return (experiment) => {
    const value = read(experiment);
    return value !== undefined && value !== null && test(value);
  };
}

/** MLflow's default order when a search names none. */
const DEFAULT_ORDER: readonly ExperimentOrderClause[] = [
  { key: 'creation_time', ascending: false },
  { key: 'experiment_id', ascending: true },
];

/**
 * Sorts experiments as the server's SQL store does: by the clauses (default: newest first, then
 * by id), then by experiment id descending when no clause named it. There is no special place
 * for missing times: SQLite puts NULL first ascending and last descending.
 */
export function sortExperiments(
  experiments: readonly Experiment[],
  clauses: readonly ExperimentOrderClause[],
): Experiment[] {
  const order = clauses.length > 0 ? [...clauses] : [...DEFAULT_ORDER];
  if (!order.some((clause) => clause.key === 'experiment_id')) order.push({ key: 'experiment_id', ascending: false });
  const comparators = order.map(clauseComparator);
  return [...experiments].sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
}

function clauseComparator(clause: ExperimentOrderClause): (a: Experiment, b: Experiment) => number {
  const sign = clause.ascending ? 1 : -1;
  if (clause.key === 'name') return (a, b) => sign * compareText(a.name, b.name);
  if (clause.key === 'experiment_id') return (a, b) => sign * compareExperimentIds(a.experimentId, b.experimentId);
  const read = timeReader(clause.key);
  return (a, b) => sign * compareNullsFirst(read(a), read(b));
}

function timeReader(key: string): (experiment: Experiment) => number | undefined {
  return key === 'creation_time' ? (experiment) => experiment.creationTime : (experiment) => experiment.lastUpdateTime;
}

function compareNullsFirst(a: number | undefined, b: number | undefined): number {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
