import * as vscode from 'vscode';
import { compareKeys } from './runQuery';
import { mostCommonKey } from './shownMetric';
import type { ShownMetric } from './shownMetric';
import { messageText } from '../platform/untrustedText';

/** A metric key to show; '' for the automatic choice. */
type MetricItem = vscode.QuickPickItem & { metricKey: string };

const REASONS: Record<ShownMetric['reason'], string> = {
  chosen: 'picked for this experiment',
  setting: 'the mlflow.runs.primaryMetric setting',
  sort: 'the metric the runs are sorted by',
  mostCommon: 'the metric most runs have',
};

/**
 * Asks which metric an experiment's run rows show: one of the keys its loaded runs have (with
 * how many have it), or the automatic choice. Resolves to the key, '' for automatic, undefined
 * when the user backs out.
 */
export async function askForShownMetric(
  experimentName: string,
  counts: ReadonlyMap<string, number>,
  shown: ShownMetric | undefined,
): Promise<string | undefined> {
  const common = mostCommonKey(counts);
  const items: MetricItem[] = [
    {
      label: '$(sparkle) Automatic',
      description:
        common === undefined ? undefined : messageText(`the setting, the sort metric, else the most common: ${common}`),
      detail: shown ? messageText(`Now: ${shown.key} (${REASONS[shown.reason]})`) : undefined,
      metricKey: '',
    },
    { label: 'Metrics of the loaded runs', kind: vscode.QuickPickItemKind.Separator, metricKey: '' },
    ...[...counts]
      .sort(([a, countA], [b, countB]) => countB - countA || compareKeys(a, b))
      .map(([key, count]) => ({
        label: messageText(key),
        description: `${count === 1 ? '1 run' : `${count} runs`}${key === shown?.key ? ' · shown now' : ''}`,
        metricKey: key,
      })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Show Metric on Runs of ${experimentName}`,
    placeHolder: 'The metric every run row shows',
  });
  return picked?.metricKey;
}
