// The run panel's bundle in Chromium under the panel's real CSP, fed recorded runs and their
// artifacts as the host feeds them (the host's own conversion and preview functions).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { previewArtifact } from '../../src/extension/runPanel/artifactPreview';
import { runFamily, toRunDetails } from '../../src/extension/runPanel/runDetails';
import type { FileInfo } from '../../src/extension/tracking/model';
import { SystemTags } from '../../src/extension/tracking/model';
import type { ArtifactEntry, HostMessage } from '../../src/webview/protocol';
import { FixtureRuns, fixtureRunIds as ids } from './support/fixtureRuns';
import { box, characterLefts, computedStyle, isClipped, leftToRight, textLines } from './support/geometry';
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

/** The run panel on a recorded run, with a host that answers listings and previews from the store. */
class RunPanelHost {
  private readonly files = new Map<string, FileInfo>([['root', { path: '', isDir: true }]]);
  private counter = 0;
  private handled = 0;

  private constructor(
    readonly webview: WebviewPage,
    readonly runId: string,
  ) {}

  static async open(runId: string): Promise<RunPanelHost> {
    const webview = await harness.open('run');
    const host = new RunPanelHost(webview, runId);
    const run = await fixtures.store.getRun(runId);
    const experiment = await fixtures.store.getExperiment(run.info.experimentId);
    const description = run.data.tags[SystemTags.note];
    await webview.send({
      type: 'runData',
      run: toRunDetails(run, experiment.name, await runFamily(fixtures.store, run)),
      ...(description ? { description } : {}),
    });
    await host.list('root');
    return host;
  }

  async list(dirId: string): Promise<void> {
    const folder = this.files.get(dirId)!;
    const entries: ArtifactEntry[] = (await fixtures.store.listArtifacts(this.runId, folder.path || undefined)).map(
      (info) => {
        const artifactId = `artifact-${++this.counter}`;
        this.files.set(artifactId, info);
        return {
          artifactId,
          name: info.path.slice(info.path.lastIndexOf('/') + 1),
          path: info.path,
          isDir: info.isDir,
          ...(info.fileSize === undefined ? {} : { size: info.fileSize }),
        };
      },
    );
    await this.webview.send({ type: 'artifacts', dirId, entries });
  }

  /** Answers what the webview asked since the last call (listings, previews, histories). */
  async answer(): Promise<void> {
    const posted = await this.webview.posted();
    for (const message of posted.slice(this.handled)) {
      if (message.type === 'listArtifacts') await this.list(String(message.dirId));
      if (message.type === 'previewArtifact') {
        const file = this.files.get(String(message.artifactId))!;
        const reply: HostMessage = {
          type: 'artifactPreview',
          artifactId: String(message.artifactId),
          preview: await previewArtifact(fixtures.store, this.runId, file.path, file.fileSize),
        };
        await this.webview.send(reply);
      }
      if (message.type === 'requestMetricHistory') {
        const key = String(message.metricKey);
        await this.webview.send({
          type: 'metricHistory',
          requestId: String(message.requestId),
          metricKey: key,
          series: await fixtures.series([this.runId], key, Number(message.maxPoints)),
        });
      }
    }
    this.handled = posted.length;
  }

  fileId(path: string): string {
    return [...this.files].find(([, info]) => info.path === path)![0];
  }
}

test('a recorded run: overview, its description as sanitised markdown, params, metrics with small charts, tags', async () => {
  const host = await RunPanelHost.open(ids.bestSoFar);
  const page = host.webview.page;
  assert.equal((await host.webview.posted())[0]?.type, 'ready');
  assert.equal(await page.locator('h1 > span').first().textContent(), 'best-so-far');
  const overview = await page.locator('.overview table.kv tr').allTextContents();
  const recorded = await fixtures.store.getRun(ids.bestSoFar);
  const experiment = await fixtures.store.getExperiment(recorded.info.experimentId);
  assert.equal(
    overview.find((row) => row.startsWith('Commit')),
    `Commit${recorded.data.tags[SystemTags.gitCommit]}`,
  );
  assert.equal(experiment.name, 'demo-classifier');
  assert.equal(
    overview.find((row) => row.startsWith('Experiment')),
    `Experiment${experiment.name} (${experiment.experimentId})`,
  );
  assert.equal(await page.locator('.markdown strong').textContent(), 'AdamW');
  assert.equal(await page.locator('.markdown code').textContent(), 'plots/');
  const run = await fixtures.store.getRun(ids.bestSoFar);
  const keys = Object.keys(run.data.metrics).sort();
  assert.deepEqual(await page.locator('table.metrics-list tbody th').allTextContents(), keys);
  for (let i = 0; i < 20 && (await page.locator('td.sparkline canvas').count()) < keys.length; i++) {
    await host.answer();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await page.locator('td.sparkline canvas').count(), keys.length, 'one small chart per metric');
  assert.deepEqual(await host.webview.problems(), []);
  await host.webview.close();
});

test('a description with HTML in it (recorded): the markup is shown as text, nothing is created from it', async () => {
  const host = await RunPanelHost.open(ids.imgName);
  const page = host.webview.page;
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  assert.equal(await page.locator('h1 > span').first().textContent(), '<img src=x onerror=alert(1)>');
  const markdown = page.locator('.markdown');
  assert.equal(await markdown.locator('h1').textContent(), 'Notes');
  assert.equal(await markdown.locator('strong').textContent(), 'bold');
  const text = (await markdown.textContent()) ?? '';
  assert.ok(
    text.includes("<img src=x onerror=alert('note')>") && text.includes('<script>alert("note")</script>'),
    text,
  );
  assert.equal(await markdown.locator('pre code').textContent(), "print('hi')");
  assert.equal(await page.locator('#app img, #app script').count(), 0);
  await page.waitForTimeout(200);
  assert.equal(dialogs, 0);
  await host.webview.close();
});

test('links in a description: web links open through the host, others stay text', async () => {
  const webview = await harness.open('run');
  const run = await fixtures.store.getRun(ids.bestSoFar);
  const description =
    'Docs: [MLflow](https://mlflow.org/docs) and [evil](javascript:alert(1)) and [file](file:///etc/passwd)';
  await webview.send({
    type: 'runData',
    run: toRunDetails(run, 'demo-classifier', { children: [], moreChildren: false }),
    description,
  });
  const links = webview.page.locator('.markdown a');
  assert.equal(await links.count(), 1);
  assert.equal(await links.getAttribute('href'), null, 'no href: nothing navigates inside the webview');
  await links.click();
  await webview.waitForPosted('openLink', (message) => message.url === 'https://mlflow.org/docs');
  assert.ok(((await webview.page.locator('.markdown').textContent()) ?? '').includes('[evil](javascript:alert(1))'));
  await webview.close();
});

test('parent and children are links that ask the host to open them', async () => {
  const host = await RunPanelHost.open(ids.sweepParent);
  const children = host.webview.page.locator('.run-links a');
  assert.equal(await children.count(), 5);
  await children.first().click();
  const opened = await host.webview.waitForPosted('openRun');
  const family = await runFamily(fixtures.store, await fixtures.store.getRun(ids.sweepParent));
  assert.equal(opened.runId, family.children[0]!.runId, 'the first child link opens the first child');
  await host.webview.close();
});

test('another run sent to the same page (a preview panel reused): it replaces the last run, its notices and scroll position', async () => {
  const host = await RunPanelHost.open(ids.bestSoFar);
  const page = host.webview.page;
  await host.webview.send({
    type: 'notice',
    level: 'error',
    message: 'Listing plots/ failed: the server answered 503',
  });
  await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
  assert.ok((await page.evaluate<number>('window.scrollY')) > 0, 'the run is taller than the page, so it scrolled');
  const next = await fixtures.store.getRun(ids.sweepParent);
  const experiment = await fixtures.store.getExperiment(next.info.experimentId);
  await host.webview.send({
    type: 'runData',
    run: toRunDetails(next, experiment.name, await runFamily(fixtures.store, next)),
  });
  assert.equal(await page.locator('h1 > span').first().textContent(), next.info.runName);
  assert.equal(await page.locator('.notices .notice').count(), 0, "the last run's notice went with it");
  assert.equal(await page.evaluate<number>('window.scrollY'), 0);
  assert.equal(await page.locator('.markdown').count(), 0, "the last run's description is gone");
  assert.deepEqual(await host.webview.state(), { runIds: [ids.sweepParent] });
  // The same run sent again (the store changed) keeps the reader where they were.
  await host.webview.send({ type: 'notice', level: 'error', message: 'still here' });
  await host.webview.send({
    type: 'runData',
    run: toRunDetails(next, experiment.name, await runFamily(fixtures.store, next)),
  });
  assert.equal(await page.locator('.notices .notice').count(), 1);
  assert.deepEqual(await host.webview.problems(), []);
  await host.webview.close();
});

test('artifacts: the tree is listed a folder at a time; previews of a PNG, MLmodel, JSON and CSV; actions name ids only', async () => {
  const host = await RunPanelHost.open(ids.bestSoFar);
  const page = host.webview.page;
  assert.deepEqual(await page.locator('.artifact-tree > li > .artifact-row .artifact-name').allTextContents(), [
    'model',
    'plots',
    'metrics.json',
    'notes.txt',
  ]);
  await page.locator('.artifact-name', { hasText: 'plots' }).click();
  const listed = await host.webview.waitForPosted('listArtifacts');
  assert.equal(listed.dirId, host.fileId('plots'));
  await host.answer();
  await page.locator('.artifact-name', { hasText: 'loss_curve.png' }).click();
  await host.webview.waitForPosted('previewArtifact');
  await host.answer();
  const image = page.locator('.preview img');
  await image.waitFor();
  assert.match((await image.getAttribute('src')) ?? '', /^data:image\/png;base64,iVBORw0KGgo/);
  assert.ok(
    (await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth)) > 0,
    'the image decodes',
  );
  await page.locator('.artifact-name', { hasText: 'model' }).first().click();
  await host.webview.waitForPosted('listArtifacts', (message) => message.dirId === host.fileId('model'));
  await host.answer();
  await page.locator('.artifact-name', { hasText: 'MLmodel' }).click();
  await host.webview.waitForPosted('previewArtifact', (message) => message.artifactId === host.fileId('model/MLmodel'));
  await host.answer();
  await page.locator('.preview pre.mlmodel').waitFor();
  assert.match((await page.locator('.preview pre').textContent()) ?? '', /flavors:/);
  await page.locator('.artifact-name', { hasText: 'metrics.json' }).click();
  await host.webview.waitForPosted('previewArtifact', (message) => message.artifactId === host.fileId('metrics.json'));
  await host.answer();
  await page.locator('.preview pre.json').waitFor();
  const json = (await page.locator('.preview pre').textContent()) ?? '';
  assert.equal(json, JSON.stringify(JSON.parse(json), null, 2), 'pretty-printed');
  const row = page.locator('.artifact-row', { has: page.locator('.artifact-name', { hasText: 'metrics.json' }) });
  await row.getByRole('button', { name: 'Open in Editor: metrics.json' }).click();
  await host.webview.waitForPosted('openArtifact', (message) => message.artifactId === host.fileId('metrics.json'));
  await row.getByRole('button', { name: 'Download…: metrics.json' }).click();
  await host.webview.waitForPosted('downloadArtifact', (message) => message.artifactId === host.fileId('metrics.json'));
  await page.locator('vscode-button', { hasText: 'Download All…' }).click();
  await host.webview.waitForPosted('downloadArtifact', (message) => message.artifactId === 'root');
  for (const message of await host.webview.posted()) assert.ok(!('path' in message), `${message.type} names no path`);
  assert.deepEqual(await host.webview.problems(), []);
  await host.webview.close();
});

test('odd artifacts: an HTML page previews as text, a CSV as a table, a binary file says so, a deep path opens folder by folder', async () => {
  const host = await RunPanelHost.open(ids.artifactZoo);
  const page = host.webview.page;
  const preview = async (name: string, path: string): Promise<void> => {
    await page.locator('.artifact-name', { hasText: name }).first().click();
    await host.webview.waitForPosted('previewArtifact', (message) => message.artifactId === host.fileId(path));
    await host.answer();
  };
  await preview('page.html', 'page.html');
  await page.locator('.preview pre').waitFor();
  assert.equal(
    (await page.locator('.preview pre').textContent())?.trim(),
    "<html><body><script>alert('artifact')</script></body></html>",
  );
  assert.equal(await page.locator('#app script, #app iframe').count(), 0);
  await preview('data.csv', 'data.csv');
  await page.locator('.preview table.csv-preview').waitFor();
  assert.deepEqual(await page.locator('.preview table.csv-preview thead th').allTextContents(), ['x', 'y']);
  assert.deepEqual(await page.locator('.preview table.csv-preview tbody tr').first().locator('td').allTextContents(), [
    '0',
    '0',
  ]);
  for (const folder of ['a', 'b', 'c', 'd', 'e']) {
    await page.locator('.artifact-name', { hasText: new RegExp(`^${folder}$`) }).click();
    await host.webview.waitForPosted(
      'listArtifacts',
      (message) =>
        message.dirId ===
        host.fileId(['a', 'b', 'c', 'd', 'e'].slice(0, ['a', 'b', 'c', 'd', 'e'].indexOf(folder) + 1).join('/')),
    );
    await host.answer();
  }
  await preview('deep.txt', 'a/b/c/d/e/deep.txt');
  await page.locator('.preview pre').waitFor();
  await page.locator('.artifact-name', { hasText: 'blobs' }).click();
  await host.webview.waitForPosted('listArtifacts', (message) => message.dirId === host.fileId('blobs'));
  await host.answer();
  await preview('random.bin', 'blobs/random.bin');
  assert.match((await page.locator('.preview .notice').textContent()) ?? '', /not text/);
  assert.deepEqual(await host.webview.problems(), []);
  await host.webview.close();
});

test('artifact names stay readable at 1400 and 400 pixels (issue 10.10): the name gets the row, the actions show on hover, focus and selection', async () => {
  const host = await RunPanelHost.open(ids.bestSoFar);
  const page = host.webview.page;
  await page.locator('.artifact-name', { hasText: 'plots' }).click();
  await host.webview.waitForPosted('listArtifacts', (message) => message.dirId === host.fileId('plots'));
  await host.answer();
  const name = page.locator('.artifact-name', { hasText: 'loss_curve.png' });
  await name.click();
  const row = page.locator('.artifact-row', { has: name });
  for (const width of [1400, 400]) {
    await page.setViewportSize({ width, height: 900 });
    // Selected (its actions shown), then hovered and focused: the name is never cut.
    assert.ok((await box(name)).width >= 120, `at ${width}px the name is ${(await box(name)).width}px wide`);
    assert.equal(await isClipped(name), false, `at ${width}px the name is not cut`);
    assert.equal(await name.textContent(), 'loss_curve.png');
    const actions = await box(row.locator('.artifact-actions'));
    const label = await box(name);
    assert.ok(label.x + label.width <= actions.x, 'the actions sit beside the name, not over it');
    for (const other of await page.locator('.artifact-row.file .artifact-name').all())
      assert.equal(await isClipped(other), false, `${await other.textContent()} at ${width}px`);
  }
  // By keyboard: the name takes focus, then its actions, each a button with a name.
  await page.locator('.artifact-name', { hasText: 'notes.txt' }).focus();
  const notesRow = page.locator('.artifact-row', { has: page.locator('.artifact-name', { hasText: 'notes.txt' }) });
  assert.equal(await computedStyle(notesRow.locator('.artifact-actions'), 'visibility'), 'visible');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement.getAttribute("aria-label")'), 'Open in Editor: notes.txt');
  await page.keyboard.press('Enter');
  await host.webview.waitForPosted('openArtifact', (message) => message.artifactId === host.fileId('notes.txt'));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await host.webview.waitForPosted('downloadArtifact', (message) => message.artifactId === host.fileId('notes.txt'));
  // Rows neither hovered, focused nor selected keep their actions out of sight.
  await page.mouse.move(0, 0);
  const metricsRow = page.locator('.artifact-row', {
    has: page.locator('.artifact-name', { hasText: 'metrics.json' }),
  });
  assert.equal(await computedStyle(metricsRow.locator('.artifact-actions'), 'visibility'), 'hidden');
  assert.deepEqual(await host.webview.problems(), []);
  await host.webview.close();
});

test('a 6,000-character run name in the run panel (issue 14.5): one line with an ellipsis, the full name on hover', async () => {
  const webview = await harness.open('run');
  const run = await fixtures.store.getRun(ids.bestSoFar);
  const long = `run-${'abcdefghij'.repeat(600)}`;
  await webview.send({
    type: 'runData',
    run: { ...toRunDetails(run, 'demo-classifier', { children: [], moreChildren: false }), name: long },
  });
  const title = webview.page.locator('h1 > span').first();
  for (const width of [1000, 400]) {
    await webview.page.setViewportSize({ width, height: 900 });
    assert.equal(await textLines(title), 1);
    assert.ok(await isClipped(title), 'cut');
    assert.equal(await computedStyle(title, 'text-overflow'), 'ellipsis');
    assert.ok((await box(webview.page.locator('h1'))).width <= width, 'the heading fits the panel');
    assert.equal((await box(webview.page.locator('h1 > .badge'))).width > 40, true, 'the status badge keeps its width');
  }
  assert.equal(await title.getAttribute('title'), long);
  await webview.close();
});

test('right-to-left overrides in a run name, a child run and the description (issue 14.5): shown as visible controls, nothing after them is reversed', async () => {
  const webview = await harness.open('run');
  const run = await fixtures.store.getRun(ids.sweepParent);
  const family = await runFamily(fixtures.store, run);
  const children = family.children.map((child, index) => ({
    ...child,
    name: index === 0 ? 'child\u202E-one' : `child-${index}`,
  }));
  const details = toRunDetails(run, 'demo-classifier', { ...family, children });
  await webview.send({
    type: 'runData',
    run: { ...details, name: '\u202Etxt.exe' },
    description: 'Trained by \u202Eevil and then *more* text',
  });
  const page = webview.page;
  const title = page.locator('h1 > span').first();
  assert.ok(leftToRight(await characterLefts(title)));
  assert.equal(await title.textContent(), '<U+202E>txt.exe');
  // The override in the first child's name would reverse the list after it.
  const second = page.locator('.run-links a').nth(1);
  assert.ok(leftToRight(await characterLefts(second)), 'the next child reads left to right');
  assert.ok((await box(second)).x > (await box(page.locator('.run-links a').first())).x, 'and comes after the first');
  const paragraph = page.locator('.markdown p');
  assert.ok(leftToRight(await characterLefts(paragraph)));
  assert.equal(await paragraph.textContent(), 'Trained by <U+202E>evil and then more text');
  // A right-to-left name is isolated: it reads right to left without moving its neighbours.
  await webview.send({ type: 'runData', run: { ...details, name: 'ניסוי 3' } });
  await webview.waitUntil(`document.querySelector('h1 > span').textContent === 'ניסוי 3'`);
  assert.equal(await computedStyle(title, 'unicode-bidi'), 'isolate');
  assert.equal(await computedStyle(title, 'direction'), 'rtl');
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('images in a description (issue 14.6): shown as their alt text or "[image: url]", never fetched, never an empty link', async () => {
  const webview = await harness.open('run');
  const run = await fixtures.store.getRun(ids.bestSoFar);
  const requests: string[] = [];
  webview.page.on('request', (request) => requests.push(request.url()));
  const description =
    'Before ![](https://tracker.example.com/pixel.png) and ![loss curve](https://example.com/loss.png) and [](https://mlflow.org) after';
  await webview.send({
    type: 'runData',
    run: toRunDetails(run, 'demo-classifier', { children: [], moreChildren: false }),
    description,
  });
  const markdown = webview.page.locator('.markdown');
  await markdown.waitFor();
  assert.equal(
    await markdown.textContent(),
    'Before [image: https://tracker.example.com/pixel.png] and loss curve and https://mlflow.org after',
  );
  assert.equal(await markdown.locator('img').count(), 0);
  assert.deepEqual(await markdown.locator('a').allTextContents(), ['https://mlflow.org'], 'the one link has text');
  assert.deepEqual(
    requests.filter((url) => url.includes('example.com')),
    [],
    'nothing fetched',
  );
  await webview.close();
});

test('issue 14.6: a commit tag that is no commit id says so, and one that is missing says that; neither shows the tag as a commit', async () => {
  const run = await fixtures.store.getRun(ids.bestSoFar);
  const experiment = await fixtures.store.getExperiment(run.info.experimentId);
  const commitRow = async (commitTag: string | undefined): Promise<string> => {
    const tags: Record<string, string> = { ...run.data.tags };
    if (commitTag === undefined) delete tags[SystemTags.gitCommit];
    else tags[SystemTags.gitCommit] = commitTag;
    const webview = await harness.open('run');
    await webview.send({
      type: 'runData',
      run: toRunDetails({ ...run, data: { ...run.data, tags } }, experiment.name, {
        children: [],
        moreChildren: false,
      }),
    });
    const rows = await webview.page.locator('.overview table.kv tr').allTextContents();
    await webview.close();
    return rows.find((row) => row.startsWith('Commit')) ?? '';
  };
  assert.equal(await commitRow('--upload-pack=touch /tmp/pwned'), 'Commitcommit tag is not a commit id');
  assert.equal(await commitRow('HEAD~1'), 'Commitcommit tag is not a commit id');
  assert.equal(await commitRow(undefined), 'Commitno git commit tag');
  assert.equal(
    await commitRow('9b64e09012181b8429b6d9ada9ecbcdf5c149ebf'),
    'Commit9b64e09012181b8429b6d9ada9ecbcdf5c149ebf',
  );
});

test('times a run does not have read as "—" in the overview; an impossible start too (the shared format module, panel spelling)', async () => {
  const run = await fixtures.store.getRun(ids.bestSoFar);
  const experiment = await fixtures.store.getExperiment(run.info.experimentId);
  const details = toRunDetails(run, experiment.name, { children: [], moreChildren: false });
  const timeRows = async (times: { startTime?: number; endTime?: number }): Promise<string[]> => {
    const { startTime: _start, endTime: _end, ...rest } = details;
    const webview = await harness.open('run');
    await webview.send({ type: 'runData', run: { ...rest, ...times, status: 'FINISHED' } });
    const rows = await webview.page.locator('.overview table.kv tr').allTextContents();
    await webview.close();
    return rows.filter((row) => /^(Start|End|Duration)/.test(row));
  };
  assert.deepEqual(await timeRows({}), ['Start—', 'End—', 'Duration—']);
  assert.deepEqual(await timeRows({ startTime: 1e20 }), ['Start—', 'End—', 'Duration0ms']);
  const start = new Date(2026, 0, 5, 7, 8, 9).getTime();
  assert.deepEqual(await timeRows({ startTime: start, endTime: start + 200_000 }), [
    'Start2026-01-05 07:08:09',
    'End2026-01-05 07:11:29',
    'Duration3m 20s',
  ]);
});
