import * as vscode from 'vscode';
import { redactTrackingUri } from '../tracking/connection';
import type { TrackingStore } from '../tracking/trackingStore';

export type StoreState =
  /** Nothing configured and nothing found: the welcome view. */
  | { kind: 'none' }
  | { kind: 'ready'; store: TrackingStore; uri: string }
  /** The URI could not be opened (bad URI, not an MLflow store): the error item. */
  | { kind: 'failed'; uri: string; error: unknown };

/** How the connection finds and opens a store; supplied by the extension's wiring. */
export interface StoreOpener {
  /** The URI to use when none was picked: setting, MLFLOW_TRACKING_URI, then the workspace folders. */
  resolve(): Promise<{ uri: string } | undefined>;
  open(uri: string): Promise<TrackingStore>;
}

const SELECTED_KEY = 'mlflow.selectedTrackingUri';

/**
 * The one tracking store the sidebar shows. Nothing is resolved or opened until someone asks
 * (the view's first `getChildren`), so activation touches no store. A store picked with "Select
 * Tracking Store" is remembered for the workspace and wins over the resolved one until the
 * `mlflow.trackingUri` setting changes.
 */
export class StoreConnection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the store in use is dropped or replaced: views reload. */
  readonly onDidChange = this.changed.event;
  private state: Promise<StoreState> | undefined;

  constructor(
    private readonly opener: StoreOpener,
    private readonly workspaceState: vscode.Memento,
  ) {}

  /** The store in use, resolving and opening it on first call. */
  current(): Promise<StoreState> {
    this.state ??= this.connect();
    return this.state;
  }

  get selectedUri(): string | undefined {
    const value = this.workspaceState.get<unknown>(SELECTED_KEY);
    return typeof value === 'string' && value.trim() ? value : undefined;
  }

  /** Uses `uri` from now on in this workspace. */
  async select(uri: string): Promise<void> {
    await this.workspaceState.update(SELECTED_KEY, uri.trim());
    this.reset();
  }

  /** Forgets the picked store, so the setting, the environment or the workspace decide again. */
  async clearSelection(): Promise<void> {
    if (this.selectedUri === undefined) return;
    await this.workspaceState.update(SELECTED_KEY, undefined);
    this.reset();
  }

  /** Drops the open store; the next `current()` resolves and opens again (Retry, new credentials). */
  reset(): void {
    this.closeStore();
    this.changed.fire();
  }

  dispose(): void {
    this.closeStore();
    this.changed.dispose();
  }

  private closeStore(): void {
    const previous = this.state;
    this.state = undefined;
    void previous?.then((state) => (state.kind === 'ready' ? state.store.dispose() : undefined));
  }

  private async connect(): Promise<StoreState> {
    const target = this.selectedUri !== undefined ? { uri: this.selectedUri } : await this.resolveQuietly();
    if ('kind' in target) return target;
    try {
      return { kind: 'ready', store: await this.opener.open(target.uri), uri: redactTrackingUri(target.uri) };
    } catch (error) {
      return { kind: 'failed', uri: redactTrackingUri(target.uri), error };
    }
  }

  private async resolveQuietly(): Promise<{ uri: string } | StoreState> {
    try {
      return (await this.opener.resolve()) ?? { kind: 'none' };
    } catch (error) {
      return { kind: 'failed', uri: '', error };
    }
  }
}
