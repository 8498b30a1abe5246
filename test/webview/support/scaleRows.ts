// 10,000 runs x (50 params, 30 metrics, 20 tags) for the runs table, grown from the recorded `scale`
// experiment: the first 1,000-run page a real MLflow 3.5.1 server answered (transcript 056), each run
// read by the REST client's own parser and made a row by the host's own TableRows. The page is repeated
// ten times (copy c: new run ids (c added to the last two hex digits) and names, and the commit's first hex digit set to c so that grouping by
// commit has ten groups), and the recorded 5 params / 5 metrics / 7 tags are widened with keys derived
// from the recorded values.
import { readFileSync } from 'node:fs';
import { TableRows } from '../../../src/extension/runsTable/tableRows';
import { runFromWire } from '../../../src/extension/tracking/rest/wire';
import type { TableRow } from '../../../src/webview/protocol';
import { fromWire, toWire } from '../../../src/webview/protocol';

const PAGE = 'test/fixtures/mlflow-3.5.1/transcripts/056-runs-search-scale-page1-max1000.json';

/** The recorded page's 1,000 runs as the host sends them. */
export function recordedScaleRows(): TableRow[] {
  const transcript = JSON.parse(readFileSync(PAGE, 'utf8')) as { response: { body_text: string } };
  const body = JSON.parse(transcript.response.body_text) as { runs: unknown[] };
  const rows = new TableRows(() => []);
  return body.runs.map((run, index) => rows.rowOf(runFromWire(run, `runs[${index}]`)));
}

export interface Shape {
  copies: number;
  params: number;
  metrics: number;
  tags: number;
}

/** `copies` x 1,000 runs with `params` params, `metrics` metrics and `tags` tags each (at least the recorded ones). */
export function scaleRows(shape: Shape = { copies: 10, params: 50, metrics: 30, tags: 20 }): TableRow[] {
  const base = recordedScaleRows();
  const rows: TableRow[] = [];
  for (let copy = 0; copy < shape.copies; copy++) {
    for (const row of base) {
      const params = { ...row.params };
      const paramKeys = Object.keys(row.params);
      for (let i = paramKeys.length; i < shape.params; i++)
        params[`p${String(i).padStart(2, '0')}`] = `${row.params[paramKeys[i % paramKeys.length]!]}-${i % 7}`;
      const metrics = { ...row.metrics };
      const metricKeys = Object.keys(row.metrics);
      for (let i = metricKeys.length; i < shape.metrics; i++)
        metrics[`m${String(i).padStart(2, '0')}`] = toWire(
          fromWire(row.metrics[metricKeys[i % metricKeys.length]!]!) * (1 + i / 100),
        );
      const tags = { ...row.tags };
      const tagKeys = Object.keys(row.tags).length;
      for (let i = tagKeys; i < shape.tags; i++)
        tags[`t${String(i).padStart(2, '0')}`] = `${row.runName.slice(-1)}${i}`;
      rows.push({
        ...row,
        runId: `${row.runId.slice(0, 30)}${((Number.parseInt(row.runId.slice(30), 16) + copy) % 256).toString(16).padStart(2, '0')}`,
        runName: copy === 0 ? row.runName : `${row.runName}-copy${copy}`,
        commit: row.commit === undefined ? undefined : `${copy.toString(16)}${row.commit.slice(1)}`,
        params,
        metrics,
        tags,
      });
    }
  }
  return rows;
}
