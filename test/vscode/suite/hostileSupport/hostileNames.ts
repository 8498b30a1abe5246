// Names an attacker can give runs (any user of a server may), shared by the suite's workspace and its tests.

/** Issue 10.16's name, its command's arguments URI-encoded so VS Code's link pattern takes all of it. */
export const LINK_NAME =
  '[Open notes](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22touch%20%2Ftmp%2Fx%5Cn%22%7D) run';

/** The demo runs renamed by the suite's workspace, by the run id, and what each becomes. */
export const HOSTILE_RUNS = {
  /** baseline-adam (commit 7aead6a, in the repository): checked out, returned from. */
  checkedOut: { runId: 'cf40313fe7184d6ea1b28d1de04054ee', name: `${LINK_NAME} 1` },
  /** adamw-long, its commit tag removed: Check Out fails with an error naming it. */
  noCommit: { runId: '8cd48b0fd8564163aae0c6d459a8e05c', name: `${LINK_NAME} 2` },
  /** adamw-warmup, its commit tag a commit no repository has: the explanation names it. */
  unknownCommit: { runId: '667d16db75854e61a6641969fc22a926', name: `${LINK_NAME} 3` },
  /** sgd-momentum: an icon and a right-to-left override. */
  iconAndBidi: { runId: 'f0603c11fb3f401791dd38e74a622e46', name: '$(zap) notes\u202Etxt.exe' },
  /** rmsprop: 6,000 characters. */
  long: { runId: '7bf9a0806bb0443eb3f97061b33f485c', name: 'n'.repeat(6000) },
} as const;

/** A commit id that is in no repository of the workspace. */
export const ABSENT_COMMIT = 'deadbeef'.repeat(5);
