/** The activity-bar container and the tree view, as package.json declares them. */
export const MLFLOW_CONTAINER_ID = 'mlflow';
export const EXPERIMENTS_VIEW_ID = 'mlflow.experiments';

/** Context keys the view's menus and welcome content depend on. */
export const ContextKey = {
  /** `none` (welcome view), `ready` or `failed`. */
  storeState: 'mlflow.storeState',
  storeWritable: 'mlflow.storeWritable',
  storeIsServer: 'mlflow.storeIsServer',
  showDeleted: 'mlflow.showDeleted',
  /** True when the store in use has more than one MLflow workspace (3.10+): the view offers a picker. */
  hasWorkspaces: 'mlflow.hasWorkspaces',
  /** True while a load has taken long enough to offer "Cancel Loading". */
  loading: 'mlflow.loading',
} as const;
