/**
 * Every command the extension contributes, by area. A test checks this map against the
 * `contributes` section of package.json (commands, menus and when-clauses).
 */
export const CommandId = {
  showLog: 'mlflow.log.show',

  // Choosing the tracking store
  selectStore: 'mlflow.store.select',
  connectServer: 'mlflow.store.connectServer',
  openLocalStore: 'mlflow.store.openLocal',
  retryConnection: 'mlflow.store.retry',
  signIn: 'mlflow.store.signIn',
  signOut: 'mlflow.store.signOut',

  // The sidebar
  refresh: 'mlflow.sidebar.refresh',
  showDeleted: 'mlflow.sidebar.showDeleted',
  hideDeleted: 'mlflow.sidebar.hideDeleted',
  cancelLoading: 'mlflow.sidebar.cancelLoading',
  selectWorkspace: 'mlflow.sidebar.selectWorkspace',

  // An experiment's run list
  filterRuns: 'mlflow.runs.filter',
  sortRuns: 'mlflow.runs.sort',
  clearFilter: 'mlflow.runs.clearFilter',
  showMetric: 'mlflow.runs.showMetric',
  loadMoreRuns: 'mlflow.runs.loadMore',
  retryRuns: 'mlflow.runs.retry',
  filterRunsAtHead: 'mlflow.runs.filterAtHead',

  // One or more runs
  copyRunId: 'mlflow.run.copyId',
  copyCommitId: 'mlflow.run.copyCommitId',
  openRunInBrowser: 'mlflow.run.openInBrowser',
  renameRun: 'mlflow.run.rename',
  setRunTag: 'mlflow.run.setTag',
  editRunDescription: 'mlflow.run.editDescription',
  deleteRun: 'mlflow.run.delete',
  restoreRun: 'mlflow.run.restore',

  // The code at a run's commit
  checkOutRunCommit: 'mlflow.git.checkOut',
  openSourceAtCommit: 'mlflow.git.openSource',
  diffWithWorkingTree: 'mlflow.git.diffWithWorkingTree',
  diffRunCommits: 'mlflow.git.diffRuns',
  returnToPreviousBranch: 'mlflow.git.returnToPrevious',
  createBranchForRun: 'mlflow.git.createBranch',

  // The compare and run panels
  compareRuns: 'mlflow.compare.open',
  addToCompare: 'mlflow.compare.addRuns',
  openRun: 'mlflow.run.open',
  /** A click on a run in the sidebar: the run in the preview run panel. */
  previewRun: 'mlflow.run.preview',

  // The runs table
  openRunsTable: 'mlflow.runsTable.open',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

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
