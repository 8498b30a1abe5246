// The runs of the demo workspace's demo-classifier experiment as the MLflow tree shows them, and
// run commands given rows the way a context menu gives them.
import * as vscode from 'vscode';
import { row, rowsWhen } from './sidebarView';
import type { Row } from './sidebarView';

/** The demo-classifier rows by label, once the tree has loaded them. */
export async function demoRunRows(): Promise<Map<string, Row>> {
  await rowsWhen('the experiments', (found) => found.length > 1);
  const demo = await row('demo-classifier');
  const found = await rowsWhen(
    'the demo-classifier runs',
    (rows) => rows.some((entry) => entry.label === 'baseline-adam'),
    demo.node,
  );
  return new Map(found.map((entry) => [entry.label, entry]));
}

/** Runs a run command as the context menu does: the first row clicked, all of them selected. */
export function onRunRows<T>(runs: ReadonlyMap<string, Row>, command: string, ...labels: string[]): Thenable<T> {
  const nodes = labels.map((label) => runs.get(label)!.node);
  return vscode.commands.executeCommand<T>(command, nodes[0], nodes);
}
