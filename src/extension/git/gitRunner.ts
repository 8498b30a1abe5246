import { existsSync } from 'node:fs';
import { GitPluginError, simpleGit } from 'simple-git';
import type { SimpleGitOptions, SimpleGitProgressEvent } from 'simple-git';
import { MlflowCancelledError, errorMessage } from '../tracking/errors';
import { GitError, gitCommandError } from './gitErrors';

/** What a caller may learn about each git command (for the log; never credentials, args are ours). */
export interface GitCommandEvent {
  repository: string;
  args: readonly string[];
  exitCode: number | undefined;
  durationMs: number;
}

export interface GitRunnerOptions {
  /** Kill a command that prints nothing for this long (ms). Default 60 s. */
  idleTimeoutMs?: number;
  /** Called after every git command, e.g. to log it. */
  onCommand?: (event: GitCommandEvent) => void;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (event: SimpleGitProgressEvent) => void;
  /** Exit codes that are answers rather than failures (e.g. 1 from `rev-parse --verify --quiet`). */
  acceptExitCodes?: readonly number[];
}

export interface GitOutput<T> {
  stdout: T;
  stderr: string;
  exitCode: number;
}

interface CommandResult {
  exitCode?: number;
  stderr: string;
  failure?: GitError;
}

/**
 * Environment variables simple-git guards (every `GIT_*`, plus these): passing one explicitly
 * makes simple-git refuse the command, and inherited ones are stripped anyway.
 */
const GUARDED_NAMES = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);
/** Certificate settings change which servers are trusted, not what runs: they may pass. */
const PASSED_GIT_VARIABLES = ['GIT_SSL_CAINFO', 'GIT_SSL_CAPATH'];

/**
 * Runs git in one repository through simple-git, arguments always as arrays, with simple-git's
 * safe defaults (`--upload-pack`, `-c core.sshCommand=...` and the like are refused before git
 * starts) and `GIT_TERMINAL_PROMPT=0`, so a fetch that needs credentials fails instead of waiting
 * for a prompt nobody sees. A failure becomes a `GitError` with git's own text.
 */
export class GitRunner {
  constructor(
    readonly repository: string,
    private readonly options: GitRunnerOptions = {},
  ) {}

  /** Runs `git <args>` and returns its stdout. */
  async text(args: readonly string[], options: RunOptions = {}): Promise<GitOutput<string>> {
    return this.run(args, options, (git) => git.raw([...args]));
  }

  /** Runs `git <args>` and returns its stdout as bytes (file contents may be binary). */
  async bytes(args: readonly string[], options: RunOptions = {}): Promise<GitOutput<Buffer>> {
    const [command, ...rest] = args;
    if (command !== 'cat-file') throw new Error('GitRunner.bytes only runs cat-file');
    return this.run(args, options, async (git): Promise<Buffer> => {
      const output: unknown = await git.binaryCatFile([...rest]);
      if (!Buffer.isBuffer(output)) throw new Error('git cat-file gave no bytes');
      return output;
    });
  }

  private async run<T>(
    args: readonly string[],
    options: RunOptions,
    task: (git: ReturnType<typeof simpleGit>) => Promise<T>,
  ): Promise<GitOutput<T>> {
    if (options.signal?.aborted) throw new MlflowCancelledError();
    const started = Date.now();
    const result: CommandResult = { stderr: '' };
    try {
      const stdout = await task(simpleGit(this.simpleGitOptions(args, options, result)).env(gitEnvironment()));
      return { stdout, stderr: result.stderr, exitCode: result.exitCode ?? 0 };
    } catch (error) {
      if (result.failure?.gitMessage === '') throw await this.explainSilentFailure(result.failure);
      throw result.failure ?? this.translate(error, args, options.signal);
    } finally {
      this.options.onCommand?.({
        repository: this.repository,
        args,
        exitCode: result.exitCode,
        durationMs: Date.now() - started,
      });
    }
  }

  /** simple-git's options for one command; its exit code, stderr and our error land in `result`. */
  private simpleGitOptions(
    args: readonly string[],
    options: RunOptions,
    result: CommandResult,
  ): Partial<SimpleGitOptions> {
    const accepted = options.acceptExitCodes ?? [];
    const config: Partial<SimpleGitOptions> = {
      baseDir: this.repository,
      allowEnvironment: ['GIT_TERMINAL_PROMPT', ...PASSED_GIT_VARIABLES],
      timeout: { block: this.options.idleTimeoutMs ?? 60_000 },
      errors: (error, outcome) => {
        result.exitCode = outcome.exitCode;
        result.stderr = Buffer.concat(outcome.stdErr).toString('utf8');
        // simple-git has already turned git's stderr into its own error; ours replaces it. Errors
        // of simple-git's plugins (refused arguments, abort, timeout) pass through as they are.
        if (error instanceof GitPluginError) return error;
        if (outcome.exitCode === 0 || accepted.includes(outcome.exitCode)) return undefined;
        const stdout = Buffer.concat(outcome.stdOut).toString('utf8');
        result.failure = gitCommandError(args, outcome.exitCode, result.stderr, this.repository, stdout);
        return result.failure;
      },
    };
    if (options.signal) config.abort = options.signal;
    if (options.onProgress) config.progress = options.onProgress;
    return config;
  }

  /**
   * Some commands (`git stash` among them) fail with no message when another git process holds
   * the index lock: name the lock then, since it is what the user has to deal with.
   */
  private async explainSilentFailure(failure: GitError): Promise<GitError> {
    try {
      const { stdout } = await this.text(['rev-parse', '--path-format=absolute', '--git-path', 'index.lock']);
      const lock = stdout.trim();
      if (!existsSync(lock)) return failure;
      return new GitError(
        'lockFile',
        `${failure.message}: the lock file ${lock} exists (another git process may be running; if none is, remove it).`,
        {
          repository: this.repository,
          cause: failure,
        },
      );
    } catch {
      return failure;
    }
  }

  private translate(error: unknown, args: readonly string[], signal: AbortSignal | undefined): Error {
    if (signal?.aborted) return new MlflowCancelledError(`git ${args[0] ?? ''} was cancelled.`);
    const message = errorMessage(error);
    const details = { repository: this.repository, cause: error, gitMessage: message };
    if (error instanceof GitPluginError && error.plugin === 'timeout') {
      return new GitError(
        'timeout',
        `git ${args[0] ?? ''} in ${this.repository} stopped answering and was stopped.`,
        details,
      );
    }
    if (error instanceof GitPluginError && (error.plugin === 'unsafe' || error.plugin === 'allowEnvironment')) {
      return new GitError('unsafeArgument', `Refused to run git ${args[0] ?? ''}: ${message}`, details);
    }
    if (/ENOENT/.test(message) && /spawn/.test(message)) {
      return new GitError('gitNotFound', 'Git is not installed or not on the PATH.', details);
    }
    if (/Cannot use simple-git on a directory that does not exist/.test(message)) {
      return new GitError('notARepository', `The folder ${this.repository} does not exist.`, details);
    }
    return new GitError('failed', `git ${args[0] ?? ''} failed in ${this.repository}: ${message}`, details);
  }
}

/** The process environment without the variables simple-git guards, plus no terminal prompts. */
function gitEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const guarded = lower.startsWith('git_') || GUARDED_NAMES.has(lower);
    if (!guarded || PASSED_GIT_VARIABLES.includes(name)) environment[name] = value;
  }
  environment.GIT_TERMINAL_PROMPT = '0';
  return environment;
}
