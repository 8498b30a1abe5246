import { ensureCommitIn } from '../git/commitAvailability';
import { openGitRepository } from '../git/repository';
import type { GitRepository } from '../git/repository';
import type { RepositoryMatch } from '../git/repositoryMatcher';
import { matchRunToRepositories } from '../git/repositoryMatcher';
import { resolveCandidateFolders } from '../git/repositoryFacts';
import type { RunSource } from '../git/runSource';
import { describeRun, requireRunCommit } from '../git/runSource';
import { FETCH_AND_RETRY, checkoutPrompts } from './checkoutPrompts';
import type { GitCommandContext } from './gitCommandContext';

/**
 * The workspace repository a run's code belongs to, holding the run's commit; undefined when the
 * user cancels. The commit tag is checked before any git runs. One match is used; several are
 * offered in a quick pick saying why each matched; a missing commit can be fetched ("Fetch and
 * Retry"); no match at all is explained, with the offer to fetch when a repository has remotes.
 */
export async function repositoryForRun(context: GitCommandContext, run: RunSource): Promise<GitRepository | undefined> {
  const commit = requireRunCommit(run);
  const folders = context.workbench.workspaceFolders();
  const result = await matchRunToRepositories(folders, run, context.gitOptions);
  if (result.kind === 'none') return fetchIntoChosenRepository(context, run, folders, result.explanation);
  const match = await chooseMatch(context, run, result.matches);
  if (!match) return undefined;
  const repo = openGitRepository(match.root, context.gitOptions);
  const present = await ensureCommitIn(repo, commit, run, checkoutPrompts(context.dialogs()));
  return present === undefined ? undefined : repo;
}

async function chooseMatch(
  context: GitCommandContext,
  run: RunSource,
  matches: RepositoryMatch[],
): Promise<RepositoryMatch | undefined> {
  if (matches.length === 1) return matches[0];
  const items = matches.map((match) => ({
    label: match.root,
    description: match.submoduleOf ? `submodule of ${match.submoduleOf}` : '',
    detail: match.detail,
    match,
  }));
  const title = `Repositories that match the ${describeRun(run)}`;
  return (await context.dialogs().pick(items, title, 'Which repository holds the code of this run?'))?.match;
}

/**
 * No repository matched: the explanation is shown in full. When the run's commit may simply not
 * have been fetched yet (a repository of the workspace has remotes), the dialog offers to fetch
 * it there and go on.
 */
async function fetchIntoChosenRepository(
  context: GitCommandContext,
  run: RunSource,
  folders: string[],
  explanation: string,
): Promise<GitRepository | undefined> {
  context.logger.warn(explanation);
  const fetchable = await repositoriesWithRemotes(folders, context);
  const [headline = '', ...rest] = explanation.split('\n');
  const offer = fetchable.length > 0 ? [FETCH_AND_RETRY] : [];
  const more = offer.length
    ? `\n\n"${FETCH_AND_RETRY}" fetches the commit from the remotes of ${fetchable.length === 1 ? fetchable[0] : 'a repository you choose'}.`
    : '';
  if ((await context.dialogs().askModal(headline, rest.join('\n') + more, offer)) !== FETCH_AND_RETRY) return undefined;
  const root =
    fetchable.length === 1
      ? fetchable[0]
      : (
          await context.dialogs().pick(
            fetchable.map((label) => ({ label })),
            'Fetch and Retry',
            'Fetch the commit into which repository?',
          )
        )?.label;
  if (root === undefined) return undefined;
  const repo = openGitRepository(root, context.gitOptions);
  const present = await ensureCommitIn(
    repo,
    requireRunCommit(run),
    run,
    checkoutPrompts(context.dialogs(), { fetchConfirmed: true }),
  );
  return present === undefined ? undefined : repo;
}

async function repositoriesWithRemotes(folders: string[], context: GitCommandContext): Promise<string[]> {
  const roots = new Set(
    (await resolveCandidateFolders(folders, context.gitOptions)).flatMap((candidate) =>
      candidate.root ? [candidate.root] : [],
    ),
  );
  const withRemotes = await Promise.all(
    [...roots].map(async (root) =>
      (
        await openGitRepository(root, context.gitOptions)
          .reader.remotes()
          .catch(() => [])
      ).length > 0
        ? root
        : undefined,
    ),
  );
  return withRemotes.filter((root): root is string => root !== undefined);
}
