import * as vscode from 'vscode';
import { booleanSetting, integerSetting, stringSetting } from './settingValues';

/** Every setting the extension reads, by its full key. package.json declares the same keys. */
export const SettingKey = {
  trackingUri: 'mlflow.trackingUri',
  requestTimeoutSeconds: 'mlflow.requestTimeoutSeconds',
  caBundlePath: 'mlflow.caBundlePath',
  insecureSkipTlsVerify: 'mlflow.insecureSkipTlsVerify',
  runsPageSize: 'mlflow.runs.pageSize',
  runsPrimaryMetric: 'mlflow.runs.primaryMetric',
  runsAutoRefreshSeconds: 'mlflow.runs.autoRefreshSeconds',
} as const;

export type SettingKeyValue = (typeof SettingKey)[keyof typeof SettingKey];

/** The settings that change how a store is opened: a change means reopening it. */
export const CONNECTION_SETTINGS: readonly SettingKeyValue[] = [
  SettingKey.trackingUri,
  SettingKey.requestTimeoutSeconds,
  SettingKey.caBundlePath,
  SettingKey.insecureSkipTlsVerify,
];

/** The `mlflow.*` settings, typed and validated, with an event naming the keys that changed. */
export class Settings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly SettingKeyValue[]>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      const keys = Object.values(SettingKey).filter((key) => event.affectsConfiguration(key));
      if (keys.length > 0) this.changed.fire(keys);
    });
  }

  get trackingUri(): string {
    return stringSetting(this.read(SettingKey.trackingUri));
  }

  get requestTimeoutMs(): number {
    return integerSetting(this.read(SettingKey.requestTimeoutSeconds), 30, 1, 3600) * 1000;
  }

  get caBundlePath(): string {
    return stringSetting(this.read(SettingKey.caBundlePath));
  }

  get insecureSkipTlsVerify(): boolean {
    return booleanSetting(this.read(SettingKey.insecureSkipTlsVerify), false);
  }

  /** Runs fetched per page of an experiment (the server allows 50000; a tree wants far fewer). */
  get runsPageSize(): number {
    return integerSetting(this.read(SettingKey.runsPageSize), 100, 1, 5000);
  }

  /** The metric shown on each run row; empty: the run's first metric. */
  get runsPrimaryMetric(): string {
    return stringSetting(this.read(SettingKey.runsPrimaryMetric));
  }

  /** Seconds between refreshes while a shown run is RUNNING; 0 turns auto-refresh off. */
  get runsAutoRefreshSeconds(): number {
    return integerSetting(this.read(SettingKey.runsAutoRefreshSeconds), 10, 0, 86400);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private read(key: SettingKeyValue): unknown {
    return vscode.workspace.getConfiguration().get<unknown>(key);
  }
}
