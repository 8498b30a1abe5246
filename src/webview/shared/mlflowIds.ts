/*
 * The one rule for each id MLflow records, for the extension host and the webviews alike (pure:
 * no VS Code, no Node, no DOM).
 *
 * Run ids. MLflow makes them 32 lowercase hex digits (`uuid.uuid4().hex`) but checks a run id it is
 * given with a wider rule (`_validate_run_id`): a letter or a digit, then up to 255 letters,
 * digits, `_` or `-`. We accept exactly that, so no id MLflow accepts is refused, and what passes
 * is never read as an option (`-x`), a path (`..`, `a/b`) or the end of a quoted filter value (`'`).
 *
 * Commit ids answer two questions:
 * - What MLflow writes in the tag `mlflow.source.git.commit`: the full id of HEAD, 40 hex digits
 *   (SHA-1) or 64 (a SHA-256 repository). Only a full id can be searched for (the tag holds the
 *   whole id) or fetched from a remote by id: `isFullCommitId`.
 * - What a person may give (typed, or a tag set by hand): a full id, or an abbreviation of 7 (git's
 *   default) to 40 digits: `isCommitId`. 41 to 63 digits would only abbreviate a SHA-256 id, which
 *   nobody types; it is far likelier a SHA-1 id with a typo, so it is refused.
 * Both are lower case, as git prints them: callers lower what a person or a tag gives first.
 */

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,255}$/;
const FULL_COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ABBREVIATED_COMMIT_ID = /^[0-9a-f]{7,40}$/;

/** How many digits of a commit id git and MLflow's UI show. */
export const SHORT_COMMIT_LENGTH = 7;

/** True for an id MLflow accepts as a run id (see above). */
export function isRunId(value: string): boolean {
  return RUN_ID.test(value);
}

/** True for a full commit id as MLflow records it: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits. */
export function isFullCommitId(value: string): boolean {
  return FULL_COMMIT_ID.test(value);
}

/** True for a full commit id or an abbreviation of 7 to 40 lowercase hex digits. */
export function isCommitId(value: string): boolean {
  return ABBREVIATED_COMMIT_ID.test(value) || FULL_COMMIT_ID.test(value);
}

/** The first 7 digits, the way git and MLflow's UI show a commit. */
export function shortCommitId(id: string): string {
  return id.slice(0, SHORT_COMMIT_LENGTH);
}
