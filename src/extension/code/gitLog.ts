import type { GitRunnerOptions } from '../git/gitRunner';
import type { ScopedLogger } from '../platform/logger';

/**
 * Runner options that log every git command the extension runs (its arguments, exit code and
 * time; the arguments are ours and hold no credentials), so the log shows what was done.
 */
export function loggedGitOptions(logger: ScopedLogger): GitRunnerOptions {
  return {
    onCommand: ({ repository, args, exitCode, durationMs }) =>
      logger.trace(`git ${args.join(' ')} in ${repository}: exit ${exitCode ?? '?'}, ${durationMs} ms`),
  };
}
