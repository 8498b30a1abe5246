// The workspace of the git and panels suites: the demo workspace itself (scripts/demoWorkspace.ts),
// so the suites, the UI journey and `npm run demo` open the same thing: a clone of the repository
// the fixture runs were logged from, the local store beside the code, a git identity of its own
// (stashing needs one, whatever the machine's global config), and a clean tree.
import { makeDemoWorkspace } from '../../../../scripts/demoWorkspace';

export function demoRepoWithLocalStore(repoRoot: string): (folder: string) => Promise<void> {
  return (folder) => Promise.resolve(makeDemoWorkspace(repoRoot, folder));
}
