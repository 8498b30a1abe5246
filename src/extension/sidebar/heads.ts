import { shortCommitId } from '../../webview/shared/mlflowIds';
import * as vscode from 'vscode';
import { findRepositoryRoot, openGitRepository } from '../git/repository';
import type { ScopedLogger } from '../platform/logger';
import { errorMessage } from '../tracking/errors';
import { CommandId } from '../platform/commandIds';
import type { ExperimentsTreeProvider } from './tree';
import { countRunsAtCommits } from './runQuery';
import type { RunsAtCommit } from './runQuery';

/**
 * The commits checked out in the workspace folders' repositories, kept current: read when first
 * asked, and again when a repository's HEAD or branch refs change on disk, when folders change,
 * or when the window regains focus (a commit made in a terminal elsewhere).
 */
export class WorkspaceHeads implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private commits: ReadonlySet<string> = new Set();
  private repositoryRoots: readonly string[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private watchedRoots = '';
  private started = false;
  private reading: Promise<void> | undefined;

  constructor(private readonly logger: ScopedLogger) {}

  /** The full commit ids of HEAD in every workspace repository (empty until `start`). */
  get current(): ReadonlySet<string> {
    return this.commits;
  }

  /** The root folders of the workspace folders' repositories (empty until `start`). */
  get roots(): readonly string[] {
    return this.repositoryRoots;
  }

  /** Begins watching; called when the view is first shown, so activation runs no git. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.update()),
      vscode.window.onDidChangeWindowState((state) => state.focused && this.update()),
    );
    this.update();
  }

  /** Reads the heads again (coalesced: one read at a time, one more if asked meanwhile). */
  update(): void {
    const previous = this.reading ?? Promise.resolve();
    this.reading = previous.then(() => this.read()).finally(() => (this.reading = undefined));
  }

  dispose(): void {
    for (const disposable of this.subscriptions) disposable.dispose();
    for (const disposable of this.watchers) disposable.dispose();
    this.changed.dispose();
  }

  private async read(): Promise<void> {
    const roots = new Set<string>();
    const commits = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      try {
        const root = await findRepositoryRoot(folder.uri.fsPath);
        if (root === undefined || roots.has(root)) continue;
        roots.add(root);
        const head = await openGitRepository(root).reader.head();
        if (head.kind !== 'unborn') commits.add(head.commit.toLowerCase());
      } catch (error) {
        this.logger.warn(`reading HEAD in ${folder.uri.fsPath} failed: ${errorMessage(error)}`);
      }
    }
    this.watch([...roots]);
    const rootsChanged = !sameSet(roots, new Set(this.repositoryRoots));
    this.repositoryRoots = [...roots];
    if (rootsChanged || !sameSet(commits, this.commits)) {
      this.commits = commits;
      this.changed.fire();
    }
  }

  private watch(roots: readonly string[]): void {
    const key = [...roots].sort().join('\n');
    if (key === this.watchedRoots) return;
    this.watchedRoots = key;
    for (const disposable of this.watchers) disposable.dispose();
    this.watchers = roots.map((root) => {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(root), '.git/{HEAD,packed-refs,refs/heads/**}'),
      );
      const onChange = (): void => this.update();
      watcher.onDidChange(onChange);
      watcher.onDidCreate(onChange);
      watcher.onDidDelete(onChange);
      return watcher;
    });
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((value) => b.has(value));
}

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
