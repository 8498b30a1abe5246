import * as vscode from 'vscode';
import type { Run } from '../tracking/model';
import { describeSortField, sortFieldChoices } from './runQuery';
import type { RunSort, SortField } from './runQuery';
import { messageText } from '../platform/untrustedText';

type FieldItem = vscode.QuickPickItem & { field?: SortField; byName?: 'metric' | 'param' };

const GROUP_TITLES = { attribute: 'Attributes', metric: 'Metrics', param: 'Parameters' } as const;

/**
 * Asks what to sort an experiment's runs by: an attribute, a metric or param seen in the loaded
 * runs, or any metric or param by name; then the direction. Undefined when the user backs out.
 */
export async function askForRunSort(
  experimentName: string,
  current: RunSort,
  runs: readonly Run[],
): Promise<RunSort | undefined> {
  const title = `Sort Runs of ${experimentName}`;
  const picked = await vscode.window.showQuickPick(fieldItems(current, runs), {
    title,
    placeHolder: 'Sort by…',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const field = picked.field ?? (picked.byName ? await askForKey(title, picked.byName) : undefined);
  if (!field) return undefined;
  const direction = await vscode.window.showQuickPick(directions(field), {
    title,
    placeHolder: `Order of ${describeSortField(field)}`,
  });
  return direction ? { field, ascending: direction.ascending } : undefined;
}

function fieldItems(current: RunSort, runs: readonly Run[]): FieldItem[] {
  const items: FieldItem[] = [];
  let group: SortField['kind'] | undefined;
  for (const field of sortFieldChoices(runs)) {
    if (field.kind !== group) items.push({ label: GROUP_TITLES[field.kind], kind: vscode.QuickPickItemKind.Separator });
    group = field.kind;
    const isCurrent = field.kind === current.field.kind && field.key === current.field.key;
    items.push({
      label: messageText(describeSortField(field)),
      description: isCurrent ? '(current)' : undefined,
      field,
    });
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(edit) Metric by name…', description: 'one the loaded runs do not show', byName: 'metric' },
    { label: '$(edit) Parameter by name…', byName: 'param' },
  );
  return items;
}

async function askForKey(title: string, kind: 'metric' | 'param'): Promise<SortField | undefined> {
  const key = await vscode.window.showInputBox({
    title,
    prompt: kind === 'metric' ? 'Metric key, e.g. val_loss' : 'Parameter key, e.g. learning_rate',
    validateInput: (text) => (text.trim() ? undefined : 'Enter a key.'),
  });
  return key?.trim() ? { kind, key: key.trim() } : undefined;
}

/** Newest or highest first for times and metrics; A to Z first for names, statuses and params. */
function directions(field: SortField): { label: string; description: string; ascending: boolean }[] {
  const isTime = field.kind === 'attribute' && (field.key === 'start_time' || field.key === 'end_time');
  const isText = field.kind === 'param' || (field.kind === 'attribute' && !isTime);
  const descending = {
    label: 'Descending',
    description: isTime ? 'newest first' : isText ? 'Z to A' : 'highest first',
    ascending: false,
  };
  const ascending = {
    label: 'Ascending',
    description: isTime ? 'oldest first' : isText ? 'A to Z' : 'lowest first',
    ascending: true,
  };
  return isText ? [ascending, descending] : [descending, ascending];
}
