import type { TableCommit } from '../../webview/protocol';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import type { LogEntry } from '../git/gitListings';

/**
 * The commits of the runs, in the order "group by commit" lays them out: those on the current
 * branch as `git log` lists them (newest first), then the others in the order given, marked as not
 * on the branch. Each is spelled as the runs' tag spells it (a run may record an abbreviated id),
 * so a row's commit names its group exactly; the subject comes from the log.
 */
export function commitOrder(runCommits: Iterable<string>, log: readonly LogEntry[]): TableCommit[] {
  const wanted = [...new Set(runCommits)];
  const byCommit = new Map<string, string[]>();
  for (const commit of wanted) {
    const entry = log.find((candidate) => candidate.commit.startsWith(commit));
    if (entry) byCommit.set(entry.commit, [...(byCommit.get(entry.commit) ?? []), commit]);
  }
  const onBranch = log.flatMap((entry) =>
    (byCommit.get(entry.commit) ?? []).map((sha) => ({
      sha,
      short: shortCommitId(sha),
      subject: entry.subject,
      onBranch: true,
    })),
  );
  const placed = new Set(onBranch.map((commit) => commit.sha));
  const elsewhere = wanted
    .filter((sha) => !placed.has(sha))
    .map((sha) => ({ sha, short: shortCommitId(sha), subject: '', onBranch: false }));
  return [...onBranch, ...elsewhere];
}

/** How the HEAD mark names HEAD: as the run commit that abbreviates it when there is one, else in full. */
export function headAs(runCommits: readonly TableCommit[], head: string | undefined): string | undefined {
  if (head === undefined) return undefined;
  return runCommits.find((commit) => head.startsWith(commit.sha))?.sha ?? head;
}
