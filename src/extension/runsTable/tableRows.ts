import type { TableRow, WireNumber } from '../../webview/protocol';
import { toWire } from '../../webview/protocol';
import { keyedRecord, SystemTags } from '../tracking/model';
import type { KeyedRecord, Metric, Run } from '../tracking/model';
import { runCommit, runLabel, runUser } from '../runs/runPresentation';
import { sourceNameShown } from '../sidebar/presentation';

/**
 * Runs as rows of the runs table. A row carries what the table shows and filters on locally; the
 * run itself stays in the host, which is what commands on the table's selection receive. Source
 * names are made relative to a workspace repository once per distinct name (the file checks are
 * the costly part of 10,000 rows, and a few scripts log them all).
 */
export class TableRows {
  private readonly sources = new Map<string, string>();

  constructor(private readonly repositoryRoots: () => readonly string[]) {}

  rowOf(run: Run): TableRow {
    const { info, data } = run;
    const tags = data.tags;
    const row: TableRow = {
      runId: info.runId,
      runName: runLabel(run),
      experimentId: info.experimentId,
      status: info.status,
      lifecycleStage: info.lifecycleStage,
      // The store's own null-prototype records: nothing here changes them, and the message copies them.
      params: data.params,
      metrics: latestValues(data.metrics),
      tags,
    };
    if (info.startTime !== undefined) row.startTime = info.startTime;
    if (info.endTime !== undefined) row.endTime = info.endTime;
    const user = runUser(run);
    if (user !== undefined) row.user = user;
    const source = tags[SystemTags.sourceName];
    if (source) row.source = this.source(source);
    const commit = runCommit(run);
    if (commit !== undefined) row.commit = commit;
    const branch = tags[SystemTags.gitBranch];
    if (branch) row.branch = branch;
    const parent = tags[SystemTags.parentRunId];
    // The tag is free text: only something shaped like a run id can name a parent row.
    if (parent && parent.length <= 256) row.parentRunId = parent;
    return row;
  }

  private source(name: string): string {
    let shown = this.sources.get(name);
    if (shown === undefined) {
      shown = sourceNameShown(name, this.repositoryRoots());
      this.sources.set(name, shown);
    }
    return shown;
  }
}

/** Each metric's latest value, spelled for the wire (NaN and ±Infinity do not survive JSON). */
function latestValues(metrics: KeyedRecord<Metric>): Record<string, WireNumber> {
  const values = keyedRecord<WireNumber>();
  for (const key in metrics) values[key] = toWire(metrics[key]!.value);
  return values;
}
