/**
 * How much of a server's answer each call reads before it stops: what the call can legitimately
 * need, with room to spare, so a server that streams without end (or a gzip bomb: the limits count
 * decoded bytes) costs the extension host at most this much memory instead of all of it.
 * Artifact previews have their own limit (`maxBytes`, artifactRepository.ts); downloads go to
 * disk, not to memory.
 */

/** One call's limit, and what it is the limit of, for the message. */
export interface ResponseLimit {
  readonly bytes: number;
  /** Names what the answer holds: "the most <what> may take". */
  readonly what: string;
  /** What the caller can do about it, when there is something. */
  readonly advice?: string;
}

const MiB = 1024 * 1024;

export const ResponseLimits = {
  /**
   * A recorded page of 1,000 runs is 2.4 MB (056), about 2.5-4 KiB a run; 64 MiB holds 16,000 such
   * runs, or 1,000 runs with ten 6,000-character params each.
   */
  runsPage: { bytes: 64 * MiB, what: 'a page of runs', advice: 'Ask for fewer runs per page (max_results).' },
  /** One run, its params, tags and latest metrics: 16 MiB is 2,500 params of MLflow's largest value. */
  run: { bytes: 16 * MiB, what: 'one run' },
  /** Experiments are a few hundred bytes plus their tags (the description is one); pages hold 1,000. */
  experimentsPage: {
    bytes: 16 * MiB,
    what: 'a page of experiments',
    advice: 'Ask for fewer experiments per page (max_results).',
  },
  experiment: { bytes: 4 * MiB, what: 'one experiment' },
  /**
   * MLflow 3.5 sent 100,000 points as one 11.3 MB page (about 113 bytes a point) where a page was
   * asked for; 64 MiB holds some 590,000 such points, 23 times the 25,000 asked for by default.
   */
  metricHistoryPage: { bytes: 64 * MiB, what: 'a page of metric history' },
  /** At most 100 runs of 2,500 points, about 150 bytes each with the run id: 38 MB. */
  sampledMetricHistory: { bytes: 64 * MiB, what: 'sampled metric histories of 100 runs' },
  /** One folder's entries, about 100 bytes each: 16 MiB is some 160,000 files in one folder. */
  artifactListing: { bytes: 16 * MiB, what: 'an artifact listing' },
  /** MLflow's workspaces (3.10+): a name and a short description each; 4 MiB is tens of thousands. */
  workspaces: { bytes: 4 * MiB, what: 'the list of workspaces' },
  /** The answer to a write is `{}` or the run or experiment written. */
  writeAnswer: { bytes: 16 * MiB, what: 'the answer to a write' },
} as const satisfies Readonly<Record<string, ResponseLimit>>;

/** `64 MiB`, `512 KiB`, `300 bytes`: limits are stated as they were chosen. */
export function formatLimit(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
