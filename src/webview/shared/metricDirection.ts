/**
 * Whether a lower or a higher value of a metric is better, guessed from its name the way people
 * name metrics (`val_loss`, `train/accuracy`, `eval_rmse`, `valF1`). The user can switch it per
 * metric; a name that says nothing gets no guess rather than a wrong one.
 */
export type MetricDirection = 'lower' | 'higher' | 'none';

const LOWER = new Set([
  'loss',
  'error',
  'err',
  'errors',
  'mae',
  'mse',
  'rmse',
  'msle',
  'rmsle',
  'mape',
  'smape',
  'nll',
  'logloss',
  'perplexity',
  'ppl',
  'wer',
  'cer',
  'ter',
  'fpr',
  'fnr',
  'latency',
  'distance',
  'divergence',
  'kl',
  'regret',
  'cost',
  'brier',
  'hamming',
  'eer',
]);
const HIGHER = new Set([
  'acc',
  'accuracy',
  'f1',
  'fscore',
  'f1score',
  'auc',
  'roc',
  'rocauc',
  'prauc',
  'precision',
  'recall',
  'map',
  'ndcg',
  'mrr',
  'r2',
  'iou',
  'miou',
  'dice',
  'bleu',
  'rouge',
  'meteor',
  'score',
  'tpr',
  'tnr',
  'sensitivity',
  'specificity',
  'top1',
  'top5',
  'kappa',
  'mcc',
  'reward',
  'return',
  'throughput',
  'psnr',
  'ssim',
]);

/** Words of a metric name: `val_loss` -> [val, loss], `valF1` -> [val, f1], `top-1 acc` -> [top, 1, acc]. */
export function metricNameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** The direction the name suggests; the last telling word wins (`accuracy_loss` is a loss). */
export function guessMetricDirection(name: string): MetricDirection {
  const words = metricNameWords(name);
  const joined = words.join('');
  for (const candidate of [...words.reverse(), joined]) {
    if (LOWER.has(candidate)) return 'lower';
    if (HIGHER.has(candidate)) return 'higher';
  }
  if (/(loss|error|rmse|mae)$/.test(joined)) return 'lower';
  if (/^(acc|f1|auc|precision|recall)|(accuracy|precision|recall|f1|auc)$/.test(joined)) return 'higher';
  return 'none';
}

/** True when `a` is better than `b` in `direction` (non-finite values are never better). */
export function isBetter(a: number, b: number, direction: MetricDirection): boolean {
  if (!Number.isFinite(a) || direction === 'none') return false;
  if (!Number.isFinite(b)) return true;
  return direction === 'lower' ? a < b : a > b;
}

/** The next direction when the user clicks the switch: lower -> higher -> none -> lower. */
export function nextDirection(direction: MetricDirection): MetricDirection {
  return direction === 'lower' ? 'higher' : direction === 'higher' ? 'none' : 'lower';
}
