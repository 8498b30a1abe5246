import type { Run } from '../tracking/model';

/**
 * The elements of the MLflow tree. VS Code tells elements apart by object identity (to refresh
 * one, reveal one, keep one expanded), so every node is made once per id and handed out again.
 */
export type SidebarNode =
  | { readonly kind: 'experiment'; readonly id: string; readonly experimentId: string }
  | {
      readonly kind: 'run';
      readonly id: string;
      readonly experimentId: string;
      readonly runId: string;
      /**
       * The run as the tree last handed this row out. A command invoked on the row acts on it even
       * when a refresh has since emptied or replaced the loaded list (looking the run up again
       * then found nothing: "Select one run (0 selected)").
       */
      run?: Run;
    }
  | { readonly kind: 'loadMore'; readonly id: string; readonly experimentId: string }
  | { readonly kind: 'message'; readonly id: string; readonly experimentId?: string };

export type ExperimentNode = Extract<SidebarNode, { kind: 'experiment' }>;
export type RunNode = Extract<SidebarNode, { kind: 'run' }>;

/** Hands out one node object per id, so the same experiment or run is the same element each time. */
export class NodeCache {
  private readonly nodes = new Map<string, SidebarNode>();

  experiment(experimentId: string): ExperimentNode {
    return this.intern({ kind: 'experiment', id: `experiment:${experimentId}`, experimentId });
  }

  /** The row of `runId`; `run`, when given, is what the row now shows. */
  run(experimentId: string, runId: string, run?: Run): RunNode {
    const node = this.intern<RunNode>({ kind: 'run', id: `run:${runId}`, experimentId, runId });
    if (run) node.run = run;
    return node;
  }

  loadMore(experimentId: string): SidebarNode {
    return this.intern({ kind: 'loadMore', id: `loadMore:${experimentId}`, experimentId });
  }

  /** A message row: at the top level, or under an experiment. */
  message(experimentId?: string): SidebarNode {
    const id = experimentId === undefined ? 'message' : `message:${experimentId}`;
    return this.intern(experimentId === undefined ? { kind: 'message', id } : { kind: 'message', id, experimentId });
  }

  clear(): void {
    this.nodes.clear();
  }

  private intern<T extends SidebarNode>(node: T): T {
    const existing = this.nodes.get(node.id);
    if (existing) return existing as T;
    this.nodes.set(node.id, node);
    return node;
  }
}
