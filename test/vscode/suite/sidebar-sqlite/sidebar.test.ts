// The sidebar on the mlflow.db at the root of the workspace (the fixture local-store, made by
// MLflow 3.5.1 with no server).
import { suite } from 'mocha';
import manifest from '../../../fixtures/mlflow-3.5.1/local-store/manifest.json';
import { localStoreCases } from '../sidebarSupport/localStoreCases';

suite('sidebar on mlflow.db', () => {
  localStoreCases(manifest, /^mlflow\.db in \//);
});
