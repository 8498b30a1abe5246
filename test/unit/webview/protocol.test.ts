import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_SAVED_FILE_CHARS,
  parseHostMessage,
  parsePanelState,
  parseWebviewMessage,
} from '../../../src/webview/protocol';
import type { HostMessage, MetricSeries, RunDetails, RunView, WebviewMessage } from '../../../src/webview/protocol';

const valid: WebviewMessage[] = [
  { type: 'ready' },
  { type: 'requestMetricHistory', requestId: 'r1', metricKey: 'loss', maxPoints: 2500 },
  {
    type: 'requestMetricHistory',
    requestId: 'r2',
    metricKey: 'loss',
    maxPoints: 2500,
    range: { startStep: 10, endStep: 20 },
  },
  { type: 'requestCodeDiff', requestId: 'd1', fromRunId: 'a', toRunId: 'b' },
  { type: 'openSource', linkId: 'source-1' },
  { type: 'openDiff', fileId: 'file-1' },
  { type: 'openRun', runId: 'abc' },
  { type: 'removeRun', runId: 'abc' },
  { type: 'saveFile', format: 'csv', name: 'params.csv', content: 'a,b\r\n' },
  { type: 'listArtifacts', dirId: 'dir-1' },
  { type: 'previewArtifact', artifactId: 'artifact-1' },
  { type: 'downloadArtifact', artifactId: 'artifact-1' },
  { type: 'openArtifact', artifactId: 'artifact-1' },
  { type: 'openLink', url: 'https://mlflow.org' },
  { type: 'problem', message: 'chart failed' },
];

test('every message a webview may send is accepted as sent', () => {
  for (const message of valid)
    assert.deepEqual(parseWebviewMessage(JSON.parse(JSON.stringify(message))), message, message.type);
});

test('unknown types, missing or mistyped fields, and inherited types are refused', () => {
  const refused: unknown[] = [
    undefined,
    null,
    'ready',
    [],
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: 'openFile', path: '/etc/passwd' },
    { type: 'toString' },
    { type: 'constructor' },
    { type: 'requestMetricHistory', requestId: 'r1', metricKey: 'loss' },
    { type: 'requestMetricHistory', requestId: 'r1', metricKey: 'loss', maxPoints: 1.5 },
    {
      type: 'requestMetricHistory',
      requestId: 'r1',
      metricKey: 'loss',
      maxPoints: 10,
      range: { startStep: 'a', endStep: 2 },
    },
    { type: 'openRun', runId: '' },
    { type: 'openRun', runId: 'x'.repeat(257) },
    { type: 'openRun', runId: 42 },
    { type: 'saveFile', format: 'exe', name: 'x', content: '' },
    { type: 'saveFile', format: 'csv', name: 'x', content: 'x'.repeat(MAX_SAVED_FILE_CHARS + 1) },
    Object.create({ type: 'ready' }) as unknown,
  ];
  for (const message of refused)
    assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message)?.slice(0, 80));
});

test('host messages are checked in the webview too: series columns must line up', () => {
  const series = { steps: [0, 1], timestamps: [5, 6], values: [1, 'NaN'], sampled: false };
  assert.ok(parseHostMessage({ type: 'metricHistory', requestId: 'r', metricKey: 'loss', series: { run: series } }));
  assert.equal(
    parseHostMessage({
      type: 'metricHistory',
      requestId: 'r',
      metricKey: 'loss',
      series: { run: { ...series, steps: [0] } },
    }),
    undefined,
  );
  assert.equal(
    parseHostMessage({
      type: 'metricHistory',
      requestId: 'r',
      metricKey: 'loss',
      series: { run: { ...series, values: [1, 'nan'] } },
    }),
    undefined,
  );
  assert.ok(
    parseHostMessage({
      type: 'codeDiff',
      requestId: 'd',
      diff: { kind: 'sameCommit', fromRunId: 'a', toRunId: 'b', message: 'same' },
    }),
  );
  assert.equal(
    parseHostMessage({
      type: 'codeDiff',
      requestId: 'd',
      diff: { kind: 'other', fromRunId: 'a', toRunId: 'b', message: '' },
    }),
    undefined,
  );
  assert.ok(parseHostMessage({ type: 'themeChanged' }));
});

test('a restored panel state: run ids deduplicated; anything else is not ours', () => {
  assert.deepEqual(parsePanelState({ runIds: ['a', 'b', 'a'], baselineRunId: 'b' }), {
    runIds: ['a', 'b'],
    baselineRunId: 'b',
  });
  assert.equal(parsePanelState({ runIds: 'a' }), undefined);
  assert.equal(parsePanelState({ runIds: [''] }), undefined);
  assert.equal(parsePanelState(undefined), undefined);
  assert.equal(parsePanelState({ runIds: Array.from({ length: 501 }, (_, i) => `r${i}`) }), undefined);
});

const run: RunView = {
  runId: 'run-1',
  name: 'best-so-far',
  status: 'FINISHED',
  user: 'ana',
  startTime: 1_764_000_000_000,
  endTime: 1_764_000_200_000,
  experimentId: '1',
  experimentName: 'demo',
  deleted: false,
  commit: '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf',
  branch: 'main',
  sourceName: 'train.py',
  params: { lr: '0.01' },
  metrics: {
    loss: { value: 0.25, step: 9, timestamp: 1_764_000_100_000 },
    grad: { value: 'Infinity', step: 9, timestamp: 1_764_000_100_000 },
  },
  tags: { 'mlflow.runName': 'best-so-far' },
};
const details: RunDetails = {
  ...run,
  artifactUri: 's3://bucket/1/run-1/artifacts',
  parent: { runId: 'parent-1', name: 'sweep' },
  children: [{ runId: 'child-1', name: 'trial 1' }],
  moreChildren: true,
  datasets: [{ name: 'train', digest: 'abc', sourceType: 'local', source: 'data.csv', context: 'training' }],
  models: [{ modelId: 'm-1', step: 9 }],
};
const series: MetricSeries = { steps: [0, 1], timestamps: [5, 6], values: [1, 'NaN'], sampled: false };

/** One valid message of each type the host sends: a type missing here does not compile. */
const validHost: { [K in HostMessage['type']]: Extract<HostMessage, { type: K }> } = {
  compareData: { type: 'compareData', runs: [run], problems: ['one run could not be read'] },
  runData: { type: 'runData', run: details, description: '**AdamW**' },
  metricHistory: {
    type: 'metricHistory',
    requestId: 'r1',
    metricKey: 'loss',
    range: { startStep: 0, endStep: 1 },
    series: { 'run-1': series },
  },
  metricHistoryFailed: { type: 'metricHistoryFailed', requestId: 'r1', metricKey: 'loss', message: 'timed out' },
  codeInfo: {
    type: 'codeInfo',
    runs: [
      { runId: 'run-1', commit: '9b64e09', branch: 'main', sourceName: 'train.py', sourceLinkId: 'source-1' },
      { runId: 'run-2', problem: 'no git commit tag' },
    ],
  },
  codeDiff: {
    type: 'codeDiff',
    requestId: 'd1',
    diff: {
      kind: 'changes',
      fromRunId: 'run-1',
      toRunId: 'run-2',
      message: '2 files changed',
      files: [
        { fileId: 'file-1', path: 'train.py', status: 'modified' },
        { fileId: 'file-2', path: 'model.py', oldPath: 'net.py', status: 'renamed' },
      ],
    },
  },
  artifacts: {
    type: 'artifacts',
    dirId: 'root',
    entries: [
      { artifactId: 'artifact-1', name: 'plots', path: 'plots', isDir: true },
      { artifactId: 'artifact-2', name: 'model.pkl', path: 'model.pkl', isDir: false, size: 1024 },
    ],
  },
  artifactsFailed: { type: 'artifactsFailed', dirId: 'dir-1', message: 'permission denied' },
  artifactPreview: {
    type: 'artifactPreview',
    artifactId: 'artifact-2',
    preview: { kind: 'text', format: 'json', text: '{}', truncated: false, size: 2 },
  },
  themeChanged: { type: 'themeChanged' },
  notice: { type: 'notice', level: 'error', message: 'The server refused the request.' },
};

test('every message the host may send (all 11 types) is accepted exactly as sent', () => {
  assert.equal(Object.keys(validHost).length, 11);
  for (const message of Object.values(validHost)) {
    const received: unknown = JSON.parse(JSON.stringify(message));
    assert.equal(parseHostMessage(received), received, message.type);
    assert.deepEqual(parseHostMessage(received), message, message.type);
  }
});

test('the other shapes of a host message are accepted too: the other diffs, previews and optional fields left out', () => {
  const others: HostMessage[] = [
    { type: 'codeDiff', requestId: 'd', diff: { kind: 'sameCommit', fromRunId: 'a', toRunId: 'b', message: 'same' } },
    { type: 'codeDiff', requestId: 'd', diff: { kind: 'unavailable', fromRunId: 'a', toRunId: 'b', message: 'gone' } },
    { type: 'artifactPreview', artifactId: 'a', preview: { kind: 'image', dataUri: 'data:image/png;base64,AA==' } },
    { type: 'artifactPreview', artifactId: 'a', preview: { kind: 'none', reason: 'binary file' } },
    { type: 'runData', run: { ...details, parent: undefined, children: [], datasets: [], models: [] } },
    { type: 'metricHistory', requestId: 'r', metricKey: 'loss', series: {} },
    { type: 'compareData', runs: [], problems: [] },
    { type: 'notice', level: 'info', message: '' },
  ];
  for (const message of others) {
    const received: unknown = JSON.parse(JSON.stringify(message));
    assert.deepEqual(parseHostMessage(received), received, JSON.stringify(message).slice(0, 80));
  }
});

test('near-misses of each host message are refused', () => {
  const { compareData, runData, metricHistory, codeInfo, codeDiff, artifacts, artifactPreview } = validHost;
  const nearMisses: [string, unknown][] = [
    ['unknown type', { type: 'runCommand', command: 'x' }],
    ['inherited type', Object.create(validHost.themeChanged) as unknown],
    ['a webview message sent back', { type: 'ready' }],
    ['compareData without problems', { type: 'compareData', runs: [run] }],
    ['compareData with a run id of 257 chars', { ...compareData, runs: [{ ...run, runId: 'r'.repeat(257) }] }],
    ['compareData with an unknown status', { ...compareData, runs: [{ ...run, status: 'DONE' }] }],
    [
      'compareData with a NaN metric as a number',
      { ...compareData, runs: [{ ...run, metrics: { l: { value: Number.NaN, step: 0, timestamp: 0 } } }] },
    ],
    [
      'compareData with a metric spelled "nan"',
      { ...compareData, runs: [{ ...run, metrics: { l: { value: 'nan', step: 0, timestamp: 0 } } }] },
    ],
    ['compareData with a numeric param', { ...compareData, runs: [{ ...run, params: { lr: 0.01 } }] }],
    ['runData without moreChildren', { ...runData, run: { ...details, moreChildren: undefined } }],
    ['runData with a child without id', { ...runData, run: { ...details, children: [{ name: 'x' }] } }],
    ['runData with a description that is not text', { ...runData, description: 42 }],
    ['metricHistory with a range of text', { ...metricHistory, range: { startStep: '0', endStep: 1 } }],
    ['metricHistory with columns of unequal length', { ...metricHistory, series: { r: { ...series, steps: [0] } } }],
    ['metricHistory without sampled', { ...metricHistory, series: { r: { steps: [], timestamps: [], values: [] } } }],
    ['metricHistoryFailed without message', { type: 'metricHistoryFailed', requestId: 'r1', metricKey: 'loss' }],
    ['codeInfo with an empty link id', { ...codeInfo, runs: [{ runId: 'run-1', sourceLinkId: '' }] }],
    [
      'codeDiff of an unknown kind',
      { ...codeDiff, diff: { kind: 'other', fromRunId: 'a', toRunId: 'b', message: '' } },
    ],
    [
      'codeDiff with a file of unknown status',
      { ...codeDiff, diff: { ...codeDiff.diff, files: [{ fileId: 'f', path: 'p', status: 'gone' }] } },
    ],
    [
      'codeDiff of changes without files',
      { ...codeDiff, diff: { kind: 'changes', fromRunId: 'a', toRunId: 'b', message: '' } },
    ],
    ['artifacts with a 257-char folder id', { ...artifacts, dirId: 'd'.repeat(257) }],
    ['artifacts with an entry without isDir', { ...artifacts, entries: [{ artifactId: 'a', name: 'n', path: 'p' }] }],
    ['artifactsFailed without dirId', { type: 'artifactsFailed', message: 'x' }],
    [
      'artifactPreview of an unknown format',
      { ...artifactPreview, preview: { kind: 'text', format: 'html', text: '', truncated: false } },
    ],
    ['artifactPreview of an image without data', { ...artifactPreview, preview: { kind: 'image' } }],
    ['notice of an unknown level', { type: 'notice', level: 'warning', message: 'x' }],
  ];
  for (const [why, message] of nearMisses) assert.equal(parseHostMessage(message), undefined, why);
});
