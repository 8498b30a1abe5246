// The runs table's bundle in Chromium under the panel's real CSP, fed 10,000 runs grown from the recorded
// `scale` experiment (support/scaleRows.ts) as the host streams them, with a fake VS Code API recording
// what the table posts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunsTableState, TableRow } from '../../src/webview/protocol';
import { fromWire } from '../../src/webview/protocol';
import { parseCsv } from '../../src/webview/shared/csv';
import { recordedScaleRows, scaleRows } from './support/scaleRows';
import { WebviewHarness } from './support/webviewPage';
import type { WebviewPage } from './support/webviewPage';

let harness: WebviewHarness;
let big: TableRow[];

before(async () => {
  harness = await WebviewHarness.start();
  big = scaleRows();
});
after(async () => {
  await harness?.stop();
});

const ATTRIBUTE_COLUMNS = ['Run Name', 'Start', 'Duration', 'User', 'Source', 'Commit', 'Branch'];
/** Tags shown as attribute columns instead (run name, user, source, commit, branch, parent). */
const ATTRIBUTE_TAGS = new Set([
  'mlflow.runName',
  'mlflow.user',
  'mlflow.source.name',
  'mlflow.source.git.commit',
  'mlflow.source.git.branch',
  'mlflow.parentRunId',
]);

async function openTable(
  options: {
    writable?: boolean;
    order?: string[];
    experiments?: { id: string; name: string }[];
    state?: Partial<RunsTableState>;
    theme?: 'dark' | 'light';
  } = {},
): Promise<WebviewPage> {
  const webview = await harness.open('runsTable', { theme: options.theme });
  await webview.send({
    type: 'runsTable/init',
    experiments: options.experiments ?? [{ id: '6', name: 'scale' }],
    writable: options.writable ?? true,
    hasRepository: true,
    state: {
      filter: '',
      orderBy: [],
      columns: { order: options.order ?? [], hidden: [], pinned: [], widths: {}, onlyDiffering: false, ranges: [] },
      grouping: { by: 'none' },
      flat: false,
      showDeleted: false,
      selection: [],
      recentFilters: [],
      ...options.state,
    },
  });
  return webview;
}

/** Streams `rows` as the host does, 1,000 a page. */
async function stream(webview: WebviewPage, rows: TableRow[], generation = 1, total = rows.length): Promise<void> {
  for (let start = 0; start < rows.length || start === 0; start += 1000) {
    const page = rows.slice(start, start + 1000);
    const loaded = start + page.length;
    await webview.send({ type: 'runsTable/rows', generation, rows: page, loaded, total, done: loaded >= rows.length });
    if (rows.length === 0) break;
  }
  await draw(webview);
}

async function draw(webview: WebviewPage): Promise<void> {
  await webview.page.evaluate('window.runsTable.drawNow()');
}

const grid = (webview: WebviewPage) => webview.page.locator('[role="grid"]');

async function attribute(webview: WebviewPage, selector: string, name: string): Promise<string | null> {
  return webview.page.locator(selector).first().getAttribute(name);
}

/** The run names of the drawn run lines, top to bottom. */
async function drawnNames(webview: WebviewPage): Promise<string[]> {
  return webview.page.evaluate(`[...document.querySelectorAll('.grid-canvas > .grid-row:not(.grid-header)')]
    .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
    .map((row) => row.querySelector('.grid-name .grid-text')?.textContent ?? '#' + row.textContent)`);
}

/** One attribute of every element `selector` matches, in document order. */
async function attributes(webview: WebviewPage, selector: string, name: string): Promise<(string | null)[]> {
  return webview.page.evaluate<(string | null)[]>(
    `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.getAttribute(${JSON.stringify(name)}))`,
  );
}

async function headerLabels(webview: WebviewPage): Promise<string[]> {
  return webview.page.locator('.grid-header .grid-head .grid-label').allTextContents();
}

function keysOf(rows: readonly TableRow[], kind: 'params' | 'metrics' | 'tags'): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row[kind])) keys.add(key);
  if (kind === 'tags') for (const key of ATTRIBUTE_TAGS) keys.delete(key);
  return [...keys].sort();
}

test('10,000 runs x (50 params, 30 metrics, 20 tags): progress while streaming, then every run and column counted, few drawn', async () => {
  assert.equal(big.length, 10_000);
  assert.equal(new Set(big.map((row) => row.runId)).size, 10_000);
  const params = keysOf(big, 'params');
  const metrics = keysOf(big, 'metrics');
  const tags = keysOf(big, 'tags');
  assert.deepEqual([params.length, metrics.length], [50, 30]);
  const webview = await openTable();
  await webview.send({
    type: 'runsTable/rows',
    generation: 1,
    rows: big.slice(0, 1000),
    loaded: 1000,
    total: 10_000,
    done: false,
  });
  await draw(webview);
  assert.equal(await webview.page.locator('.table-status').textContent(), 'Loading runs: 1,000 of 10,000');
  assert.equal(await grid(webview).getAttribute('aria-rowcount'), '1001');
  await stream(webview, big);
  assert.equal(await webview.page.locator('.table-status').textContent(), '10,000 runs');
  assert.equal(await grid(webview).getAttribute('aria-rowcount'), '10001');
  const columns = ATTRIBUTE_COLUMNS.length + params.length + metrics.length + tags.length;
  assert.equal(await grid(webview).getAttribute('aria-colcount'), String(columns + 1));
  // Virtualised: only the lines in view (plus overscan) exist, in store order from the first.
  const drawn = await drawnNames(webview);
  assert.ok(drawn.length > 10 && drawn.length < 60, `${drawn.length} lines drawn`);
  assert.deepEqual(
    drawn,
    big.slice(0, drawn.length).map((row) => row.runName),
  );
  const cells = await webview.page.locator('.grid-header [role="columnheader"]').count();
  assert.ok(cells < 30, `${cells} header cells drawn of ${columns + 1}`);
  // Scroll to the end: the last run is drawn with its row index.
  await webview.page.evaluate(
    `(() => { const g = document.querySelector('[role="grid"]'); g.scrollTop = g.scrollHeight; })()`,
  );
  await webview.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  await draw(webview);
  const end = await drawnNames(webview);
  assert.equal(end[end.length - 1], big[9_999]!.runName);
  assert.equal(await attribute(webview, `.grid-row[data-run-id="${big[9_999]!.runId}"]`, 'aria-rowindex'), '10001');
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

/**
 * How many pixels of the page in `area` differ from the area's first pixel by more than a text's
 * anti-aliasing would (the screenshot decoded in the page itself: no image library in the tests).
 */
async function inkIn(
  webview: WebviewPage,
  area: { x: number; y: number; width: number; height: number },
): Promise<number> {
  const png = (await webview.page.screenshot({ clip: area })).toString('base64');
  return webview.page.evaluate<number>(`(async () => {
    const bytes = Uint8Array.from(atob('${png}'), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4)
      if ([0, 1, 2].some((c) => Math.abs(data[i + c] - data[c]) > 48)) ink++;
    return ink;
  })()`);
}

/**
 * In the pinned cell at `pinnedSelector`, the part right of its own content (to 8 px short of its edge)
 * and the labels of the scrolled cells of the same line (`scrolledSelector`) that lie under that part.
 */
async function underPinned(
  webview: WebviewPage,
  pinnedSelector: string,
  scrolledSelector: string,
): Promise<{ area: { x: number; y: number; width: number; height: number }; under: string[]; hit: string }> {
  return webview.page.evaluate(`(() => {
    const cell = document.querySelector(${JSON.stringify(pinnedSelector)});
    const rect = cell.getBoundingClientRect();
    const contentRight = Math.max(...[...cell.children].filter((c) => !c.classList.contains('grid-resize')).map((c) => c.getBoundingClientRect().right));
    const area = { x: Math.ceil(contentRight) + 4, y: Math.ceil(rect.top) + 2, width: Math.floor(rect.right - contentRight) - 12, height: Math.floor(rect.height) - 4 };
    const under = [...document.querySelectorAll(${JSON.stringify(scrolledSelector)})]
      .filter((label) => { const r = label.getBoundingClientRect(); return r.width > 0 && r.left < area.x + area.width && r.right > area.x; })
      .map((label) => label.textContent);
    const hit = document.elementFromPoint(area.x + area.width / 2, area.y + area.height / 2);
    return { area, under, hit: hit.closest('[data-column]')?.getAttribute('aria-colindex') + ' ' + (hit.closest('.grid-pinned') ? 'pinned' : 'scrolled') };
  })()`);
}

test('scrolled right, sorted by a header click: the pinned Run Name header and pinned cells cover the scrolled cells under them', async () => {
  const webview = await openTable({ theme: 'light' });
  // A theme's hover colour is often translucent: VS Code's Light Modern hover turned the journey's white
  // header into 235 and the pinned part over it into 216 (8% black, twice), letting the labels under it show.
  await webview.page.evaluate(
    `document.documentElement.style.setProperty('--vscode-list-hoverBackground', 'rgba(0, 0, 0, 0.08)')`,
  );
  await stream(webview, recordedScaleRows().slice(0, 30));
  const grid = webview.page.getByRole('grid');
  const accuracy = grid.getByRole('columnheader', { name: 'accuracy', exact: true });
  while ((await accuracy.count()) === 0)
    await webview.page.evaluate(`document.querySelector('[role="grid"]').scrollLeft += 300`);
  // Sorted by a click (the mouse stays on the header: it is hovered), descending by a second one.
  await accuracy.click();
  await accuracy.click();
  assert.equal(await accuracy.getAttribute('aria-sort'), 'descending');
  // The optimizer column scrolled halfway under the pinned Run Name column.
  await webview.page.evaluate(`(() => {
    const grid = document.querySelector('[role="grid"]');
    const pinned = grid.querySelector('.grid-header .grid-pinned').getBoundingClientRect();
    const optimizer = grid.querySelector('.grid-header [aria-label="optimizer"]').getBoundingClientRect();
    grid.scrollLeft += optimizer.left - (pinned.right - 90);
  })()`);
  await draw(webview);
  const header = await underPinned(
    webview,
    '.grid-header [aria-label="Run Name"]',
    '.grid-header .grid-head:not([aria-colindex="2"]) .grid-label',
  );
  assert.ok(
    header.under.includes('optimizer'),
    `scrolled header labels under the pinned Run Name header: ${header.under.join(', ')}`,
  );
  assert.equal(header.hit, '2 pinned');
  assert.equal(await inkIn(webview, header.area), 0, 'nothing of the scrolled header shows through the pinned one');
  // A body line hovered: its pinned name cell covers its optimizer cell the same way.
  const line = '.grid-row[aria-rowindex="3"]';
  const name = await webview.page.locator(`${line} .grid-name`).boundingBox();
  await webview.page.mouse.move(name!.x + name!.width - 10, name!.y + name!.height / 2);
  const body = await underPinned(webview, `${line} .grid-name`, `${line} .grid-cell:not(.grid-name) .grid-text`);
  assert.ok(body.under.length > 0, 'a scrolled cell lies under the pinned name cell');
  assert.equal(body.hit, '2 pinned');
  assert.equal(await inkIn(webview, body.area), 0, 'nothing of the scrolled cell shows through the pinned one');
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

/**
 * The elements Chromium restyled while `action` ran in the page (the `elementCount` of its style recalcs,
 * from a trace), the page's layout clean before and forced after.
 */
async function restyledDuring(webview: WebviewPage, action: string): Promise<number> {
  const cdp = await webview.page.context().newCDPSession(webview.page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const events: { name: string; args?: { elementCount?: number; beginData?: { frame?: string } } }[] = [];
  // The protocol's type says string values; the trace's events hold numbers and objects too.
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as typeof events)));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await webview.page.evaluate('document.body.offsetHeight');
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  await webview.page.evaluate(`(async () => { await ${action}; document.body.offsetHeight; })()`);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return events
    .filter((event) => event.name === 'UpdateLayoutTree' && event.args?.beginData?.frame === frameTree.frame.id)
    .reduce((sum, event) => sum + (event.args?.elementCount ?? 0), 0);
}

test('a scroll makes no element and restyles the lines that came into view and their changed cells, not every element in them', async () => {
  const webview = await openTable();
  await stream(webview, big.slice(0, 1000));
  // 600 px down: the lines that leave the top are moved (their transform) to show the lines coming in.
  // The first scroll also makes the lines that the overscan keeps above the view; the second only moves.
  const scroll = `new Promise((resolve) => {
    const grid = document.querySelector('[role="grid"]');
    grid.addEventListener('scroll', resolve, { once: true });
    grid.scrollTop += 600;
  })`;
  await webview.page.evaluate(scroll);
  const drawnBefore = await attributes(webview, '.grid-canvas > .grid-row:not(.grid-header)', 'aria-rowindex');
  const rowsBefore = await webview.page.evaluate<number>(`document.querySelectorAll('.grid-row').length`);
  // Elements put into the page by the scroll: the lines and cells that left are refilled, none is made.
  await webview.page.evaluate(`(() => {
    window.__added = [];
    window.__observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node.nodeType === 1) window.__added.push(node.className);
    });
    window.__observer.observe(document.querySelector('.grid-canvas'), { childList: true, subtree: true });
  })()`);
  const restyled = await restyledDuring(webview, scroll);
  assert.deepEqual(await webview.page.evaluate(`(window.__observer.disconnect(), window.__added)`), []);
  assert.equal(
    await webview.page.evaluate<number>(`document.querySelectorAll('.grid-row').length`),
    rowsBefore,
    'no line made',
  );
  const moved = await webview.page.evaluate<{ lines: number; elements: number }>(`(() => {
    const before = new Set(${JSON.stringify(drawnBefore)});
    const lines = [...document.querySelectorAll('.grid-canvas > .grid-row:not(.grid-header)')]
      .filter((line) => !before.has(line.getAttribute('aria-rowindex')));
    return { lines: lines.length, elements: lines.reduce((sum, line) => sum + 1 + line.querySelectorAll('*').length, 0) };
  })()`);
  assert.ok(moved.lines >= 20, `${moved.lines} lines came into view`);
  // A line's cells were all restyled with it when one of them inherited the line's background.
  assert.ok(
    restyled < moved.elements / 2,
    `${restyled} elements restyled for ${moved.lines} lines of ${moved.elements} elements that came into view`,
  );
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

/** What the run name cell of each drawn run line shows, by run id. */
async function drawnNameCells(webview: WebviewPage): Promise<Map<string, unknown>> {
  const cells = await webview.page.evaluate<[string, unknown][]>(
    `[...document.querySelectorAll('.grid-canvas > .grid-row[data-run-id]')].map((row) => {
      const cell = row.querySelector('.grid-name');
      return [row.dataset.runId, {
        parts: [...cell.children].map((part) => part.className),
        expander: cell.querySelector('.grid-expander')?.textContent ?? null,
        expanded: cell.getAttribute('aria-expanded'),
        status: [cell.querySelector('.grid-status').title, cell.querySelector('.grid-status').getAttribute('aria-label')],
        swatch: cell.querySelector('.grid-swatch')?.style.background ?? null,
        name: cell.querySelector('.grid-text').textContent,
        title: cell.title,
        indent: cell.style.paddingLeft,
      }];
    })`,
  );
  return new Map(cells);
}

test('a reused name cell shows only its new line: expander, status, swatch, name and HEAD mark while scrolling, sorted, and for another query', async () => {
  const webview = await openTable();
  const statuses = ['FINISHED', 'FAILED', 'RUNNING', 'KILLED'] as const;
  // Every 40th run has the next two as children; statuses vary; a third of the first 600 are compared.
  const rows = big.slice(0, 1000).map((row, index) => ({
    ...row,
    status: statuses[index % 4]!,
    ...(index % 40 === 1 || index % 40 === 2 ? { parentRunId: big[index - (index % 40)]!.runId } : {}),
  }));
  const colours = new Map(
    rows
      .slice(0, 600)
      .filter((_, index) => index % 3 === 0)
      .map((row, index) => [row.runId, `rgb(${index}, 10, 20)`]),
  );
  const head = rows[0]!.commit!;
  await stream(webview, rows);
  await webview.send({ type: 'runsTable/commits', commits: [], head });
  await webview.send({ type: 'runsTable/compared', runIds: [...colours.keys()], colors: Object.fromEntries(colours) });
  // The first parent collapsed: its expander turns, its children are not drawn.
  await webview.page.locator(`.grid-row[data-run-id="${rows[0]!.runId}"] .grid-expander`).click();
  await draw(webview);
  const collapsed = new Set([rows[0]!.runId]);
  const expected = (row: TableRow, shown: readonly TableRow[], swatches: Map<string, string>): unknown => {
    const parent = shown.some((other) => other.parentRunId === row.runId);
    const expanded = !collapsed.has(row.runId);
    return {
      parts: [
        ...(parent ? [`grid-expander${expanded ? ' expanded' : ''}`] : []),
        `grid-status status-${row.status}`,
        ...(swatches.has(row.runId) ? ['grid-swatch'] : []),
        'grid-text',
        ...(row.commit === head ? ['grid-head-mark'] : []),
      ],
      expander: parent ? (expanded ? '▾' : '▸') : null,
      expanded: parent ? String(expanded) : null,
      status: [row.status, row.status],
      swatch: swatches.get(row.runId) ?? null,
      name: row.runName,
      title: row.runName,
      indent: row.parentRunId ? '22px' : '6px',
    };
  };
  /** Scrolls from the top to the end, 600 px a frame, checking every drawn name cell at each step. */
  const scrollThrough = async (shown: readonly TableRow[], swatches: Map<string, string>): Promise<number> => {
    const byId = new Map(shown.map((row) => [row.runId, row]));
    await webview.page.evaluate(`document.querySelector('[role="grid"]').scrollTop = 0`);
    await draw(webview);
    let checked = 0;
    for (;;) {
      for (const [runId, cell] of await drawnNameCells(webview)) {
        assert.deepEqual(cell, expected(byId.get(runId)!, shown, swatches), `the name cell of ${runId}`);
        checked++;
      }
      const end = await webview.page.evaluate<boolean>(`new Promise((resolve) => {
        const grid = document.querySelector('[role="grid"]');
        if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) resolve(true);
        grid.addEventListener('scroll', () => resolve(false), { once: true });
        grid.scrollTop += 600;
      })`);
      if (end) return checked;
    }
  };
  assert.ok((await scrollThrough(rows, colours)) > 1000);
  // Sorted by name, descending: the same cells show other lines.
  const nameHeader = webview.page.locator('.grid-header [aria-label="Run Name"]');
  await nameHeader.click();
  await nameHeader.click();
  assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending');
  assert.ok((await scrollThrough(rows, colours)) > 1000);
  // Another query's runs, none compared any more: no swatch, expander or indent stays behind.
  const others = big.slice(5000, 6000);
  await webview.send({ type: 'runsTable/compared', runIds: [], colors: {} });
  await stream(webview, others, 2);
  assert.ok((await scrollThrough(others, new Map())) > 1000);
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('a page of more runs keeps the lines in view as drawn (their cells are not made again); a new query draws them anew', async () => {
  const webview = await openTable();
  await stream(webview, big.slice(0, 1000), 1, 3000);
  const firstCells = `document.querySelectorAll('.grid-row[aria-rowindex="2"] [role="gridcell"]')`;
  await webview.page.evaluate(`${firstCells}.forEach((cell) => { cell.__drawnBefore = true; })`);
  const marked = `[...${firstCells}].filter((cell) => cell.__drawnBefore).length`;
  const cells = await webview.page.evaluate<number>(`${firstCells}.length`);
  assert.ok(cells > 5, `${cells} cells in the first line`);
  await webview.send({
    type: 'runsTable/rows',
    generation: 1,
    rows: big.slice(1000, 2000),
    loaded: 2000,
    total: 3000,
    done: false,
  });
  await draw(webview);
  assert.equal(await webview.page.evaluate<number>(marked), cells, 'the same cells after a second page');
  assert.deepEqual(
    (await drawnNames(webview)).slice(0, 3),
    big.slice(0, 3).map((row) => row.runName),
  );
  assert.equal(await grid(webview).getAttribute('aria-rowcount'), '2001');
  // A new generation (another query's answer) shows other runs: the line is drawn again.
  await stream(webview, big.slice(5000, 6000), 2);
  assert.deepEqual((await drawnNames(webview)).slice(0, 1), [big[5000]!.runName]);
  assert.equal(
    await webview.page.evaluate<string>(
      `document.querySelector('.grid-row[aria-rowindex="2"] .grid-name .grid-text').textContent`,
    ),
    big[5000]!.runName,
  );
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('sort: a header click sorts the loaded rows at once and asks the store with order_by; shift-click adds a key', async () => {
  // The user moved accuracy and lr next to the run name (a saved layout): their headers are in view.
  const webview = await openTable({ order: ['attr:name', 'metric:accuracy', 'param:lr'] });
  await stream(webview, big);
  const header = webview.page
    .locator('.grid-header .grid-head')
    .filter({ has: webview.page.locator('.grid-label', { hasText: /^accuracy$/ }) });
  if ((await header.count()) === 0) throw new Error('accuracy header not drawn');
  await header.click();
  const query = await webview.waitForPosted('runsTable/query');
  assert.deepEqual(query, {
    type: 'runsTable/query',
    filter: '',
    orderBy: ['metrics.accuracy ASC'],
    showDeleted: false,
  });
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  assert.equal(await webview.page.locator('.table-status').textContent(), 'Loading runs: 0 loaded…');
  await draw(webview);
  const value = (row: TableRow): number => fromWire(row.metrics.accuracy!);
  const expected = big
    .map((row, index) => ({ row, index }))
    .sort((a, b) => value(a.row) - value(b.row) || a.index - b.index)
    .map(({ row }) => row.runName);
  const drawn = await drawnNames(webview);
  assert.deepEqual(drawn, expected.slice(0, drawn.length));
  await header.click();
  assert.deepEqual((await webview.posted()).filter((m) => m.type === 'runsTable/query').at(-1)?.orderBy, [
    'metrics.accuracy DESC',
  ]);
  const lr = webview.page
    .locator('.grid-header .grid-head')
    .filter({ has: webview.page.locator('.grid-label', { hasText: /^lr$/ }) });
  await lr.click({ modifiers: ['Shift'] });
  assert.deepEqual((await webview.posted()).filter((m) => m.type === 'runsTable/query').at(-1)?.orderBy, [
    'metrics.accuracy DESC',
    'params.lr ASC',
  ]);
  assert.equal(await lr.locator('.grid-sort').textContent(), '▲2');
  await webview.close();
});

test('filter: checked as typed, the error shown at its token, unknown keys get "did you mean", completion, Enter queries', async () => {
  const webview = await openTable();
  const rows = recordedScaleRows();
  await stream(webview, rows);
  const input = webview.page.locator('.filter-input');
  await input.fill('params.opt');
  assert.deepEqual(await webview.page.locator('.filter-option .filter-option-label').allTextContents(), ['optimizer']);
  await input.press('ArrowDown');
  await input.press('Enter');
  assert.equal(await input.inputValue(), 'params.optimizer ');
  await input.fill("metrics.acuracy > 0.5 AND params.optimizer = 'ad");
  const optimizers = new Map<string, number>();
  for (const row of rows)
    if (row.params.optimizer?.includes('ad'))
      optimizers.set(row.params.optimizer, (optimizers.get(row.params.optimizer) ?? 0) + 1);
  assert.deepEqual(
    await webview.page.locator('.filter-option .filter-option-label').allTextContents(),
    [...optimizers].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([value]) => value),
  );
  assert.equal(optimizers.size, 2);
  assert.equal(
    await webview.page.locator('.filter-warning').textContent(),
    'no loaded run has metric `acuracy`; did you mean `accuracy`?',
  );
  const filter = "metrics.acuracy > 0.5 AND params.optimizer = 'ad";
  const check = await webview.waitForPosted('runsTable/checkFilter', (m) => m.filter === filter);
  assert.deepEqual(check, { type: 'runsTable/checkFilter', filter });
  await webview.send({
    type: 'runsTable/filterChecked',
    filter,
    problem: { message: 'unterminated string', start: 45, end: 48 },
  });
  assert.equal(await webview.page.locator('.filter-message').textContent(), 'unterminated string');
  assert.equal(await webview.page.locator('.filter-token').textContent(), "'ad");
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await input.fill("metrics.accuracy > 0.9 AND params.optimizer = 'adam'");
  await input.press('Escape');
  await input.press('Enter');
  const query = await webview.waitForPosted('runsTable/query');
  assert.deepEqual(query, {
    type: 'runsTable/query',
    filter: "metrics.accuracy > 0.9 AND params.optimizer = 'adam'",
    orderBy: [],
    showDeleted: false,
  });
  // The store answers with a new generation: it replaces the rows; an older page arriving late is ignored.
  const matching = rows.filter((row) => fromWire(row.metrics.accuracy!) > 0.9 && row.params.optimizer === 'adam');
  await stream(webview, matching, 2);
  await webview.send({ type: 'runsTable/rows', generation: 1, rows: rows.slice(0, 5), loaded: 5, done: false });
  await draw(webview);
  assert.equal(await webview.page.locator('.table-status').textContent(), `${matching.length} runs`);
  assert.equal(await grid(webview).getAttribute('aria-rowcount'), String(matching.length + 1));
  await stream(webview, [], 3);
  assert.equal(await webview.page.locator('.table-status').textContent(), 'No run matches this filter.');
  await webview.send({ type: 'runsTable/failed', generation: 3, message: 'connection refused' });
  assert.equal(await webview.page.locator('.table-error').textContent(), 'The store failed: connection refused');
  await webview.page.locator('.table-retry').click();
  await webview.waitForPosted('runsTable/retry');
  await webview.close();
});

test('group by commit: groups in the host git log order with counts and best value, a chart, a click selects a group', async () => {
  const webview = await openTable();
  await stream(webview, big);
  const shas = [...new Set(big.map((row) => row.commit!))];
  assert.equal(shas.length, 10);
  // The host's log order: newest first; one commit not on the branch comes last.
  const order = [3, 1, 4, 0, 5, 9, 2, 6, 8].map((index) => shas[index]!);
  await webview.send({
    type: 'runsTable/commits',
    commits: [
      ...order.map((sha, index) => ({ sha, short: sha.slice(0, 7), subject: `commit ${index}`, onBranch: true })),
      { sha: shas[7]!, short: shas[7]!.slice(0, 7), subject: 'elsewhere', onBranch: false },
    ],
    head: order[0],
  });
  await webview.page.locator('select[aria-label="Group by"]').selectOption('commit');
  await webview.page.locator('select[aria-label="Best of"]').selectOption('accuracy');
  await draw(webview);
  const labels = await webview.page.locator('.grid-group .grid-group-label').allTextContents();
  const expectedOrder = [...order, shas[7]!];
  const subjects = [...order.map((_, index) => `commit ${index}`), 'elsewhere'];
  assert.deepEqual(
    labels,
    expectedOrder.slice(0, labels.length).map((sha, index) => `${sha.slice(0, 7)} ${subjects[index]}`),
  );
  const best = (sha: string): number =>
    Math.max(
      ...big
        .filter((row) => row.commit === sha)
        .map((row) => fromWire(row.metrics.accuracy!))
        .filter(Number.isFinite),
    );
  const summary = await webview.page.locator('.grid-group .grid-group-summary').first().textContent();
  assert.equal(summary, `1,000 runs · best accuracy ${String(best(order[0]!))}`);
  assert.equal(await grid(webview).getAttribute('aria-rowcount'), String(10_000 + 10 + 1));
  assert.equal(await webview.page.locator('.commit-chart').isVisible(), true);
  assert.equal(
    await webview.page.locator('.commit-chart canvas').getAttribute('aria-label'),
    `Best accuracy per commit: ${[...expectedOrder]
      .reverse()
      .map((sha) => `${sha.slice(0, 7)} ${String(best(sha))}`)
      .join(', ')}`,
  );
  // HEAD's runs carry the mark.
  assert.equal(await webview.page.locator('.grid-head-mark').first().textContent(), 'HEAD');
  await webview.page.locator('.grid-group').first().click();
  assert.equal(await webview.page.locator('.table-selected').textContent(), '1,000 selected');
  assert.equal(await webview.page.locator('.table-action', { hasText: 'Compare (1000)' }).isEnabled(), true);
  // "Diff with previous": this commit's run against the one of the next (older) group.
  await webview.page.locator('.grid-group-diff').first().click();
  const diff = await webview.waitForPosted('runsTable/diffCommits');
  const first = (sha: string) => big.find((row) => row.commit === sha)!.runId;
  assert.deepEqual(diff.runIds, [first(order[1]!), first(order[0]!)]);
  await webview.close();
});

test('keyboard: arrows move, shift+arrows select a range, space toggles, Enter opens, ctrl+A; Compare posts the runs', async () => {
  const webview = await openTable();
  const rows = recordedScaleRows();
  await stream(webview, rows);
  await webview.page.locator('.grid-row[aria-rowindex="2"] .grid-name').click();
  assert.equal(await webview.page.locator('.table-selected').textContent(), '1 selected');
  await webview.page.keyboard.press('ArrowDown');
  await webview.page.keyboard.press('Shift+ArrowDown');
  await webview.page.keyboard.press('Shift+ArrowDown');
  await draw(webview);
  const selected = await attributes(webview, '.grid-row[aria-selected="true"]', 'aria-rowindex');
  assert.deepEqual(selected, ['3', '4', '5']);
  await webview.page.keyboard.press('Space');
  assert.equal(await webview.page.locator('.table-selected').textContent(), '2 selected');
  await webview.page.keyboard.press('Space');
  await webview.page.locator('.table-action', { hasText: 'Compare (3)' }).click();
  const compare = await webview.waitForPosted('runsTable/run');
  assert.deepEqual(compare, {
    type: 'runsTable/run',
    command: 'compare',
    runIds: rows.slice(1, 4).map((row) => row.runId),
  });
  await webview.page.locator('.grid-row[aria-rowindex="5"] .grid-name').click();
  await webview.page.keyboard.press('Enter');
  const open = await webview.waitForPosted('runsTable/run', (m) => m.command === 'openRun');
  assert.deepEqual(open.runIds, [rows[3]!.runId]);
  await webview.page.keyboard.press('Control+a');
  assert.equal(await webview.page.locator('.table-selected').textContent(), '1,000 selected');
  const focused = await webview.page.evaluate('document.activeElement.getAttribute("role")');
  assert.equal(focused, 'gridcell');
  await webview.close();
});

test('untrusted names, keys and values stay text', async () => {
  const webview = await openTable({ order: ['attr:name', 'tag:<b>tag</b>'] });
  const [row] = recordedScaleRows();
  const hostile = '<img src=x onerror="document.body.dataset.owned=1">\u202Egnp.exe';
  await stream(webview, [
    { ...row!, runName: hostile, params: { [hostile]: hostile }, tags: { '<b>tag</b>': '<script>alert(1)</script>' } },
  ]);
  assert.equal(
    await webview.page.locator('.grid-name .grid-text').textContent(),
    hostile.replace('\u202E', '<U+202E>'),
  );
  assert.equal(await webview.page.locator('.grid img, .grid script, .grid b').count(), 0);
  assert.ok((await headerLabels(webview)).includes('<b>tag</b>'));
  assert.equal(await webview.page.evaluate('document.body.dataset.owned ?? "no"'), 'no');
  // A message of the wrong shape is dropped and reported, not drawn.
  await webview.send({ type: 'runsTable/rows', generation: 9, rows: [{ runId: 1 }], loaded: 1, done: true });
  assert.equal(await grid(webview).getAttribute('aria-rowcount'), '2');
  const problems = await webview.problems();
  assert.deepEqual(problems, ['dropped a message the webview does not understand (type runsTable/rows)']);
  await webview.close();
});

test("several experiments: the Experiment column shows each run's experiment by name (as text), the CSV too", async () => {
  const other = '<b>other</b> runs';
  const webview = await openTable({
    order: ['attr:name', 'attr:experiment'],
    experiments: [
      { id: '6', name: 'scale' },
      { id: '7', name: other },
    ],
  });
  const rows = recordedScaleRows()
    .slice(0, 4)
    .map((row, index) => ({ ...row, experimentId: index % 2 === 0 ? '6' : '7' }));
  await stream(webview, rows);
  assert.deepEqual((await headerLabels(webview)).slice(0, 2), ['Run Name', 'Experiment']);
  const shown = await webview.page.evaluate<string[]>(
    `${JSON.stringify(rows.map((row) => row.runId))}.map((id) =>
      document.querySelector('.grid-row[data-run-id="' + id + '"] .grid-cell.group-attr').textContent)`,
  );
  assert.deepEqual(shown, ['scale', other, 'scale', other]);
  assert.equal(await webview.page.locator('.grid b').count(), 0);
  await webview.page.locator('.table-export').click();
  const exported = await webview.waitForPosted('runsTable/export');
  const table = parseCsv(String(exported.text).replace(/^\ufeff/, ''), 1000);
  assert.deepEqual(table[0]!.slice(0, 2), ['Run Name', 'Experiment']);
  assert.deepEqual(
    table
      .slice(1)
      .map((line) => line[1])
      .sort(),
    ['scale', 'scale', other, other].sort(),
  );
  await webview.close();
});

test('the Experiment column sorts by name on the loaded runs only: no query to the store, the status says so', async () => {
  const webview = await openTable({
    order: ['attr:name', 'attr:experiment'],
    experiments: [
      { id: '6', name: 'zeta' },
      { id: '7', name: 'alpha' },
    ],
  });
  const rows = recordedScaleRows()
    .slice(0, 6)
    .map((row, index) => ({ ...row, experimentId: index % 2 === 0 ? '6' : '7' }));
  await stream(webview, rows);
  const queries = async () => (await webview.posted()).filter((m) => m.type === 'runsTable/query').length;
  const before = await queries();
  const header = webview.page
    .locator('.grid-header .grid-head')
    .filter({ has: webview.page.locator('.grid-label', { hasText: /^Experiment$/ }) });
  await header.click();
  await draw(webview);
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  const byName = (experimentId: string) => (experimentId === '7' ? 'alpha' : 'zeta');
  const expected = [...rows]
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (byName(a.row.experimentId) < byName(b.row.experimentId) ? -1 : 1) || a.index - b.index)
    .map(({ row }) => row.runName);
  assert.deepEqual(await drawnNames(webview), expected);
  assert.equal(await queries(), before);
  assert.equal(
    await webview.page.locator('.table-sort-note').textContent(),
    ' · Experiment: sorted on the loaded runs only (MLflow cannot order by it)',
  );
  await webview.close();
});

test('a sort on keys only the loaded runs have (duration, a min column) is saved whole and re-applied after a reload as runs, then ranges, arrive', async () => {
  // 30 runs of three durations, each with a min of accuracy from the histories and a latest accuracy.
  const rows = recordedScaleRows()
    .filter((row) => row.startTime !== undefined && Number.isFinite(fromWire(row.metrics.accuracy ?? 'NaN')))
    .slice(0, 30)
    .map((row, index) => ({ ...row, endTime: row.startTime! + (index % 3) * 60_000 }));
  assert.equal(rows.length, 30);
  const ranges = rows.map((row, index) => {
    const min = ((index * 7) % 5) / 10;
    return { runId: row.runId, key: 'accuracy', min, max: 1, minStep: 0, maxStep: 1 };
  });
  const duration = (row: TableRow): number => row.endTime! - row.startTime!;
  const accuracy = (row: TableRow): number => fromWire(row.metrics.accuracy!);
  const order = (withRanges: boolean): string[] =>
    rows
      .map((row, index) => ({ row, index, min: withRanges ? ranges[index]!.min : 0 }))
      .sort(
        (a, b) =>
          duration(a.row) - duration(b.row) || b.min - a.min || accuracy(a.row) - accuracy(b.row) || a.index - b.index,
      )
      .map(({ row }) => row.runName);
  const columns = {
    order: ['attr:name', 'attr:duration', 'metricMin:accuracy', 'metric:accuracy'],
    hidden: [],
    pinned: [],
    widths: {},
    onlyDiffering: false,
    ranges: ['metricMin:accuracy'],
  };
  const head = (webview: WebviewPage, label: string) =>
    webview.page.locator('.grid-header .grid-head').filter({
      has: webview.page.locator('.grid-label', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }),
    });
  const queries = async (webview: WebviewPage) =>
    (await webview.posted()).filter((m) => m.type === 'runsTable/query').map((m) => m.orderBy);

  const webview = await openTable({ state: { columns, flat: true } });
  await stream(webview, rows);
  await webview.send({ type: 'runsTable/metricRanges', ranges });
  // Duration ascending, then (shift) accuracy (min) descending, then (shift) accuracy: only the last goes to the store.
  await head(webview, 'Duration').click();
  await head(webview, 'accuracy (min)').click({ modifiers: ['Shift'] });
  await head(webview, 'accuracy (min)').click({ modifiers: ['Shift'] });
  await head(webview, 'accuracy').click({ modifiers: ['Shift'] });
  assert.deepEqual(await queries(webview), [['metrics.accuracy ASC']]);
  await draw(webview);
  assert.deepEqual(await drawnNames(webview), order(true));
  const saved = ((await webview.state()) as { state: RunsTableState }).state;
  assert.deepEqual(saved.sort, [
    { columnId: 'attr:duration', ascending: true },
    { columnId: 'metricMin:accuracy', ascending: false },
    { columnId: 'metric:accuracy', ascending: true },
  ]);
  assert.deepEqual(saved.orderBy, ['metrics.accuracy ASC']);
  await webview.close();

  // The reload: the host asked the store for the saved order_by; the table asks nothing more.
  const again = await openTable({ state: saved });
  await stream(again, rows);
  // The min column waits for its ranges: until then the runs are in duration, then accuracy order.
  assert.deepEqual(await drawnNames(again), order(false));
  await again.send({ type: 'runsTable/metricRanges', ranges });
  await draw(again);
  assert.deepEqual(await drawnNames(again), order(true));
  assert.deepEqual(await queries(again), []);
  assert.deepEqual(
    [
      await head(again, 'Duration').locator('.grid-sort').textContent(),
      await head(again, 'accuracy (min)').locator('.grid-sort').textContent(),
      await head(again, 'accuracy').locator('.grid-sort').textContent(),
    ],
    ['▲', '▼2', '▲3'],
  );
  assert.equal(
    await again.page.locator('.table-sort-note').textContent(),
    ' · Duration, accuracy (min): sorted on the loaded runs only (MLflow cannot order by them)',
  );
  await again.close();

  // A state whose order_by is not the store's part of its sort: the runs are asked for again in the sort's.
  const mismatched = await openTable({ state: { ...saved, orderBy: [] } });
  assert.deepEqual((await mismatched.waitForPosted('runsTable/query')).orderBy, ['metrics.accuracy ASC']);
  await mismatched.close();
});

test('best direction: switching "lower is better" changes the groups\' best values and the chart; the table remembers it', async () => {
  // A sixth metric, m05, whose name says nothing of its direction.
  const rows = scaleRows({ copies: 3, params: 5, metrics: 6, tags: 7 });
  const shas = [...new Set(rows.map((row) => row.commit!))];
  assert.equal(shas.length, 3);
  const commits = {
    type: 'runsTable/commits',
    commits: shas.map((sha, index) => ({ sha, short: sha.slice(0, 7), subject: `commit ${index}`, onBranch: true })),
    head: shas[0],
  };
  const accuracies = (sha: string) =>
    rows
      .filter((row) => row.commit === sha)
      .map((row) => fromWire(row.metrics.accuracy!))
      .filter(Number.isFinite);
  const summaries = async (webview: WebviewPage) =>
    webview.page.locator('.grid-group .grid-group-summary').first().textContent();
  const chartLabel = async (webview: WebviewPage) =>
    webview.page.locator('.commit-chart canvas').getAttribute('aria-label');
  const expectBest = async (webview: WebviewPage, best: (values: number[]) => number) => {
    await draw(webview);
    // The first group is drawn (the others are 1,000 lines below); the chart holds every group's best value.
    assert.equal(await summaries(webview), `1,000 runs · best accuracy ${String(best(accuracies(shas[0]!)))}`);
    assert.equal(
      await chartLabel(webview),
      `Best accuracy per commit: ${[...shas]
        .reverse()
        .map((sha) => `${sha.slice(0, 7)} ${String(best(accuracies(sha)))}`)
        .join(', ')}`,
    );
  };
  const max = (values: number[]) => Math.max(...values);
  const min = (values: number[]) => Math.min(...values);
  assert.notDeepEqual(
    shas.map((sha) => max(accuracies(sha))),
    shas.map((sha) => min(accuracies(sha))),
  );

  const webview = await openTable();
  await stream(webview, rows);
  await webview.send(commits);
  await webview.page.locator('select[aria-label="Group by"]').selectOption('commit');
  await webview.page.locator('select[aria-label="Best of"]').selectOption('accuracy');
  const direction = webview.page.locator('select[aria-label="Best direction"]');
  assert.equal(await direction.isVisible(), true);
  assert.equal(await direction.inputValue(), 'higher');
  assert.deepEqual(await direction.locator('option').allTextContents(), [
    'higher is better (from the name)',
    'lower is better',
  ]);
  await expectBest(webview, max);
  await direction.selectOption('lower');
  await expectBest(webview, min);
  assert.equal(
    await webview.page.locator('select[aria-label="Best of"] option:checked').textContent(),
    'accuracy (lower)',
  );
  const saved = await webview.waitForPosted('runsTable/saveState', (message) =>
    Boolean((message.state as RunsTableState).metricDirections),
  );
  const state = saved.state as RunsTableState;
  assert.deepEqual(state.metricDirections, { accuracy: 'lower' });
  // The default is marked: the name's guess, else higher.
  const best = webview.page.locator('select[aria-label="Best of"]');
  for (const [metric, labels] of [
    ['loss', ['higher is better', 'lower is better (from the name)']],
    ['m05', ['higher is better (default)', 'lower is better']],
  ] as const) {
    await best.selectOption(metric);
    assert.deepEqual(await direction.locator('option').allTextContents(), labels);
  }
  await webview.close();

  // The saved state comes back (a reload): the choice holds.
  const again = await openTable({ state });
  await stream(again, rows);
  await again.send(commits);
  await expectBest(again, min);
  assert.equal(await again.page.locator('select[aria-label="Best direction"]').inputValue(), 'lower');
  await again.close();
});

test('column chooser: search, hide, pin; "Only columns that differ" hides the columns with one value', async () => {
  const webview = await openTable();
  const rows = recordedScaleRows();
  await stream(webview, rows);
  const params = keysOf(rows, 'params');
  const metrics = keysOf(rows, 'metrics');
  const tags = keysOf(rows, 'tags');
  const all = ATTRIBUTE_COLUMNS.length + params.length + metrics.length + tags.length;
  assert.equal(await grid(webview).getAttribute('aria-colcount'), String(all + 1));
  await webview.page.locator('.table-columns').click();
  await webview.page.locator('.chooser-search').fill('loss');
  assert.deepEqual(await attributes(webview, '.chooser-item', 'data-column'), ['metric:loss', 'metric:val_loss']);
  assert.deepEqual(await webview.page.locator('.chooser-group-title').allTextContents(), [
    `Attributes (7/7)`,
    `Params (${params.length}/${params.length})`,
    `Metrics (${metrics.length}/${metrics.length})`,
    `Tags (${tags.length}/${tags.length})`,
  ]);
  await webview.page.locator('.chooser-item[data-column="metric:loss"] input[type="checkbox"]').uncheck();
  await draw(webview);
  assert.equal(await grid(webview).getAttribute('aria-colcount'), String(all));
  assert.ok(!(await headerLabels(webview)).includes('loss'));
  await webview.page.locator('.chooser-item[data-column="metric:val_loss"] .chooser-pin').click();
  await draw(webview);
  assert.deepEqual(await webview.page.locator('.grid-header .grid-pinned .grid-label').allTextContents(), [
    'Run Name',
    'val_loss',
  ]);
  // Columns whose value is the same in every loaded run (a missing value counts as a value).
  const constant = (kind: 'params' | 'metrics' | 'tags', key: string): boolean => {
    const values = new Set(
      rows.map((row) => {
        const value = row[kind][key];
        return value === undefined ? 'missing' : `v${String(value)}`;
      }),
    );
    return values.size === 1;
  };
  const same = [
    ...params.filter((key) => constant('params', key)),
    ...metrics.filter((key) => key !== 'loss' && constant('metrics', key)),
    ...tags.filter((key) => constant('tags', key)),
  ];
  assert.ok(same.includes('mlflow.source.type'), same.join());
  await webview.page.locator('label', { hasText: 'Only columns that differ' }).locator('input').check();
  await draw(webview);
  assert.equal(await grid(webview).getAttribute('aria-colcount'), String(all - same.length));
  const state = (await webview.state()) as { experimentIds: string[]; state: { columns: unknown } };
  assert.deepEqual(state.experimentIds, ['6']);
  assert.deepEqual(state.state.columns, {
    order: [],
    hidden: ['metric:loss'],
    pinned: ['metric:val_loss'],
    widths: {},
    onlyDiffering: true,
    ranges: [],
  });
  await webview.close();
});

test('min, max and best-step columns: asked for 100 runs a request, shown as they arrive', async () => {
  const webview = await openTable({ order: ['attr:name', 'metric:accuracy', 'metricMin:accuracy'] });
  const rows = recordedScaleRows().slice(0, 250);
  await stream(webview, rows);
  await webview.page.locator('.table-columns').click();
  await webview.page.locator('.chooser-search').fill('accuracy');
  await webview.page.locator('.chooser-item[data-column="metric:accuracy"] .chooser-range', { hasText: 'min' }).click();
  const requests = (await webview.posted()).filter((m) => m.type === 'runsTable/metricRanges');
  assert.deepEqual(
    requests.map((m) => [(m.runIds as string[]).length, m.keys]),
    [
      [100, ['accuracy']],
      [100, ['accuracy']],
      [50, ['accuracy']],
    ],
  );
  assert.deepEqual(
    requests.flatMap((m) => m.runIds as string[]),
    rows.map((row) => row.runId),
  );
  await webview.send({
    type: 'runsTable/metricRanges',
    ranges: [{ runId: rows[0]!.runId, key: 'accuracy', min: 0.125, max: 0.75, minStep: 3, maxStep: 20 }],
  });
  await draw(webview);
  assert.ok((await headerLabels(webview)).includes('accuracy (min)'));
  const first = webview.page.locator(`.grid-row[data-run-id="${rows[0]!.runId}"]`);
  assert.equal(await first.locator('.group-metricMin').textContent(), '0.125');
  assert.equal(
    await webview.page.locator(`.grid-row[data-run-id="${rows[1]!.runId}"] .group-metricMin`).textContent(),
    '',
  );
  await webview.close();
});

test('live updates merge in place, new runs appear, the selection stays; compare swatches; export CSV and copy TSV', async () => {
  const webview = await openTable({ order: ['attr:name', 'metric:accuracy'] });
  const rows = recordedScaleRows().slice(0, 50);
  await stream(webview, rows);
  await webview.page.locator(`.grid-row[data-run-id="${rows[2]!.runId}"] .grid-name`).click();
  await webview.page.locator(`.grid-row[data-run-id="${rows[4]!.runId}"] .grid-name`).click({ modifiers: ['Control'] });
  const changed = { ...rows[2]!, status: 'RUNNING' as const, metrics: { ...rows[2]!.metrics, accuracy: 0.5 } };
  const added = { ...rows[0]!, runId: 'f'.repeat(32), runName: 'new-run' };
  await webview.send({ type: 'runsTable/update', generation: 1, rows: [changed, added] });
  await webview.send({ type: 'runsTable/update', generation: 0, rows: [{ ...rows[3]!, runName: 'stale' }] });
  await draw(webview);
  assert.equal(await webview.page.locator('.table-status').textContent(), '51 runs');
  const row = webview.page.locator(`.grid-row[data-run-id="${rows[2]!.runId}"]`);
  assert.equal(await row.locator('.group-metric').first().textContent(), '0.5');
  assert.equal(await row.locator('.grid-status').getAttribute('aria-label'), 'RUNNING');
  assert.equal(await row.getAttribute('aria-selected'), 'true');
  assert.equal(await webview.page.locator('.table-selected').textContent(), '2 selected');
  assert.equal(
    await webview.page.locator(`.grid-row[data-run-id="${rows[3]!.runId}"] .grid-name .grid-text`).textContent(),
    rows[3]!.runName,
  );
  await webview.send({
    type: 'runsTable/compared',
    runIds: [rows[4]!.runId],
    colors: { [rows[4]!.runId]: 'rgb(1, 2, 3)' },
  });
  await draw(webview);
  assert.equal(
    await webview.page.locator(`.grid-row[data-run-id="${rows[4]!.runId}"] .grid-swatch`).getAttribute('style'),
    'background: rgb(1, 2, 3);',
  );
  // Sorted by accuracy descending: the CSV has the shown columns and the rows in that order.
  const accuracy = webview.page
    .locator('.grid-header .grid-head')
    .filter({ has: webview.page.locator('.grid-label', { hasText: /^accuracy$/ }) });
  await accuracy.click();
  await accuracy.click();
  await webview.page.locator('.table-export').click();
  const exported = await webview.waitForPosted('runsTable/export');
  assert.equal(exported.fileName, 'scale.csv');
  const table = parseCsv(String(exported.text).replace(/^\ufeff/, ''), 1000);
  const all = [...rows.map((r) => (r.runId === changed.runId ? changed : r)), added];
  const value = (r: TableRow): number => fromWire(r.metrics.accuracy!);
  const order = all.map((r, index) => ({ r, index })).sort((a, b) => value(b.r) - value(a.r) || a.index - b.index);
  assert.deepEqual(table[0]!.slice(0, 3), ['Run Name', 'metrics.accuracy', 'Start']);
  assert.deepEqual(
    table.slice(1).map((line) => [line[0], line[1]]),
    order.map(({ r }) => [r.runName, String(value(r))]),
  );
  await webview.page.locator('.table-action', { hasText: 'Copy as TSV' }).click();
  const copied = await webview.waitForPosted('runsTable/copy');
  const lines = String(copied.text).trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.deepEqual(
    lines.slice(1).map((line) => line.split('\t')[0]),
    order
      .map(({ r }) => r)
      .filter((r) => r.runId === rows[2]!.runId || r.runId === rows[4]!.runId)
      .map((r) => r.runName),
  );
  await webview.close();
});

test('child runs nest under their parent; Flat lists them all; Show Deleted asks the store; read-only hides writes', async () => {
  const webview = await openTable({ writable: false });
  const [parent, a, b, other] = recordedScaleRows();
  await stream(webview, [
    { ...a!, parentRunId: parent!.runId },
    parent!,
    other!,
    { ...b!, parentRunId: parent!.runId },
  ]);
  assert.deepEqual(await drawnNames(webview), [parent!.runName, a!.runName, b!.runName, other!.runName]);
  const parentName = webview.page.locator(`.grid-row[data-run-id="${parent!.runId}"] .grid-name`);
  assert.equal(await parentName.getAttribute('aria-expanded'), 'true');
  // Collapsing the parent hides its children (they were drawn again at the top level before).
  await webview.page.locator(`.grid-row[data-run-id="${parent!.runId}"] .grid-expander`).click();
  await draw(webview);
  assert.deepEqual(await drawnNames(webview), [parent!.runName, other!.runName]);
  assert.equal(await parentName.getAttribute('aria-expanded'), 'false');
  await webview.page.locator(`.grid-row[data-run-id="${parent!.runId}"] .grid-expander`).click();
  await draw(webview);
  assert.deepEqual(await drawnNames(webview), [parent!.runName, a!.runName, b!.runName, other!.runName]);
  await webview.page.locator('label', { hasText: 'Flat' }).locator('input').check();
  await draw(webview);
  assert.deepEqual(await drawnNames(webview), [a!.runName, parent!.runName, other!.runName, b!.runName]);
  await webview.page.locator('label', { hasText: 'Show Deleted' }).locator('input').check();
  const query = await webview.waitForPosted('runsTable/query');
  assert.deepEqual(query, { type: 'runsTable/query', filter: '', orderBy: [], showDeleted: true });
  await webview.page.locator(`.grid-row[data-run-id="${other!.runId}"] .grid-name`).click();
  assert.deepEqual(await webview.page.locator('.table-action').allTextContents(), [
    'Compare (1)',
    'Diff Code',
    'Open Run',
    'Copy ID',
    'Copy as TSV',
    'Check Out',
    'Open Source',
  ]);
  await webview.close();
});
