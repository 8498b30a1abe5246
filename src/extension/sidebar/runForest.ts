import { SystemTags } from '../tracking/model';
import type { Run } from '../tracking/model';

/**
 * Runs of one experiment arranged as MLflow nests them: each child (`mlflow.parentRunId`) under
 * its parent, at any depth. Order follows the search: a parent stands where its first-listed
 * descendant would, so the newest activity stays on top whatever the sort, and a sweep sorted by
 * a metric stands where its best trial does (it is one result); `placedBy` says which run that is.
 */
export interface RunForest {
  /** Run ids at the top level, in display order. */
  readonly roots: readonly string[];
  /** The children of `runId` in display order; [] for a leaf. */
  childrenOf(runId: string): readonly string[];
  /** The parent shown above `runId`, undefined at the top level. */
  parentOf(runId: string): string | undefined;
  run(runId: string): Run | undefined;
  /** False for a parent fetched only to nest listed runs under it. */
  isListed(runId: string): boolean;
  /**
   * The descendant whose place in the search puts `runId` where it stands, when that is not the
   * run itself (e.g. the best trial of a sweep, sorted by a metric); undefined otherwise.
   */
  placedBy(runId: string): string | undefined;
}

/** The parent a run names, or undefined when it names none (or itself). */
export function parentRunIdOf(run: Run): string | undefined {
  const parentRunId = run.data.tags[SystemTags.parentRunId]?.trim();
  return parentRunId && parentRunId !== run.info.runId ? parentRunId : undefined;
}

/**
 * Nests `listed` (search results, in order) plus `parents` (runs fetched only because a listed run
 * names them as parent). A run whose parent is absent stays at the top level; a parent chain that
 * loops (tags are free text) is cut where the loop would close, so every run is shown once.
 */
export function buildRunForest(listed: readonly Run[], parents: readonly Run[] = []): RunForest {
  const byId = new Map<string, Run>();
  const rank = new Map<string, number>();
  listed.forEach((run, index) => {
    if (!byId.has(run.info.runId)) {
      byId.set(run.info.runId, run);
      rank.set(run.info.runId, index);
    }
  });
  for (const run of parents) if (!byId.has(run.info.runId)) byId.set(run.info.runId, run);

  const parentOf = linkParents(byId, rank);
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const runId of byId.keys()) {
    const parent = parentOf.get(runId);
    if (parent === undefined) roots.push(runId);
    else {
      const siblings = children.get(parent);
      if (siblings) siblings.push(runId);
      else children.set(parent, [runId]);
    }
  }
  const order = subtreeRanks(roots, children, rank);
  const byRank = (a: string, b: string): number => order.get(a)!.rank - order.get(b)!.rank;
  roots.sort(byRank);
  for (const list of children.values()) list.sort(byRank);
  return {
    roots,
    childrenOf: (runId) => children.get(runId) ?? [],
    parentOf: (runId) => parentOf.get(runId),
    run: (runId) => byId.get(runId),
    isListed: (runId) => rank.has(runId),
    placedBy: (runId) => {
      const by = order.get(runId)?.by;
      return by === runId ? undefined : by;
    },
  };
}

/** Child -> parent for every run whose parent is present, visiting runs in rank order so loops break the same way every time. */
function linkParents(byId: ReadonlyMap<string, Run>, rank: ReadonlyMap<string, number>): Map<string, string> {
  const parentOf = new Map<string, string>();
  const visitOrder = [...byId.keys()].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
  for (const runId of visitOrder) {
    const parent = parentRunIdOf(byId.get(runId)!);
    if (parent !== undefined && byId.has(parent) && !isAncestorOrSelf(runId, parent, parentOf)) {
      parentOf.set(runId, parent);
    }
  }
  return parentOf;
}

function isAncestorOrSelf(candidate: string, start: string, parentOf: ReadonlyMap<string, string>): boolean {
  for (let current: string | undefined = start; current !== undefined; current = parentOf.get(current)) {
    if (current === candidate) return true;
  }
  return false;
}

/** Each run's sort key: the best rank in its subtree and the run holding it (a fetched parent has no rank of its own). */
function subtreeRanks(
  roots: readonly string[],
  children: ReadonlyMap<string, readonly string[]>,
  rank: ReadonlyMap<string, number>,
): Map<string, { rank: number; by: string | undefined }> {
  const order = new Map<string, { rank: number; by: string | undefined }>();
  const visit = (runId: string): { rank: number; by: string | undefined } => {
    const own = rank.get(runId);
    let best = { rank: own ?? Infinity, by: own === undefined ? undefined : runId };
    for (const child of children.get(runId) ?? []) {
      const placed = visit(child);
      if (placed.rank < best.rank) best = placed;
    }
    order.set(runId, best);
    return best;
  };
  roots.forEach(visit);
  return order;
}
