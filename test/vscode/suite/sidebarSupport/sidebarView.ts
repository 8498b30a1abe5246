// Reading the MLflow tree inside the extension host, as the view shows it: the rows under a
// row, their labels, descriptions, tooltips and contextValues, through the tree the extension
// hands back from activate() (no guessing from the DOM).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/extensionObject';
import type { SidebarNode } from '../../../../src/extension/sidebar/treeNodes';
import { setTimeout as sleep } from 'node:timers/promises';
import { ourExtension } from '../support/extension';

export interface Row {
  node: SidebarNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
  contextValue: string;
}

export async function experimentsView(): Promise<ExtensionApi['experimentsView']> {
  const api = (await ourExtension().activate()) as ExtensionApi;
  assert.ok(api?.experimentsView, 'activate() returns the experiments view');
  return api.experimentsView;
}

/** The rows under `parent` (the top level when absent), as VS Code would ask for them. */
export async function rows(parent?: SidebarNode): Promise<Row[]> {
  const { treeDataProvider } = await experimentsView();
  const nodes = (await treeDataProvider.getChildren(parent)) ?? [];
  return Promise.all(nodes.map(async (node) => toRow(node, await treeDataProvider.getTreeItem(node))));
}

function toRow(node: SidebarNode, item: vscode.TreeItem): Row {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return {
    node,
    item,
    label,
    description: typeof item.description === 'string' ? item.description : '',
    contextValue: item.contextValue ?? '',
  };
}

/** The row labelled `label` under `parent`; fails naming what was there instead. */
export async function row(label: string, parent?: SidebarNode): Promise<Row> {
  const found = await rows(parent);
  const match = found.find((candidate) => candidate.label === label);
  return match ?? assert.fail(`no row "${label}"; rows: ${JSON.stringify(found.map((entry) => entry.label))}`);
}

/** Polls the rows under `parent` until `accept` holds (the tree loads and redraws asynchronously). */
export async function rowsWhen(
  what: string,
  accept: (rows: Row[]) => boolean,
  parent?: SidebarNode,
  timeoutMs = 15_000,
): Promise<Row[]> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(100)) {
    const found = await rows(parent);
    if (accept(found)) return found;
    if (Date.now() > deadline) {
      return assert.fail(
        `timed out waiting for ${what}; rows: ${JSON.stringify(found.map((entry) => [entry.label, entry.description]))}`,
      );
    }
  }
}

/** Labels of the whole subtree under `parent`, nested as the tree nests them. */
export async function outline(parent?: SidebarNode): Promise<unknown[]> {
  const result: unknown[] = [];
  for (const entry of await rows(parent)) {
    const collapsible =
      entry.item.collapsibleState !== vscode.TreeItemCollapsibleState.None && entry.node.kind === 'run';
    result.push(collapsible ? [entry.label, await outline(entry.node)] : entry.label);
  }
  return result;
}

/** The markdown of a row's tooltip. */
export function tooltipText(entry: Row): string {
  const tooltip = entry.item.tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  const [section, ...rest] = key.split('.');
  await vscode.workspace.getConfiguration(section).update(rest.join('.'), value, vscode.ConfigurationTarget.Workspace);
}
