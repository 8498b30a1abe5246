import { MlflowError } from '../tracking/errors';

/**
 * Why a git operation failed, each with the `errorCode` its `GitError` carries. Most are mapped
 * from git's own stderr (see `classifyGitFailure`); the rest are raised by our checks before git runs.
 */
export const GitErrorCode = {
  invalidCommitId: 'GIT_INVALID_COMMIT_ID',
  invalidPath: 'GIT_INVALID_PATH',
  noGitCommit: 'GIT_NO_COMMIT_TAG',
  notARepository: 'GIT_NOT_A_REPOSITORY',
  unknownCommit: 'GIT_UNKNOWN_COMMIT',
  ambiguousCommit: 'GIT_AMBIGUOUS_COMMIT',
  wouldBeOverwritten: 'GIT_WOULD_BE_OVERWRITTEN',
  dirtyTree: 'GIT_DIRTY_TREE',
  unmerged: 'GIT_UNMERGED',
  operationInProgress: 'GIT_OPERATION_IN_PROGRESS',
  shallowClone: 'GIT_SHALLOW_CLONE',
  lockFile: 'GIT_LOCK_FILE',
  invalidBranchName: 'GIT_INVALID_BRANCH_NAME',
  alreadyExists: 'GIT_ALREADY_EXISTS',
  unknownBranch: 'GIT_UNKNOWN_BRANCH',
  headMoved: 'GIT_HEAD_MOVED',
  stashConflict: 'GIT_STASH_CONFLICT',
  stashMissing: 'GIT_STASH_MISSING',
  authentication: 'GIT_AUTHENTICATION',
  remoteUnreachable: 'GIT_REMOTE_UNREACHABLE',
  noRemotes: 'GIT_NO_REMOTES',
  identityUnknown: 'GIT_IDENTITY_UNKNOWN',
  dubiousOwnership: 'GIT_DUBIOUS_OWNERSHIP',
  unsafeArgument: 'GIT_UNSAFE_ARGUMENT',
  timeout: 'GIT_TIMEOUT',
  gitNotFound: 'GIT_NOT_FOUND',
  noSourceName: 'GIT_NO_SOURCE_NAME',
  sourceNotInCommit: 'GIT_SOURCE_NOT_IN_COMMIT',
  ambiguousSource: 'GIT_AMBIGUOUS_SOURCE',
  insideSubmodule: 'GIT_INSIDE_SUBMODULE',
  badCheckoutRecord: 'GIT_BAD_CHECKOUT_RECORD',
  failed: 'GIT_FAILED',
} as const;

export type GitErrorReason = keyof typeof GitErrorCode;

export interface GitErrorDetails {
  /** Git's own words (its stderr), when git refused. */
  gitMessage?: string;
  /** The repository the operation ran in. */
  repository?: string;
  /** Paths git named (e.g. the files that would be overwritten). */
  paths?: readonly string[];
  cause?: unknown;
}

/** A git operation that failed or was refused, with a reason a caller can branch on. */
export class GitError extends MlflowError {
  override name = 'GitError';
  readonly gitMessage?: string;
  readonly repository?: string;
  readonly paths: readonly string[];

  constructor(
    readonly reason: GitErrorReason,
    message: string,
    details: GitErrorDetails = {},
  ) {
    super(message, GitErrorCode[reason], undefined, { cause: details.cause });
    this.gitMessage = details.gitMessage;
    this.repository = details.repository;
    this.paths = details.paths ?? [];
  }
}

/** Patterns of git's stderr, most specific first. */
const STDERR_REASONS: readonly (readonly [RegExp, GitErrorReason])[] = [
  [/spawn \S+ ENOENT/, 'gitNotFound'],
  [/detected dubious ownership/i, 'dubiousOwnership'],
  [/not a git repository/i, 'notARepository'],
  [/would be (overwritten|removed) by|untracked working tree files would be/i, 'wouldBeOverwritten'],
  [/Unable to create '[^']*\.lock'|cannot lock ref|\.lock': File exists/i, 'lockFile'],
  [/short (object ID|SHA1) \S+ is ambiguous/i, 'ambiguousCommit'],
  [
    /Conflicts in index|Index was not unstashed|could not restore untracked files from stash|CONFLICT \(/,
    'stashConflict',
  ],
  [/needs merge|you need to resolve your current index first|unmerged/i, 'unmerged'],
  [/is not a valid branch name|not a valid ref name/i, 'invalidBranchName'],
  [/a branch named '[^']*' already exists|' already exists/i, 'alreadyExists'],
  [/Please tell me who you are|unable to auto-detect email address|empty ident name/i, 'identityUnknown'],
  [
    /terminal prompts disabled|Authentication failed|could not read (Username|Password)|Permission denied \(publickey/i,
    'authentication',
  ],
  [
    /Could not resolve host|unable to access|Connection refused|Could not read from remote repository|does not appear to be a git repository|Connection timed out/i,
    'remoteUnreachable',
  ],
  [
    /reference is not a tree|unknown revision|bad revision|Not a valid object name|invalid object name|not a commit|couldn't find remote ref|not our ref|bad object/i,
    'unknownCommit',
  ],
  [/invalid reference: /i, 'unknownBranch'],
  [/shallow/i, 'shallowClone'],
];

/** Maps git's stderr to the reason it failed; `failed` when no pattern applies. */
export function classifyGitFailure(stderr: string): GitErrorReason {
  for (const [pattern, reason] of STDERR_REASONS) {
    if (pattern.test(stderr)) return reason;
  }
  return 'failed';
}

/** The paths git lists (tab-indented) under a "would be overwritten" complaint. */
export function pathsNamedByGit(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('\t'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The error for a git command that exited with `exitCode`: git's own text is kept whole in
 * `gitMessage` and repeated in the message, since it usually says exactly what to do. Merge
 * conflicts are reported on stdout, so `CONFLICT` lines from there are kept too.
 */
export function gitCommandError(
  args: readonly string[],
  exitCode: number,
  stderr: string,
  repository: string,
  stdout = '',
): GitError {
  const conflicts = stdout.split('\n').filter((line) => line.startsWith('CONFLICT'));
  const text = [...conflicts, stderr.trim()].filter((part) => part !== '').join('\n');
  const reason = classifyGitFailure(text);
  const shown = text.length > 2000 ? `${text.slice(0, 2000)}...` : text;
  return new GitError(
    reason,
    `git ${args[0] ?? ''} failed in ${repository}${shown ? `: ${shown}` : ` with exit code ${exitCode}`}`,
    { gitMessage: text, repository, paths: reason === 'wouldBeOverwritten' ? pathsNamedByGit(text) : [] },
  );
}

/** True when `error` is a GitError for `reason`. */
export function isGitError(error: unknown, reason?: GitErrorReason): error is GitError {
  return error instanceof GitError && (reason === undefined || error.reason === reason);
}
