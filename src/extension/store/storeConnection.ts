import * as vscode from 'vscode';
import { redactTrackingUri, resolveTrackingUri } from '../tracking/connection';
import { DEFAULT_WORKSPACE } from '../tracking/model';
import { openStore } from '../tracking/openStore';
import type { TrackingStore } from '../tracking/trackingStore';
import type { Settings } from '../platform/settings';
import type { ScopedLogger } from '../platform/logger';
import type { CredentialStore } from './credentials';
import { describeRequest } from './storeChoices';

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
  private readonly workspaceChanged = new vscode.EventEmitter<void>();
  /** Fires when the store in use shows another MLflow workspace: views reload. */
  readonly onDidChangeWorkspace = this.workspaceChanged.event;
  private state: Promise<StoreState> | undefined;
  private settledState: StoreState | undefined;
  private readonly workspaces: StoreWorkspaces;

  constructor(
    private readonly opener: StoreOpener,
    private readonly workspaceState: vscode.Memento,
  ) {
    this.workspaces = new StoreWorkspaces(workspaceState);
  }

  /** The store in use, resolving and opening it on first call. */
  current(): Promise<StoreState> {
    if (!this.state) {
      const state = this.connect();
      this.state = state;
      void state.then((settled) => {
        if (this.state === state) this.settledState = settled;
      });
    }
    return this.state;
  }

  /** The store in use once someone has asked for it and it is settled; undefined before (nothing is opened to answer). */
  get settled(): StoreState | undefined {
    return this.settledState;
  }

  /**
   * Shows another MLflow workspace (3.10+) of the store in use, remembered for that store in this
   * VS Code workspace; false when the store is not open or has no workspaces.
   */
  async useWorkspace(workspace: string): Promise<boolean> {
    const state = this.settledState;
    if (state?.kind !== 'ready' || !state.store.useWorkspace) return false;
    await this.workspaces.remember(state.uri, workspace);
    state.store.useWorkspace(workspace);
    this.workspaceChanged.fire();
    return true;
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
    this.workspaceChanged.dispose();
  }

  private closeStore(): void {
    const previous = this.state;
    this.state = undefined;
    this.settledState = undefined;
    void previous?.then((state) => (state.kind === 'ready' ? state.store.dispose() : undefined));
  }

  private async connect(): Promise<StoreState> {
    const target = this.selectedUri !== undefined ? { uri: this.selectedUri } : await this.resolveQuietly();
    if ('kind' in target) return target;
    try {
      const store = await this.opener.open(target.uri);
      const uri = redactTrackingUri(target.uri);
      // The workspace picked last for this store, as MLflow shows one workspace at a time.
      store.useWorkspace?.(this.workspaces.workspaceFor(uri));
      return { kind: 'ready', store, uri };
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

/**
 * How the extension finds and opens the store: MLflow's order of places to look, with this
 * window's settings, environment and workspace folders; servers get the request timeout, TLS
 * settings, the credentials entered for them, and a log line per request.
 */
export function workspaceStoreOpener(
  settings: Settings,
  credentials: CredentialStore,
  requestLog: ScopedLogger,
): StoreOpener {
  return {
    resolve: () =>
      resolveTrackingUri({
        setting: settings.trackingUri,
        env: process.env,
        workspaceFolders: (vscode.workspace.workspaceFolders ?? [])
          .filter((folder) => folder.uri.scheme === 'file')
          .map((folder) => folder.uri.fsPath),
      }),
    open: async (uri: string): Promise<TrackingStore> =>
      openStore(uri, {
        baseDir: baseFolder(),
        credentials: await credentials.get(uri),
        timeoutMs: settings.requestTimeoutMs,
        caBundlePath: settings.caBundlePath || undefined,
        insecureSkipTlsVerify: settings.insecureSkipTlsVerify,
        onRequest: (event) => requestLog.info(describeRequest(event)),
      }),
  };
}

const WORKSPACES_KEY = 'mlflow.workspaceByStore';

/**
 * The MLflow workspace (3.10+) shown for each store, remembered per VS Code workspace: MLflow
 * shows one workspace at a time, and reopening a store shows the one picked last.
 */
class StoreWorkspaces {
  constructor(private readonly memento: vscode.Memento) {}

  /** The workspace to show for the store at `storeUri` (`default` until one is picked). */
  workspaceFor(storeUri: string): string {
    const picked = this.memento.get<Record<string, unknown>>(WORKSPACES_KEY)?.[storeUri];
    return typeof picked === 'string' && picked !== '' ? picked : DEFAULT_WORKSPACE;
  }

  async remember(storeUri: string, workspace: string): Promise<void> {
    const all = { ...(this.memento.get<Record<string, unknown>>(WORKSPACES_KEY) ?? {}), [storeUri]: workspace };
    await this.memento.update(WORKSPACES_KEY, all);
  }
}

/** The folder relative URIs and paths are resolved against: the first workspace folder. */
export function baseFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
  return folder?.uri.fsPath ?? process.cwd();
}
