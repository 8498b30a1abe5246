/**
 * Three small runs whose metric, param and tag keys the filter editors' tests complete and check
 * against: `loss` in every run, `accuracy` and `train/loss` in one, a tag two runs share.
 */
import type { Run } from '../../src/extension/tracking/model';
import { aRun } from './runBuilder';

export function filterKeyRuns(): Run[] {
  return [
    aRun('a', {
      metrics: { accuracy: 0.9, loss: 0.2, 'train/loss': 0.3 },
      params: { optimizer: 'adam', lr: '0.01' },
      tags: { 'mlflow.source.git.commit': 'abc' },
    }),
    aRun('b', {
      metrics: { loss: 0.1, val_loss: 0.2 },
      params: { optimizer: 'sgd' },
      tags: { 'mlflow.source.git.commit': 'abc', 'mlflow.user': 'x' },
    }),
    aRun('c', { metrics: { loss: 0.3, auc: 0.7 } }),
  ];
}
