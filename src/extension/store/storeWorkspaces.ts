import type * as vscode from 'vscode';
import { DEFAULT_WORKSPACE } from '../tracking/model';

const KEY = 'mlflow.workspaceByStore';

/**
 * The MLflow workspace (3.10+) shown for each store, remembered per VS Code workspace: MLflow
 * shows one workspace at a time, and reopening a store shows the one picked last.
 */
export class StoreWorkspaces {
  constructor(private readonly memento: vscode.Memento) {}

  /** The workspace to show for the store at `storeUri` (`default` until one is picked). */
  workspaceFor(storeUri: string): string {
    const picked = this.memento.get<Record<string, unknown>>(KEY)?.[storeUri];
    return typeof picked === 'string' && picked !== '' ? picked : DEFAULT_WORKSPACE;
  }

  async remember(storeUri: string, workspace: string): Promise<void> {
    const all = { ...(this.memento.get<Record<string, unknown>>(KEY) ?? {}), [storeUri]: workspace };
    await this.memento.update(KEY, all);
  }
}
