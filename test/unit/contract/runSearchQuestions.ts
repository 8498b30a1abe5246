/**
 * Run searches: every recorded runs/search of demo-classifier, edge-cases and old-experiment the
 * client can phrase (filters, order_by, view types, several experiments, paging), and the
 * searches the server refused. The 'scale' searches are in scaleQuestions.ts.
 */
import { onLocalStores, question } from './question';
import type { Question } from './question';
import { recordedRunPage } from './recordings';
import type { RunPage } from './recordings';
import { pageOf, recordedSearch, refusedSearch, tiesInRunIdOrder } from './runSearch';
import type { RunSearch } from './runSearch';

const demo =
  (request: Omit<RunSearch, 'experiments'> = {}) =>
  (): RunSearch => ({ experiments: ['demo-classifier'], ...request });
const demoFilter = (filterString: string) => demo({ filterString, maxResults: 100 });
const demoOrder = (...orderBy: string[]) => demo({ orderBy, maxResults: 100 });
const edgeCases = (request: Omit<RunSearch, 'experiments'>) => (): RunSearch => ({
  experiments: ['edge-cases'],
  ...request,
});

export const RUN_SEARCH_QUESTIONS: Question[] = [
  recordedSearch('024', 'of demo-classifier, as the server orders by default', demo()),
  question<string[]>({
    title: '025-027 iterateRuns in pages of 8 walks demo-classifier once, in order',
    ask: async (store, ids) => {
      const names: string[] = [];
      for await (const run of store.iterateRuns({ experimentIds: [ids.experiment('demo-classifier')], maxResults: 8 }))
        names.push(run.info.runName);
      return names;
    },
    expected: () => ['025', '026', '027'].flatMap((selector) => recordedRunPage(selector).runs),
  }),
  recordedSearch('028', 'filter metrics.accuracy > 0.9', demoFilter('metrics.accuracy > 0.9')),
  recordedSearch('029', 'filter on a param', demoFilter("params.optimizer = 'adamw'")),
  recordedSearch(
    '030',
    'filter on the git commit tag',
    demoFilter("tags.`mlflow.source.git.commit` = 'f3b9b86714755d01f1d14c12006110480eb206f7'"),
  ),
  recordedSearch('031', 'filter status FAILED', demoFilter("attributes.status = 'FAILED'")),
  recordedSearch('032', 'filter status RUNNING', demoFilter("attributes.status = 'RUNNING'")),
  recordedSearch('033', "filter on the parent's run id", (ids) =>
    demoFilter(`tags.mlflow.parentRunId = '${ids.run('demo-classifier', 'sweep-parent')}'`)(),
  ),
  recordedSearch('034', 'filter run_name LIKE', demoFilter("attributes.run_name LIKE '%sweep%'")),
  recordedSearch('035', 'filter run_name ILIKE', demoFilter("run_name ILIKE '%SWEEP%'")),
  recordedSearch('036', 'filter start_time >', demoFilter('attributes.start_time > 1794600000000')),
  recordedSearch('037', 'filter on a metric and a param', demoFilter("metrics.loss < 0.5 and params.lr = '0.004'")),
  recordedSearch('038', 'filter run_id IN', (ids) =>
    demoFilter(
      `attributes.run_id IN ('${ids.run('demo-classifier', 'best-so-far')}', '${ids.run('demo-classifier', 'sweep-parent')}')`,
    )(),
  ),
  recordedSearch('039', 'filter on a dataset name', demoFilter("datasets.name = 'iris-train'")),
  recordedSearch('040', 'filter on a dataset context', demoFilter("datasets.context = 'eval'")),
  recordedSearch('041', "filter tag != ''", demoFilter("tags.candidate != ''")),
  recordedSearch('042', 'filter source name LIKE', demoFilter("tags.`mlflow.source.name` LIKE '%train.py'")),
  recordedSearch('043', 'filter on a metric key with a slash', edgeCases({ filterString: 'metrics.`train/loss` < 1' })),
  recordedSearch(
    '044',
    'filter on a metric whose latest value is NaN matches nothing',
    edgeCases({ filterString: 'metrics.last_nan > 0' }),
  ),
  recordedSearch('045', 'order by a metric DESC (runs without it last)', demoOrder('metrics.accuracy DESC')),
  recordedSearch('046', 'order by start_time ASC', demoOrder('attributes.start_time ASC')),
  recordedSearch(
    '047',
    'order by a param DESC then run_name ASC',
    demoOrder('params.lr DESC', 'attributes.run_name ASC'),
  ),
  recordedSearch('048', 'order by a tag ASC', demoOrder('tags.`mlflow.source.git.commit` ASC')),
  // nested-parent, child-a and grandchild-a1 started in the same millisecond: see tiesInRunIdOrder.
  recordedSearch('049', 'ACTIVE_ONLY', edgeCases({ runViewType: 'ACTIVE_ONLY' }), {
    differs: onLocalStores(tiesInRunIdOrder('049', 'edge-cases')),
  }),
  recordedSearch('050', 'DELETED_ONLY', edgeCases({ runViewType: 'DELETED_ONLY' })),
  recordedSearch('051', 'ALL', edgeCases({ runViewType: 'ALL' }), {
    differs: onLocalStores(tiesInRunIdOrder('051', 'edge-cases')),
  }),
  recordedSearch('052', 'of a deleted experiment', () => ({ experiments: ['old-experiment'], runViewType: 'ALL' })),
  recordedSearch('053', 'of three experiments by end_time DESC, first page of 5', () => ({
    experiments: ['demo-classifier', 'edge-cases', 'project-runs'],
    maxResults: 5,
    orderBy: ['attributes.end_time DESC'],
  })),
  question<RunPage>({
    title: '140 runs/search of an unknown experiment id answers no runs',
    ask: async (store) => pageOf(await store.searchRuns({ experimentIds: ['999999'] })),
    expected: () => recordedRunPage('140'),
  }),
  refusedSearch('134', 'with a bad comparator', {
    experiments: ['demo-classifier'],
    filterString: 'metrics.accuracy >>> 0.9',
  }),
  refusedSearch('135', 'with an unknown entity', { experiments: ['demo-classifier'], filterString: 'foo.bar = 1' }),
  refusedSearch('136', 'with an unquoted string', {
    experiments: ['demo-classifier'],
    filterString: 'params.optimizer = adam',
  }),
  refusedSearch('137', 'with a bad order_by', {
    experiments: ['demo-classifier'],
    orderBy: ['metrics.accuracy SIDEWAYS'],
  }),
  refusedSearch('138', 'with a page token that is not base64', {
    experiments: ['demo-classifier'],
    pageToken: 'garbage',
  }),
  refusedSearch('139', 'with a page token of a non-numeric offset', {
    experiments: ['demo-classifier'],
    pageToken: 'eyJvZmZzZXQiOiAiYWJjIn0=',
  }),
  refusedSearch('141', 'with max_results 0', { experiments: ['demo-classifier'], maxResults: 0 }),
];
