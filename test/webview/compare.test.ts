// The compare panel's bundle in Chromium, fed the recorded runs as the host feeds them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunView } from '../../src/webview/protocol';
import { FixtureRuns, fixtureRunIds as ids } from './support/fixtureRuns';
import { WebviewHarness } from './support/webviewPage';
import type { WebviewPage } from './support/webviewPage';

let harness: WebviewHarness;
let fixtures: FixtureRuns;

before(async () => {
  harness = await WebviewHarness.start();
  fixtures = await FixtureRuns.open();
});
after(async () => {
  await harness?.stop();
  fixtures?.dispose();
});

async function openWith(runs: RunView[], state?: unknown): Promise<WebviewPage> {
  const webview = await harness.open('compare', { state });
  await webview.send({ type: 'compareData', runs, problems: [] });
  return webview;
}

/** Answers the webview's history requests from the fixture store, as the host does. */
async function serveHistories(webview: WebviewPage, runs: RunView[]): Promise<void> {
  const answered = new Set<string>();
  const keys = new Set(runs.flatMap((run) => Object.keys(run.metrics)));
  while (answered.size < keys.size) {
    const requests = (await webview.posted()).filter((m) => m.type === 'requestMetricHistory' && !answered.has(String(m.requestId)));
    for (const request of requests) {
      answered.add(String(request.requestId));
      const key = String(request.metricKey);
      const withMetric = runs.filter((run) => Object.hasOwn(run.metrics, key)).map((run) => run.runId);
      await webview.send({ type: 'metricHistory', requestId: String(request.requestId), metricKey: key, series: await fixtures.series(withMetric, key, Number(request.maxPoints)) });
    }
    if (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('the webview says ready first, then shows the recorded runs with no CSP violation', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum);
  const webview = await openWith(runs);
  const posted = await webview.posted();
  assert.equal(posted[0]?.type, 'ready');
  const names = await webview.page.locator('#runs .run-head .run-name').allTextContents();
  assert.deepEqual(names, ['baseline-adam', 'sgd-momentum']);
  await serveHistories(webview, runs);
  await webview.page.locator('#charts canvas').first().waitFor();
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});
