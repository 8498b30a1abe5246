// The sidebar on the mlruns/ folder at the root of the workspace (the fixture file store, its
// deleted experiment in .trash).
import { suite } from 'mocha';
import manifest from '../../../fixtures/mlflow-3.5.1/manifest-filestore.json';
import { localStoreCases } from '../sidebarSupport/localStoreCases';

suite('sidebar on mlruns/', () => {
  localStoreCases(manifest, /mlruns/);
});
