import type { Run } from '../model';
import { SystemTags } from '../model';
import type { Comparison } from './filterParser';
import { runTextAttributeReader } from './runAttributes';
import { ownEntry, storedMetricValue } from './sqlValues';
import { numberTest, textTest } from './valueTests';

type RunTest = (run: Run) => boolean;

const DATASET_CONTEXT_TAG = 'mlflow.data.context';

/**
 * Turns a parsed run filter into one test, compiled once and then applied to every run. Each
 * comparison is evaluated as the server's SQL store does: a run lacking the metric, param, tag or
 * attribute never matches (not even `!=`), `run_name` is the `mlflow.runName` tag, and a dataset
 * comparison holds when any one of the run's dataset inputs satisfies it.
 */
export function compileRunFilter(comparisons: readonly Comparison[]): RunTest {
  const tests = comparisons.map(compileComparison);
  return (run) => tests.every((test) => test(run));
}

function compileComparison(comparison: Comparison): RunTest {
  const { key } = comparison;
  switch (comparison.entityType) {
    case 'metric': {
      const test = numberTest(comparison);
      return (run) => {
        const metric = ownEntry(run.data.metrics, key);
        return metric !== undefined && test(storedMetricValue(metric.value));
      };
    }
    case 'param':
      return presentAnd(textTest(comparison), (run) => ownEntry(run.data.params, key));
    case 'tag':
      return presentAnd(textTest(comparison), (run) => ownEntry(run.data.tags, key));
    case 'attribute':
      return attributeTest(comparison);
    case 'dataset':
      return datasetTest(comparison);
  }
}

function attributeTest(comparison: Comparison): RunTest {
  switch (comparison.key) {
    case 'start_time':
      return presentAnd(numberTest(comparison), (run) => run.info.startTime);
    case 'end_time':
      return presentAnd(numberTest(comparison), (run) => run.info.endTime);
    case 'run_name':
      // The server filters on the tag, since the name column is empty for runs of MLflow <= 1.29.
      return presentAnd(textTest(comparison), (run) => ownEntry(run.data.tags, SystemTags.runName));
    default:
      return presentAnd(textTest(comparison), runTextAttributeReader(comparison.key));
  }
}

function datasetTest(comparison: Comparison): RunTest {
  const test = textTest(comparison);
  if (comparison.key === 'context') {
    return (run) =>
      run.inputs.datasetInputs.some((input) => {
        const context = ownEntry(input.tags, DATASET_CONTEXT_TAG);
        return context !== undefined && test(context);
      });
  }
  const field = comparison.key === 'digest' ? 'digest' : 'name';
  return (run) => run.inputs.datasetInputs.some((input) => test(input.dataset[field]));
}

function presentAnd<T>(test: (value: T) => boolean, read: (run: Run) => T | undefined): RunTest {
  return (run) => {
    const value = read(run);
    return value !== undefined && value !== null && test(value);
  };
}
