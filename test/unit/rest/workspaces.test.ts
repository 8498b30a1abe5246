import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordedRequest, ScriptedAnswer } from '../../support/scriptedServer';
import { loadTranscripts } from '../../support/transcripts';
import { scriptedStore } from './restTestKit';

/**
 * MLflow's workspaces (3.10+) on a server: listed by GET /api/3.0/mlflow/workspaces, chosen by
 * the X-MLFLOW-WORKSPACE header on every request (see src/extension/tracking/rest/workspacesApi.ts
 * for where in MLflow these facts come from).
 */

const WORKSPACES_PATH = '/api/3.0/mlflow/workspaces';

function workspaceHeaders(requests: readonly RecordedRequest[]): [string, string | undefined][] {
  return requests.map((request) => [request.path, request.headers['x-mlflow-workspace'] as string | undefined]);
}

test('a server with workspaces: its list is read (default first, unusable entries skipped) and every request after useWorkspace names the workspace', async (t) => {
  const { store, server } = await scriptedStore(t, (request) => {
    if (request.path === WORKSPACES_PATH) {
      return {
        body: {
          workspaces: [
            { name: 'team-a', description: 'Team A' },
            { name: 'default', description: 'Default workspace' },
            { name: 'team-b' },
            { name: 5 },
            { description: 'no name' },
            { name: '  ' },
            'team-c',
            { name: 'team-a' },
          ],
        },
      };
    }
    if (request.path.endsWith('/experiments/search')) return { body: { experiments: [] } };
    if (request.path.endsWith('/runs/search')) return { body: { runs: [] } };
    return { status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND', message: request.path } };
  });
  assert.equal(store.currentWorkspace, 'default');
  assert.deepEqual(await store.listWorkspaces(), ['default', 'team-a', 'team-b']);
  store.useWorkspace('team-b');
  assert.equal(store.currentWorkspace, 'team-b');
  await store.searchExperiments();
  await store.searchRuns({ experimentIds: ['1'] });
  store.useWorkspace('default');
  await store.searchExperiments();
  assert.deepEqual(workspaceHeaders(server.requests), [
    [WORKSPACES_PATH, undefined],
    ['/api/2.0/mlflow/experiments/search', 'team-b'],
    ['/api/2.0/mlflow/runs/search', 'team-b'],
    // The server has workspaces: `default` is named too, not left to the server's own default.
    ['/api/2.0/mlflow/experiments/search', 'default'],
  ]);
  assert.equal(server.requests[0]!.method, 'GET');
});

test('a server without workspaces (MLflow 3.5.1: 404 HTML page for the unknown route, 151) has only default and is never sent a workspace header', async (t) => {
  const notFound = loadTranscripts(['151'])[0]!.response;
  const { store, server } = await scriptedStore(t, (request): ScriptedAnswer => {
    if (request.path === WORKSPACES_PATH) {
      return { status: 404, headers: { 'Content-Type': notFound.headers['content-type']! }, body: notFound.body_text! };
    }
    return { body: { experiments: [] } };
  });
  // As the sidebar opens a store: the remembered workspace (`default`) first, then the list.
  store.useWorkspace('default');
  await store.searchExperiments();
  assert.deepEqual(await store.listWorkspaces(), ['default']);
  // A workspace remembered from elsewhere does not relabel this server's only workspace.
  store.useWorkspace('team-a');
  assert.equal(store.currentWorkspace, 'default');
  await store.searchExperiments();
  assert.deepEqual(workspaceHeaders(server.requests), [
    ['/api/2.0/mlflow/experiments/search', undefined],
    [WORKSPACES_PATH, undefined],
    ['/api/2.0/mlflow/experiments/search', undefined],
  ]);
});

test('a server started without --enable-workspaces (refuses any request naming a workspace, FEATURE_DISABLED) is followed as before', async (t) => {
  const refused = {
    status: 501,
    body: {
      error_code: 'FEATURE_DISABLED',
      message: 'Workspace APIs are not available: workspaces are not enabled on this server',
    },
  };
  const { store, server } = await scriptedStore(t, (request): ScriptedAnswer => {
    // As mlflow/server/workspace_helpers.py: the header, even `default`, is refused; so is the list.
    if (request.headers['x-mlflow-workspace'] !== undefined || request.path === WORKSPACES_PATH) return refused;
    return { body: { experiments: [] } };
  });
  store.useWorkspace('default');
  assert.deepEqual(await store.searchExperiments(), { experiments: [] });
  assert.deepEqual(await store.listWorkspaces(), ['default']);
  assert.deepEqual(await store.searchExperiments(), { experiments: [] });
  assert.deepEqual(workspaceHeaders(server.requests), [
    ['/api/2.0/mlflow/experiments/search', undefined],
    [WORKSPACES_PATH, undefined],
    ['/api/2.0/mlflow/experiments/search', undefined],
  ]);
});

test('a failure of the workspace list other than "no workspaces" is reported, not taken for a server without them', async (t) => {
  const { store } = await scriptedStore(t, [{ status: 403, body: { error_code: 'PERMISSION_DENIED', message: 'no' } }]);
  await assert.rejects(
    store.listWorkspaces(),
    (error: Error & { errorCode?: string }) => error.errorCode === 'PERMISSION_DENIED',
  );
});

test('experiments a server with workspaces answers belong to the workspace the request named; a server without them leaves them unnamed', async (t) => {
  const experiment = (id: string, name: string) => ({ experiment_id: id, name, lifecycle_stage: 'active' });
  const { store } = await scriptedStore(t, (request) => {
    if (request.path === WORKSPACES_PATH) return { body: { workspaces: [{ name: 'default' }, { name: 'team-b' }] } };
    const workspace = request.headers['x-mlflow-workspace'];
    const answer = workspace === 'team-b' ? experiment('7', 'demo-classifier') : experiment('1', 'demo-classifier');
    if (request.path.endsWith('/experiments/search')) return { body: { experiments: [answer] } };
    return { body: { experiment: answer } };
  });
  const workspaces = async () => [
    (await store.searchExperiments()).experiments.map((found) => [found.experimentId, found.workspace]),
    [(await store.getExperiment('7')).workspace, (await store.getExperimentByName('demo-classifier')).workspace],
  ];
  await store.listWorkspaces();
  assert.deepEqual(await workspaces(), [[['1', 'default']], ['default', 'default']]);
  store.useWorkspace('team-b');
  assert.deepEqual(await workspaces(), [[['7', 'team-b']], ['team-b', 'team-b']]);

  const without = await scriptedStore(t, (request): ScriptedAnswer => {
    if (request.path === WORKSPACES_PATH)
      return { status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND', message: 'no' } };
    if (request.path.endsWith('/experiments/search')) return { body: { experiments: [experiment('1', 'Default')] } };
    return { body: { experiment: experiment('1', 'Default') } };
  });
  await without.store.listWorkspaces();
  assert.deepEqual(
    (await without.store.searchExperiments()).experiments.map((found) => found.workspace),
    [undefined],
  );
  assert.equal((await without.store.getExperiment('1')).workspace, undefined);
});
