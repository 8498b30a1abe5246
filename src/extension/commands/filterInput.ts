import * as vscode from 'vscode';
import { describeFilterProblem } from '../views/filterValidation';

type FilterItem = vscode.QuickPickItem & { filter?: string };

/**
 * Asks for a run filter in MLflow's language, checked as it is typed by the tracking client's
 * parser. The last filters are offered first: picking one applies it, "New filter…" opens the
 * input box (with the current filter to edit). Resolves to '' for "no filter", undefined when
 * the user backs out.
 */
export async function askForRunFilter(experimentName: string, current: string | undefined, recent: readonly string[]): Promise<string | undefined> {
  const title = `Filter Runs of ${experimentName}`;
  const others = recent.filter((filter) => filter !== current);
  if (others.length > 0) {
    const items: FilterItem[] = [
      { label: '$(edit) New filter…', description: current ? 'edit the current filter' : undefined },
      { label: 'Recent filters', kind: vscode.QuickPickItemKind.Separator },
      ...others.map((filter) => ({ label: filter, filter })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a recent filter, or write a new one' });
    if (!picked) return undefined;
    if (picked.filter !== undefined) return picked.filter;
  }
  const entered = await vscode.window.showInputBox({
    title,
    value: current ?? '',
    prompt: "MLflow's filter language, e.g. metrics.loss < 0.2 AND params.optimizer = 'adam'. Empty: every run.",
    placeHolder: "metrics.accuracy > 0.9 AND tags.`mlflow.source.git.branch` = 'main'",
    ignoreFocusOut: true,
    validateInput: (text) => describeFilterProblem(text),
  });
  return entered?.trim();
}
