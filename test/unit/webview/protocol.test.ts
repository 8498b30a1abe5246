import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_SAVED_FILE_CHARS,
  parseHostMessage,
  parsePanelState,
  parseWebviewMessage,
} from '../../../src/webview/protocol';
import type { WebviewMessage } from '../../../src/webview/protocol';

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
