/**
 * The messages between the extension host and the two webviews (compare, run), both ways, with a
 * runtime check for each. Both sides import this file; nothing here touches the DOM or Node.
 *
 * Rules the shapes encode: the host hands out ids (runs, files, links, artifacts) and the webview
 * only ever names those ids back; a webview never names a command or a file path. Numbers that may
 * be NaN or +/-Infinity travel as `WireNumber`, since JSON has no spelling for them.
 */
import type { Check } from './shared/guards';
import { unclampInfinity } from './shared/nonFinite';
import {
  arrayOf,
  bool,
  either,
  finiteNumber,
  id,
  integer,
  literal,
  object,
  oneOf,
  optional,
  parseByType,
  recordOf,
  str,
  text,
} from './shared/guards';

export type WireNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** A number as it travels: finite numbers as they are, the rest spelled out. */
export function toWire(value: number): WireNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** A number as it arrived; MLflow's clamped ±1.7976931348623157e308 means ±Infinity, even when a host sends it raw. */
export function fromWire(value: WireNumber): number {
  if (typeof value === 'number') return unclampInfinity(value);
  return value === 'NaN' ? Number.NaN : value === 'Infinity' ? Infinity : -Infinity;
}

const wireNumber: Check<WireNumber> = (value): value is WireNumber =>
  typeof value === 'number' ? !Number.isNaN(value) : value === 'NaN' || value === 'Infinity' || value === '-Infinity';

// ---- Data the host sends ----

export type RunStatusText = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
const runStatus = oneOf<RunStatusText>(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);

export interface LatestMetric {
  value: WireNumber;
  step: number;
  timestamp: number;
}

/** One run as both panels show it: attributes, params, latest metrics and tags. */
export interface RunView {
  runId: string;
  name: string;
  status: RunStatusText;
  user: string;
  startTime?: number;
  endTime?: number;
  experimentId: string;
  experimentName: string;
  deleted: boolean;
  commit?: string;
  branch?: string;
  sourceName?: string;
  params: Record<string, string>;
  metrics: Record<string, LatestMetric>;
  tags: Record<string, string>;
}

export interface RunLink {
  runId: string;
  name: string;
}

export interface DatasetView {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  context?: string;
  schema?: string;
  profile?: string;
}

export interface ModelView {
  modelId: string;
  step: number;
}

/** What the run panel shows beyond a `RunView`. */
export interface RunDetails extends RunView {
  artifactUri: string;
  parent?: RunLink;
  children: RunLink[];
  /** True when the run has more children than were listed. */
  moreChildren: boolean;
  datasets: DatasetView[];
  models: ModelView[];
}

/** A metric history in columns: steps, wall-clock times (ms) and values, sorted by step. */
export interface MetricSeries {
  steps: number[];
  timestamps: number[];
  values: WireNumber[];
  /** True when the store may have thinned the history (it returned as many points as asked for). */
  sampled: boolean;
}

export interface StepRange {
  startStep: number;
  endStep: number;
}

export type FileChangeKind =
  'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typeChanged' | 'unmerged' | 'untracked' | 'unknown';

export interface ChangedFile {
  fileId: string;
  path: string;
  oldPath?: string;
  status: FileChangeKind;
}

/** One run's code, as far as the workspace's repositories tell. */
export interface RunCode {
  runId: string;
  commit?: string;
  branch?: string;
  sourceName?: string;
  /** Present when the source can be opened at the commit: the id to send back. */
  sourceLinkId?: string;
  /** Why the source cannot be opened (no commit tag, no matching repository...). */
  problem?: string;
}

export type CodeDiff =
  | { kind: 'changes'; fromRunId: string; toRunId: string; message: string; files: ChangedFile[] }
  | { kind: 'sameCommit'; fromRunId: string; toRunId: string; message: string }
  | { kind: 'unavailable'; fromRunId: string; toRunId: string; message: string };

export interface ArtifactEntry {
  artifactId: string;
  name: string;
  /** For display only: the webview never sends a path back. */
  path: string;
  isDir: boolean;
  size?: number;
}

export type ArtifactPreview =
  | {
      kind: 'text';
      format: 'text' | 'json' | 'yaml' | 'csv' | 'mlmodel';
      text: string;
      truncated: boolean;
      size?: number;
    }
  | { kind: 'image'; dataUri: string; size?: number }
  | { kind: 'none'; reason: string };

// ---- Host -> webview ----

export type HostMessage =
  | { type: 'compareData'; runs: RunView[]; problems: string[] }
  | { type: 'runData'; run: RunDetails; description?: string }
  | {
      type: 'metricHistory';
      requestId: string;
      metricKey: string;
      range?: StepRange;
      series: Record<string, MetricSeries>;
    }
  | { type: 'metricHistoryFailed'; requestId: string; metricKey: string; message: string }
  | { type: 'codeInfo'; runs: RunCode[] }
  | { type: 'codeDiff'; requestId: string; diff: CodeDiff }
  | { type: 'artifacts'; dirId: string; entries: ArtifactEntry[] }
  | { type: 'artifactsFailed'; dirId: string; message: string }
  | { type: 'artifactPreview'; artifactId: string; preview: ArtifactPreview }
  | { type: 'themeChanged' }
  | { type: 'notice'; level: 'info' | 'error'; message: string };

const latestMetric = object<LatestMetric>({ value: wireNumber, step: finiteNumber, timestamp: finiteNumber });

const runViewShape = {
  runId: id,
  name: str,
  status: runStatus,
  user: str,
  startTime: optional(finiteNumber),
  endTime: optional(finiteNumber),
  experimentId: str,
  experimentName: str,
  deleted: bool,
  commit: optional(str),
  branch: optional(str),
  sourceName: optional(str),
  params: recordOf(str),
  metrics: recordOf(latestMetric),
  tags: recordOf(str),
};
const runView = object<RunView>(runViewShape);
const runLink = object<RunLink>({ runId: id, name: str });
const datasetView = object<DatasetView>({
  name: str,
  digest: str,
  sourceType: str,
  source: str,
  context: optional(str),
  schema: optional(str),
  profile: optional(str),
});
const runDetails = object<RunDetails>({
  ...runViewShape,
  artifactUri: str,
  parent: optional(runLink),
  children: arrayOf(runLink),
  moreChildren: bool,
  datasets: arrayOf(datasetView),
  models: arrayOf(object<ModelView>({ modelId: str, step: finiteNumber })),
});
const stepRange = object<StepRange>({ startStep: finiteNumber, endStep: finiteNumber });
const metricSeries: Check<MetricSeries> = (value): value is MetricSeries =>
  object<MetricSeries>({
    steps: arrayOf(finiteNumber),
    timestamps: arrayOf(finiteNumber),
    values: arrayOf(wireNumber),
    sampled: bool,
  })(value) &&
  value.steps.length === value.values.length &&
  value.timestamps.length === value.values.length;
const fileChangeKind = oneOf<FileChangeKind>([
  'added',
  'modified',
  'deleted',
  'renamed',
  'copied',
  'typeChanged',
  'unmerged',
  'untracked',
  'unknown',
]);
const changedFile = object<ChangedFile>({ fileId: id, path: str, oldPath: optional(str), status: fileChangeKind });
const runCode = object<RunCode>({
  runId: id,
  commit: optional(str),
  branch: optional(str),
  sourceName: optional(str),
  sourceLinkId: optional(id),
  problem: optional(str),
});
const diffEnds = { fromRunId: id, toRunId: id, message: str };
const codeDiff: Check<CodeDiff> = either(
  object<Extract<CodeDiff, { kind: 'changes' }>>({
    kind: literal('changes'),
    ...diffEnds,
    files: arrayOf(changedFile),
  }),
  either(
    object<Extract<CodeDiff, { kind: 'sameCommit' }>>({ kind: literal('sameCommit'), ...diffEnds }),
    object<Extract<CodeDiff, { kind: 'unavailable' }>>({ kind: literal('unavailable'), ...diffEnds }),
  ),
);
const artifactEntry = object<ArtifactEntry>({
  artifactId: id,
  name: str,
  path: str,
  isDir: bool,
  size: optional(finiteNumber),
});
const artifactPreview: Check<ArtifactPreview> = either(
  object<Extract<ArtifactPreview, { kind: 'text' }>>({
    kind: literal('text'),
    format: oneOf(['text', 'json', 'yaml', 'csv', 'mlmodel']),
    text: text(50_000_000),
    truncated: bool,
    size: optional(finiteNumber),
  }),
  either(
    object<Extract<ArtifactPreview, { kind: 'image' }>>({
      kind: literal('image'),
      dataUri: text(100_000_000),
      size: optional(finiteNumber),
    }),
    object<Extract<ArtifactPreview, { kind: 'none' }>>({ kind: literal('none'), reason: str }),
  ),
);

type Of<M, T> = Extract<M, { type: T }>;

const hostChecks: { [K in HostMessage['type']]: Check<Of<HostMessage, K>> } = {
  compareData: object<Of<HostMessage, 'compareData'>>({
    type: literal('compareData'),
    runs: arrayOf(runView),
    problems: arrayOf(str),
  }),
  runData: object<Of<HostMessage, 'runData'>>({
    type: literal('runData'),
    run: runDetails,
    description: optional(str),
  }),
  metricHistory: object<Of<HostMessage, 'metricHistory'>>({
    type: literal('metricHistory'),
    requestId: id,
    metricKey: str,
    range: optional(stepRange),
    series: recordOf(metricSeries),
  }),
  metricHistoryFailed: object<Of<HostMessage, 'metricHistoryFailed'>>({
    type: literal('metricHistoryFailed'),
    requestId: id,
    metricKey: str,
    message: str,
  }),
  codeInfo: object<Of<HostMessage, 'codeInfo'>>({ type: literal('codeInfo'), runs: arrayOf(runCode) }),
  codeDiff: object<Of<HostMessage, 'codeDiff'>>({ type: literal('codeDiff'), requestId: id, diff: codeDiff }),
  artifacts: object<Of<HostMessage, 'artifacts'>>({
    type: literal('artifacts'),
    dirId: text(256),
    entries: arrayOf(artifactEntry),
  }),
  artifactsFailed: object<Of<HostMessage, 'artifactsFailed'>>({
    type: literal('artifactsFailed'),
    dirId: text(256),
    message: str,
  }),
  artifactPreview: object<Of<HostMessage, 'artifactPreview'>>({
    type: literal('artifactPreview'),
    artifactId: id,
    preview: artifactPreview,
  }),
  themeChanged: object<Of<HostMessage, 'themeChanged'>>({ type: literal('themeChanged') }),
  notice: object<Of<HostMessage, 'notice'>>({ type: literal('notice'), level: oneOf(['info', 'error']), message: str }),
};

/** A message from the host, checked; undefined for anything else. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  return parseByType<HostMessage>(hostChecks, value);
}

// ---- Webview -> host ----

/** Longest CSV or PNG (as a data URL) a webview may hand over for saving. */
export const MAX_SAVED_FILE_CHARS = 64 * 1024 * 1024;

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'requestMetricHistory'; requestId: string; metricKey: string; maxPoints: number; range?: StepRange }
  | { type: 'requestCodeDiff'; requestId: string; fromRunId: string; toRunId: string }
  | { type: 'openSource'; linkId: string }
  | { type: 'openDiff'; fileId: string }
  | { type: 'openRun'; runId: string }
  | { type: 'removeRun'; runId: string }
  | { type: 'saveFile'; format: 'csv' | 'png'; name: string; content: string }
  | { type: 'listArtifacts'; dirId: string }
  | { type: 'previewArtifact'; artifactId: string }
  | { type: 'downloadArtifact'; artifactId: string }
  | { type: 'openArtifact'; artifactId: string }
  | { type: 'openLink'; url: string }
  | { type: 'problem'; message: string };

const webviewChecks: { [K in WebviewMessage['type']]: Check<Of<WebviewMessage, K>> } = {
  ready: object<Of<WebviewMessage, 'ready'>>({ type: literal('ready') }),
  requestMetricHistory: object<Of<WebviewMessage, 'requestMetricHistory'>>({
    type: literal('requestMetricHistory'),
    requestId: id,
    metricKey: text(1000),
    maxPoints: integer,
    range: optional(stepRange),
  }),
  requestCodeDiff: object<Of<WebviewMessage, 'requestCodeDiff'>>({
    type: literal('requestCodeDiff'),
    requestId: id,
    fromRunId: id,
    toRunId: id,
  }),
  openSource: object<Of<WebviewMessage, 'openSource'>>({ type: literal('openSource'), linkId: id }),
  openDiff: object<Of<WebviewMessage, 'openDiff'>>({ type: literal('openDiff'), fileId: id }),
  openRun: object<Of<WebviewMessage, 'openRun'>>({ type: literal('openRun'), runId: id }),
  removeRun: object<Of<WebviewMessage, 'removeRun'>>({ type: literal('removeRun'), runId: id }),
  saveFile: object<Of<WebviewMessage, 'saveFile'>>({
    type: literal('saveFile'),
    format: oneOf(['csv', 'png']),
    name: text(200),
    content: text(MAX_SAVED_FILE_CHARS),
  }),
  listArtifacts: object<Of<WebviewMessage, 'listArtifacts'>>({ type: literal('listArtifacts'), dirId: id }),
  previewArtifact: object<Of<WebviewMessage, 'previewArtifact'>>({ type: literal('previewArtifact'), artifactId: id }),
  downloadArtifact: object<Of<WebviewMessage, 'downloadArtifact'>>({
    type: literal('downloadArtifact'),
    artifactId: id,
  }),
  openArtifact: object<Of<WebviewMessage, 'openArtifact'>>({ type: literal('openArtifact'), artifactId: id }),
  openLink: object<Of<WebviewMessage, 'openLink'>>({ type: literal('openLink'), url: text(4096) }),
  problem: object<Of<WebviewMessage, 'problem'>>({ type: literal('problem'), message: text(10_000) }),
};

/** A message from a webview, checked; undefined for an unknown type or a bad shape. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  return parseByType<WebviewMessage>(webviewChecks, value);
}

/** What a webview keeps across reloads (VS Code hands it to the panel serializer). */
export interface PanelState {
  runIds: string[];
  baselineRunId?: string;
}

/** At most this many runs are restored into one compare panel. */
const MAX_COMPARED_RUNS = 500;

/** The state a serializer was given, checked; undefined when it is not one of ours. */
export function parsePanelState(value: unknown): PanelState | undefined {
  const check = object<PanelState>({ runIds: arrayOf(id, MAX_COMPARED_RUNS), baselineRunId: optional(id) });
  return check(value) ? { runIds: [...new Set(value.runIds)], baselineRunId: value.baselineRunId } : undefined;
}

// ---- The runs table (its own panel, its own message set) ----
//
// Metric values travel as `WireNumber`: VS Code serialises webview messages as JSON, which turns NaN and
// ±Infinity into null, so the host spells them out with `toWire` and the webview reads them with `fromWire`.

/** One run as a row of the runs table. Every string is untrusted text from the store. */
export interface TableRow {
  runId: string;
  runName: string;
  experimentId: string;
  status: RunStatusText;
  lifecycleStage: 'active' | 'deleted';
  startTime?: number;
  endTime?: number;
  user?: string;
  source?: string;
  commit?: string;
  branch?: string;
  parentRunId?: string;
  params: Record<string, string>;
  /** The latest value of each metric. */
  metrics: Record<string, WireNumber>;
  tags: Record<string, string>;
}

export interface TableExperiment {
  id: string;
  name: string;
}

/** How the rows are grouped; `key` is the param for `param` grouping. */
export interface TableGrouping {
  by: 'none' | 'commit' | 'branch' | 'param' | 'parent';
  key?: string;
  /** The metric whose best value each group shows. */
  metric?: string;
}

/**
 * The columns' layout. A column id is `<group>:<key>`, group one of `attr`, `param`, `metric`, `tag`,
 * `metricMin`, `metricMax`, `metricBestStep` (the last three shown only when asked for).
 */
export interface TableColumns {
  order: string[];
  hidden: string[];
  pinned: string[];
  widths: Record<string, number>;
  onlyDiffering: boolean;
  /** `metricMin:<key>` / `metricMax:<key>` / `metricBestStep:<key>` columns the user added. */
  ranges: string[];
}

/** One key of the table's sort: a column (see `TableColumns`) and its direction. */
export interface TableSortKey {
  columnId: string;
  ascending: boolean;
}

/** Sort keys a table holds at most (header clicks, then shift-clicks); MLflow's `order_by` is a part of them. */
export const MAX_SORT_KEYS = 20;

/** What the table remembers across reloads and per experiment. */
export interface RunsTableState {
  filter: string;
  /**
   * MLflow `order_by` clauses, e.g. `metrics.loss ASC`: the keys of `sort` the store can order by,
   * what the host asks the store for.
   */
  orderBy: string[];
  /**
   * The whole sort, in order: the store's keys and those only the loaded runs can be sorted by
   * (experiment, duration, source, commit, the min/max/best-step columns). Missing in a state saved
   * before it existed: the sort is then read back from `orderBy`.
   */
  sort?: TableSortKey[];
  columns: TableColumns;
  grouping: TableGrouping;
  flat: boolean;
  showDeleted: boolean;
  selection: string[];
  recentFilters: string[];
  /**
   * The direction of a metric's best value (group best, best-step column, commit chart) the user
   * chose, by metric key; a metric not here follows the guess from its name.
   */
  metricDirections?: Record<string, 'higher' | 'lower'>;
}

/** The state of a table nobody has arranged yet: every run, the store's order, no column moved. */
export function defaultRunsTableState(): RunsTableState {
  return {
    filter: '',
    orderBy: [],
    sort: [],
    columns: { order: [], hidden: [], pinned: [], widths: {}, onlyDiffering: false, ranges: [] },
    grouping: { by: 'none' },
    flat: false,
    showDeleted: false,
    selection: [],
    recentFilters: [],
  };
}

export interface FilterProblem {
  message: string;
  /** Character offsets of the offending token in the filter, when the parser knows them. */
  start?: number;
  end?: number;
}

export interface MetricRange {
  runId: string;
  key: string;
  min: WireNumber;
  max: WireNumber;
  minStep: number;
  maxStep: number;
}

export interface TableCommit {
  sha: string;
  short: string;
  subject: string;
  /** False for a commit of a run that is not on the current branch (listed after those that are). */
  onBranch: boolean;
}

export type RunsTableHostMessage =
  | {
      type: 'runsTable/init';
      experiments: TableExperiment[];
      state?: RunsTableState;
      writable: boolean;
      hasRepository: boolean;
    }
  | { type: 'runsTable/rows'; generation: number; rows: TableRow[]; loaded: number; total?: number; done: boolean }
  | { type: 'runsTable/update'; generation: number; rows: TableRow[] }
  | { type: 'runsTable/failed'; generation: number; message: string }
  | { type: 'runsTable/filterChecked'; filter: string; problem?: FilterProblem }
  | { type: 'runsTable/metricRanges'; ranges: MetricRange[] }
  | { type: 'runsTable/commits'; commits: TableCommit[]; head?: string }
  | { type: 'runsTable/compared'; runIds: string[]; colors: Record<string, string> }
  | { type: 'themeChanged' };

/** Runs in one message or one state; a table holds at most this many rows. */
const MAX_TABLE_RUNS = 200_000;
const MAX_COLUMN_IDS = 100_000;

const tableRow = object<TableRow>({
  runId: id,
  runName: str,
  experimentId: id,
  status: runStatus,
  lifecycleStage: oneOf(['active', 'deleted']),
  startTime: optional(finiteNumber),
  endTime: optional(finiteNumber),
  user: optional(str),
  source: optional(str),
  commit: optional(str),
  branch: optional(str),
  parentRunId: optional(id),
  params: recordOf(str),
  metrics: recordOf(wireNumber),
  tags: recordOf(str),
});
const tableColumns = object<TableColumns>({
  order: arrayOf(text(1000), MAX_COLUMN_IDS),
  hidden: arrayOf(text(1000), MAX_COLUMN_IDS),
  pinned: arrayOf(text(1000), MAX_COLUMN_IDS),
  widths: recordOf(finiteNumber, MAX_COLUMN_IDS),
  onlyDiffering: bool,
  ranges: arrayOf(text(1000), MAX_COLUMN_IDS),
});
const tableGrouping = object<TableGrouping>({
  by: oneOf(['none', 'commit', 'branch', 'param', 'parent']),
  key: optional(text(1000)),
  metric: optional(text(1000)),
});
/** The saved state is checked like a message: VS Code hands back whatever a webview once stored. */
export const runsTableState = object<RunsTableState>({
  filter: text(10_000),
  orderBy: arrayOf(text(1100), MAX_SORT_KEYS),
  sort: optional(arrayOf(object<TableSortKey>({ columnId: text(1000), ascending: bool }), MAX_SORT_KEYS)),
  columns: tableColumns,
  grouping: tableGrouping,
  flat: bool,
  showDeleted: bool,
  selection: arrayOf(id, MAX_TABLE_RUNS),
  recentFilters: arrayOf(text(10_000), 50),
  metricDirections: optional(recordOf(oneOf(['higher', 'lower']), MAX_COLUMN_IDS)),
});
const cssColor = text(100);

const runsTableHostChecks: { [K in RunsTableHostMessage['type']]: Check<Of<RunsTableHostMessage, K>> } = {
  'runsTable/init': object<Of<RunsTableHostMessage, 'runsTable/init'>>({
    type: literal('runsTable/init'),
    experiments: arrayOf(object<TableExperiment>({ id, name: str }), 10_000),
    state: optional(runsTableState),
    writable: bool,
    hasRepository: bool,
  }),
  'runsTable/rows': object<Of<RunsTableHostMessage, 'runsTable/rows'>>({
    type: literal('runsTable/rows'),
    generation: integer,
    rows: arrayOf(tableRow, MAX_TABLE_RUNS),
    loaded: integer,
    total: optional(integer),
    done: bool,
  }),
  'runsTable/update': object<Of<RunsTableHostMessage, 'runsTable/update'>>({
    type: literal('runsTable/update'),
    generation: integer,
    rows: arrayOf(tableRow, MAX_TABLE_RUNS),
  }),
  'runsTable/failed': object<Of<RunsTableHostMessage, 'runsTable/failed'>>({
    type: literal('runsTable/failed'),
    generation: integer,
    message: str,
  }),
  'runsTable/filterChecked': object<Of<RunsTableHostMessage, 'runsTable/filterChecked'>>({
    type: literal('runsTable/filterChecked'),
    filter: text(10_000),
    problem: optional(object<FilterProblem>({ message: str, start: optional(integer), end: optional(integer) })),
  }),
  'runsTable/metricRanges': object<Of<RunsTableHostMessage, 'runsTable/metricRanges'>>({
    type: literal('runsTable/metricRanges'),
    ranges: arrayOf(
      object<MetricRange>({
        runId: id,
        key: text(1000),
        min: wireNumber,
        max: wireNumber,
        minStep: finiteNumber,
        maxStep: finiteNumber,
      }),
    ),
  }),
  'runsTable/commits': object<Of<RunsTableHostMessage, 'runsTable/commits'>>({
    type: literal('runsTable/commits'),
    commits: arrayOf(
      object<TableCommit>({ sha: text(64), short: text(64), subject: str, onBranch: bool }),
      MAX_TABLE_RUNS,
    ),
    head: optional(text(64)),
  }),
  'runsTable/compared': object<Of<RunsTableHostMessage, 'runsTable/compared'>>({
    type: literal('runsTable/compared'),
    runIds: arrayOf(id, MAX_TABLE_RUNS),
    colors: recordOf(cssColor, MAX_TABLE_RUNS),
  }),
  themeChanged: object<Of<RunsTableHostMessage, 'themeChanged'>>({ type: literal('themeChanged') }),
};

/** A message from the host to the runs table, checked; undefined for anything else. */
export function parseRunsTableHostMessage(value: unknown): RunsTableHostMessage | undefined {
  return parseByType<RunsTableHostMessage>(runsTableHostChecks, value);
}

/**
 * The run commands a table selection may ask for: the sidebar's run command ids (the host checks the
 * id against this list and runs the same implementation the sidebar does), plus the table's own three.
 */
export const RUNS_TABLE_COMMANDS = [
  'compare',
  'diffCode',
  'openRun',
  'mlflow.run.copyId',
  'mlflow.run.copyCommitId',
  'mlflow.run.openInBrowser',
  'mlflow.run.rename',
  'mlflow.run.setTag',
  'mlflow.run.editDescription',
  'mlflow.run.delete',
  'mlflow.run.restore',
  'mlflow.git.checkOut',
  'mlflow.git.openSource',
  'mlflow.git.diffWithWorkingTree',
  'mlflow.git.createBranch',
  'mlflow.compare.addRuns',
] as const;
export type RunsTableCommand = (typeof RUNS_TABLE_COMMANDS)[number];

export type RunsTableWebviewMessage =
  | { type: 'runsTable/ready' }
  | { type: 'runsTable/query'; filter: string; orderBy: string[]; showDeleted: boolean }
  | { type: 'runsTable/retry' }
  | { type: 'runsTable/checkFilter'; filter: string }
  | { type: 'runsTable/metricRanges'; runIds: string[]; keys: string[] }
  | { type: 'runsTable/run'; command: RunsTableCommand; runIds: string[] }
  | { type: 'runsTable/diffCommits'; runIds: [string, string] }
  | { type: 'runsTable/saveState'; state: RunsTableState }
  | { type: 'runsTable/export'; fileName: string; text: string }
  | { type: 'runsTable/copy'; text: string }
  /** Give the table's current filter to the sidebar's run filter of each of its experiments. */
  | { type: 'runsTable/filterSidebar' }
  | { type: 'problem'; message: string };

const runsTableWebviewChecks: { [K in RunsTableWebviewMessage['type']]: Check<Of<RunsTableWebviewMessage, K>> } = {
  'runsTable/ready': object<Of<RunsTableWebviewMessage, 'runsTable/ready'>>({ type: literal('runsTable/ready') }),
  'runsTable/query': object<Of<RunsTableWebviewMessage, 'runsTable/query'>>({
    type: literal('runsTable/query'),
    filter: text(10_000),
    orderBy: arrayOf(text(1100), MAX_SORT_KEYS),
    showDeleted: bool,
  }),
  'runsTable/retry': object<Of<RunsTableWebviewMessage, 'runsTable/retry'>>({ type: literal('runsTable/retry') }),
  'runsTable/checkFilter': object<Of<RunsTableWebviewMessage, 'runsTable/checkFilter'>>({
    type: literal('runsTable/checkFilter'),
    filter: text(10_000),
  }),
  'runsTable/metricRanges': object<Of<RunsTableWebviewMessage, 'runsTable/metricRanges'>>({
    type: literal('runsTable/metricRanges'),
    runIds: arrayOf(id, MAX_TABLE_RUNS),
    keys: arrayOf(text(1000), 1000),
  }),
  'runsTable/run': object<Of<RunsTableWebviewMessage, 'runsTable/run'>>({
    type: literal('runsTable/run'),
    command: oneOf(RUNS_TABLE_COMMANDS),
    runIds: arrayOf(id, MAX_TABLE_RUNS),
  }),
  'runsTable/diffCommits': (value): value is Of<RunsTableWebviewMessage, 'runsTable/diffCommits'> =>
    object<{ type: 'runsTable/diffCommits'; runIds: string[] }>({
      type: literal('runsTable/diffCommits'),
      runIds: arrayOf(id, 2),
    })(value) && value.runIds.length === 2,
  'runsTable/saveState': object<Of<RunsTableWebviewMessage, 'runsTable/saveState'>>({
    type: literal('runsTable/saveState'),
    state: runsTableState,
  }),
  'runsTable/export': object<Of<RunsTableWebviewMessage, 'runsTable/export'>>({
    type: literal('runsTable/export'),
    fileName: text(200),
    text: text(MAX_SAVED_FILE_CHARS),
  }),
  'runsTable/copy': object<Of<RunsTableWebviewMessage, 'runsTable/copy'>>({
    type: literal('runsTable/copy'),
    text: text(MAX_SAVED_FILE_CHARS),
  }),
  'runsTable/filterSidebar': object<Of<RunsTableWebviewMessage, 'runsTable/filterSidebar'>>({
    type: literal('runsTable/filterSidebar'),
  }),
  problem: object<Of<RunsTableWebviewMessage, 'problem'>>({ type: literal('problem'), message: text(10_000) }),
};

/** A message from the runs table webview, checked; undefined for an unknown type or a bad shape. */
export function parseRunsTableWebviewMessage(value: unknown): RunsTableWebviewMessage | undefined {
  return parseByType<RunsTableWebviewMessage>(runsTableWebviewChecks, value);
}

/** What the runs table keeps across a window reload (VS Code hands it to the panel serializer). */
export interface RunsTablePanelState {
  experimentIds: string[];
  state?: RunsTableState;
}

/** The state a runs table serializer was given, checked; undefined when it is not one of ours. */
export function parseRunsTablePanelState(value: unknown): RunsTablePanelState | undefined {
  const check = object<RunsTablePanelState>({
    experimentIds: arrayOf(id, 1000),
    state: optional(runsTableState),
  });
  if (!check(value) || value.experimentIds.length === 0) return undefined;
  return { experimentIds: [...new Set(value.experimentIds)], state: value.state };
}
