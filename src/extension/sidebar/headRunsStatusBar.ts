import * as vscode from 'vscode';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { CommandId } from '../platform/commandIds';
import type { ScopedLogger } from '../platform/logger';
import type { ExperimentsTreeProvider } from './experimentsTreeProvider';
import { countRunsAtCommits } from './runsAtCommits';
import type { RunsAtCommit } from './runsAtCommits';
import type { WorkspaceHeads } from './workspaceHeads';
import { errorMessage } from '../tracking/errors';

/**
 * "3 runs at HEAD" in the status bar: the runs of the store in use that were logged at the
 * commit checked out in the workspace. Clicking it filters the sidebar to them. Counted only
 * once the sidebar has listed the experiments, and again when they or HEAD change.
 */
export class HeadRunsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mlflow.runsAtHead', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];
  private generation = 0;
  private counted: readonly RunsAtCommit[] = [];

  constructor(
    private readonly provider: ExperimentsTreeProvider,
    private readonly heads: WorkspaceHeads,
    private readonly logger: ScopedLogger,
  ) {
    this.item.name = 'MLflow Runs at HEAD';
    this.item.command = CommandId.filterRunsAtHead;
    this.subscriptions = [
      provider.onDidChangeModel(() => void this.update()),
      heads.onDidChange(() => void this.update()),
    ];
  }

  /** The runs at each HEAD commit, per experiment, as last counted (commits with no run left out). */
  get runsAtHead(): readonly RunsAtCommit[] {
    return this.counted.filter((entry) => entry.total > 0);
  }

  dispose(): void {
    for (const disposable of this.subscriptions) disposable.dispose();
    this.item.dispose();
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const model = this.provider.currentModel;
    const commits = [...this.heads.current];
    const experiments = model?.experiments?.filter((experiment) => experiment.lifecycleStage === 'active') ?? [];
    if (!model || commits.length === 0 || experiments.length === 0) return this.hide();
    try {
      const counted = await countRunsAtCommits(
        model.store,
        experiments.map((experiment) => experiment.experimentId),
        commits,
      );
      if (generation !== this.generation) return;
      this.counted = counted;
      this.show(counted);
    } catch (error) {
      if (generation !== this.generation) return;
      this.logger.warn(`counting runs at HEAD failed: ${errorMessage(error)}`);
      this.hide();
    }
  }

  private show(counted: readonly RunsAtCommit[]): void {
    const total = counted.reduce((sum, entry) => sum + entry.total, 0);
    const more = counted.some((entry) => entry.more);
    this.item.text = `$(beaker) ${total}${more ? '+' : ''} ${total === 1 && !more ? 'run' : 'runs'} at HEAD`;
    const shortCommits = counted.map((entry) => shortCommitId(entry.commit)).join(', ');
    this.item.tooltip =
      total > 0
        ? `MLflow runs logged at the checked-out commit (${shortCommits}). Click to show only them.`
        : `No MLflow run was logged at the checked-out commit (${shortCommits}).`;
    this.item.show();
  }

  private hide(): void {
    this.counted = [];
    this.item.hide();
  }
}
