import { SystemTags } from '../tracking/model';
import type { Metric, Run, RunStatus } from '../tracking/model';
import { formatDuration, formatMetricValue, relativeTime, runDuration } from '../../webview/shared/format';
import { isCommitId } from '../../webview/shared/mlflowIds';

/** What a run row needs to know beyond the run itself. */
export interface RunDisplayContext {
  now: number;
  /** The OS user: a run's user is only worth showing when it is someone else. */
  currentUser: string;
  /**
   * The metric key the row shows ('' for none): from the tree context, the `mlflow.runs.primaryMetric`
   * setting; for a row, the experiment's one metric as `shownMetric` decides it.
   */
  primaryMetric: string;
  /** Full commit ids checked out in the workspace folders. */
  headCommits: ReadonlySet<string>;
  /** Root folders of the workspace repositories, which a run's source path is shown relative to. */
  repositoryRoots?: readonly string[];
  canWrite: boolean;
  /** True when the store has a web UI to open the run in (an MLflow server). */
  hasWebUi: boolean;
}

/** A codicon id and the theme colour it is drawn in. */
export interface IconSpec {
  id: string;
  color?: string;
}

const STATUS_ICONS: Record<RunStatus, IconSpec> = {
  RUNNING: { id: 'sync~spin', color: 'charts.blue' },
  SCHEDULED: { id: 'clock', color: 'charts.yellow' },
  FINISHED: { id: 'pass', color: 'testing.iconPassed' },
  FAILED: { id: 'error', color: 'testing.iconFailed' },
  KILLED: { id: 'circle-slash', color: 'charts.orange' },
};

/** The run's name, else its id (runs created through the API may have no name). */
export function runLabel(run: Run): string {
  const name = run.info.runName.trim() || run.data.tags[SystemTags.runName]?.trim();
  return name || run.info.runId;
}

export function isDeleted(run: Run): boolean {
  return run.info.lifecycleStage === 'deleted';
}

/** The run's git commit tag, lowered, when it holds a commit id (`isCommitId`: full, or abbreviated by hand). */
export function runCommit(run: Run): string | undefined {
  const commit = run.data.tags[SystemTags.gitCommit]?.trim().toLowerCase();
  return commit && isCommitId(commit) ? commit : undefined;
}

export function isAtHead(run: Run, headCommits: ReadonlySet<string>): boolean {
  const commit = runCommit(run);
  return commit !== undefined && headCommits.has(commit);
}

/** Status icon in its colour; a deleted run shows a bin, whatever its status. */
export function runIcon(run: Run): IconSpec {
  return isDeleted(run) ? { id: 'trash', color: 'disabledForeground' } : STATUS_ICONS[run.info.status];
}

/** The metric the row shows, when the run has it: every row of an experiment shows the same key. */
export function primaryMetricOf(run: Run, shownKey: string): Metric | undefined {
  return shownKey ? run.data.metrics[shownKey] : undefined;
}

/**
 * `loss=0.231 · HEAD · 3 h ago · 8m 20s · alice`, parts left out when unknown. The metric comes
 * first so that it survives a narrow sidebar cutting the row short. `bestChild` is the metric,
 * by which the runs are sorted, of the descendant that places this parent where it stands:
 * `accuracy=0.9579 · best child 0.9762` says why the row is above higher values of its own.
 */
export function runDescription(run: Run, context: RunDisplayContext, bestChild?: Metric): string {
  const parts: string[] = [];
  if (isDeleted(run)) parts.push('deleted');
  const metric = primaryMetricOf(run, context.primaryMetric);
  if (metric) parts.push(`${metric.key}=${formatMetricValue(metric.value)}`);
  if (bestChild) {
    const value = formatMetricValue(bestChild.value);
    parts.push(bestChild.key === metric?.key ? `best child ${value}` : `best child ${bestChild.key}=${value}`);
  }
  if (isAtHead(run, context.headCommits)) parts.push('HEAD');
  if (run.info.startTime !== undefined) parts.push(relativeTime(run.info.startTime, context.now));
  const duration = runDuration(run.info.startTime, run.info.endTime, context.now);
  if (duration !== undefined) parts.push(formatDuration(duration));
  const user = runUser(run);
  if (user && user !== context.currentUser) parts.push(user);
  return parts.join(' · ');
}

/** The user who logged the run (the attribute, else the `mlflow.user` tag). */
export function runUser(run: Run): string | undefined {
  return run.info.userId.trim() || run.data.tags[SystemTags.user]?.trim() || undefined;
}

/**
 * The flags menus are keyed on, space-separated after `run`: `run.active` | `run.deleted`,
 * `run.hasCommit`, `run.atHead`, `run.writable`, `run.web`, `run.running`. Match them in
 * when-clauses with `viewItem =~ /\brun\.hasCommit\b/`.
 */
export function runContextValue(run: Run, context: RunDisplayContext): string {
  const flags = ['run', isDeleted(run) ? 'run.deleted' : 'run.active'];
  if (runCommit(run)) flags.push('run.hasCommit');
  if (isAtHead(run, context.headCommits)) flags.push('run.atHead');
  if (context.canWrite) flags.push('run.writable');
  if (context.hasWebUi) flags.push('run.web');
  if (run.info.status === 'RUNNING') flags.push('run.running');
  return flags.join(' ');
}
