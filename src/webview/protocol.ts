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
