/**
 * Metric histories as the webview holds them: per metric key, each run's overview (sampled from
 * the whole history) and, when a chart is zoomed, the zoomed range at full resolution. Requests go
 * to the host a few at a time, visible charts first; replies for a superseded range are dropped.
 */
import type { HostMessage, MetricSeries, StepRange, WebviewMessage } from '../protocol';
import type { Columns } from './chartSeries';
import { decodeSeries, spliceDetail } from './chartSeries';

export type HistoryState = 'missing' | 'loading' | 'loaded' | 'failed';

interface Entry {
  state: HistoryState;
  overview: Map<string, Columns>;
  detail?: { range: StepRange; requestId: string; series?: Map<string, Columns> };
  error?: string;
  /** The spliced overview+detail per run, made once per change. */
  shown?: Map<string, Columns>;
}

/** At most this many requests are in flight at once. */
const CONCURRENCY = 2;
/** Points a zoomed range asks for per run (the server's limit). */
const DETAIL_POINTS = 2500;

export class HistoryStore {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: string[] = [];
  private readonly inFlight = new Map<string, { key: string; detail: boolean }>();
  private counter = 0;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly onChange: (metricKey: string) => void,
    private readonly pointsPerRun: () => number,
  ) {}

  state(key: string): HistoryState {
    return this.entries.get(key)?.state ?? 'missing';
  }

  error(key: string): string | undefined {
    return this.entries.get(key)?.error;
  }

  /** Each run's history to draw: the overview, with the zoomed range spliced in when it has arrived. */
  series(key: string): Map<string, Columns> | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.state !== 'loaded') return undefined;
    if (!entry.shown) {
      const detail = entry.detail?.series ? entry.detail : undefined;
      entry.shown = new Map(
        [...entry.overview].map(([runId, columns]) => {
          const zoomed = detail?.series?.get(runId);
          return [runId, zoomed && detail ? spliceDetail(columns, zoomed, detail.range) : columns];
        }),
      );
    }
    return entry.shown;
  }

  /** The overview alone (for summaries that must not change with the zoom). */
  overview(key: string): Map<string, Columns> | undefined {
    const entry = this.entries.get(key);
    return entry?.state === 'loaded' ? entry.overview : undefined;
  }

  /** Asks for a metric's overview (again, after a failure); `urgent` puts it first in line. */
  want(key: string, urgent = false): void {
    const state = this.state(key);
    if (state === 'loaded' || state === 'loading') return;
    const queued = this.queue.indexOf(key);
    if (queued >= 0) {
      if (!urgent) return;
      this.queue.splice(queued, 1);
    }
    if (urgent) this.queue.unshift(key);
    else this.queue.push(key);
    this.pump();
  }

  /** Fetches `range` of a metric at full resolution; undefined drops the zoomed range. */
  zoom(key: string, range: StepRange | undefined): void {
    const entry = this.entries.get(key);
    if (!entry || entry.state !== 'loaded') return;
    entry.shown = undefined;
    if (!range) {
      entry.detail = undefined;
      this.onChange(key);
      return;
    }
    const requestId = this.nextId();
    entry.detail = { range, requestId };
    this.inFlight.set(requestId, { key, detail: true });
    this.post({ type: 'requestMetricHistory', requestId, metricKey: key, maxPoints: DETAIL_POINTS, range });
  }

  /** Takes a reply from the host; returns false when it was not one of ours. */
  receive(message: Extract<HostMessage, { type: 'metricHistory' | 'metricHistoryFailed' }>): boolean {
    const request = this.inFlight.get(message.requestId);
    if (!request || request.key !== message.metricKey) return false;
    this.inFlight.delete(message.requestId);
    const entry = this.entries.get(request.key);
    if (!entry) return false;
    if (request.detail) {
      if (entry.detail?.requestId === message.requestId && message.type === 'metricHistory') {
        entry.detail.series = decodeAll(message.series);
        entry.shown = undefined;
        this.onChange(request.key);
      }
    } else if (message.type === 'metricHistory') {
      Object.assign(entry, {
        state: 'loaded',
        overview: decodeAll(message.series),
        error: undefined,
        shown: undefined,
      });
      this.onChange(request.key);
    } else {
      Object.assign(entry, { state: 'failed', error: message.message });
      this.onChange(request.key);
    }
    this.pump();
    return true;
  }

  /** Forgets everything (the runs changed). */
  clear(): void {
    this.entries.clear();
    this.queue.length = 0;
    this.inFlight.clear();
  }

  private pump(): void {
    const overviews = [...this.inFlight.values()].filter((request) => !request.detail).length;
    for (let free = CONCURRENCY - overviews; free > 0 && this.queue.length > 0; free--) {
      const key = this.queue.shift()!;
      const requestId = this.nextId();
      this.entries.set(key, { state: 'loading', overview: new Map() });
      this.inFlight.set(requestId, { key, detail: false });
      this.post({ type: 'requestMetricHistory', requestId, metricKey: key, maxPoints: this.pointsPerRun() });
      this.onChange(key);
    }
  }

  private nextId(): string {
    this.counter += 1;
    return `history-${this.counter}`;
  }
}

function decodeAll(series: Record<string, MetricSeries>): Map<string, Columns> {
  return new Map(Object.entries(series).map(([runId, one]) => [runId, decodeSeries(one)]));
}
