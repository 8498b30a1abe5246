// The git commands' dialogs answered from a script, recording what the user would have seen.
// Shared by the plain-Node command tests and the VS Code suite (which routes progress through
// VS Code's own withProgress).
import type { GitDialogs, PickItem } from '../../src/extension/code/gitDialogs';

/** One dialog the flow showed, as the user would have seen it. */
export interface Shown {
  kind: 'modal' | 'inform' | 'pick' | 'progress';
  message: string;
  detail?: string;
  actions?: readonly string[];
  items?: string[];
}

export interface DialogScript {
  /** Answers to the modal questions, in the order they are asked; missing answers are Cancel. */
  modal?: (string | undefined)[];
  /** Answers to notifications offering actions, in order; missing answers close them. */
  inform?: (string | undefined)[];
  /** The label to pick in each quick pick, in order; missing answers dismiss it. */
  pick?: (string | undefined)[];
  /** Cancel every cancellable progress (a fetch) before its work starts. */
  cancelProgress?: boolean;
}

/** Dialogs answered from `script`, recording everything shown. */
export function scriptedDialogs(script: DialogScript = {}): { dialogs: GitDialogs; shown: Shown[] } {
  const shown: Shown[] = [];
  const modal = [...(script.modal ?? [])];
  const inform = [...(script.inform ?? [])];
  const pick = [...(script.pick ?? [])];
  const dialogs: GitDialogs = {
    askModal(message, detail, actions) {
      shown.push({ kind: 'modal', message, detail, actions });
      const answer = modal.shift();
      if (answer !== undefined && !actions.includes(answer))
        throw new Error(`"${answer}" is not offered by: ${message} (${actions.join(', ')})`);
      return Promise.resolve(answer);
    },
    inform(message, actions = []) {
      shown.push({ kind: 'inform', message, actions });
      return Promise.resolve(actions.length ? inform.shift() : undefined);
    },
    pick<T extends PickItem>(items: readonly T[], title: string) {
      shown.push({ kind: 'pick', message: title, items: items.map((item) => item.label) });
      const label = pick.shift();
      return Promise.resolve(items.find((item) => item.label === label));
    },
    async withProgress(title, cancellable, task) {
      shown.push({ kind: 'progress', message: title });
      const controller = new AbortController();
      if (cancellable && script.cancelProgress) controller.abort();
      return task(controller.signal, () => undefined);
    },
  };
  return { dialogs, shown };
}
