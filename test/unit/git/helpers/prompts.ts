import type { CheckoutPrompts, UncommittedChangesChoice } from '../../../../src/extension/git/checkoutFlow';
import type { FetchQuestion } from '../../../../src/extension/git/commitAvailability';
import type { FetchProgress } from '../../../../src/extension/git/gitWriter';
import type { ReturnPrompts } from '../../../../src/extension/git/returnFlow';
import type { WorkingTreeStatus } from '../../../../src/extension/git/workingTreeStatus';

export interface PromptScript {
  fetch?: boolean;
  choice?: UncommittedChangesChoice;
  popStash?: boolean;
  /** Cancel the fetch: before it starts, or this many ms after it started (for a remote that hangs). */
  cancelFetch?: 'before' | number;
}

/** Answers the flows' questions from a script and records what was asked. */
export function scriptedPrompts(script: PromptScript = {}) {
  const asked: string[] = [];
  const progress: FetchProgress[] = [];
  const seen: { fetch?: FetchQuestion; status?: WorkingTreeStatus } = {};
  const prompts: CheckoutPrompts & ReturnPrompts = {
    confirmFetch(question) {
      asked.push('confirmFetch');
      seen.fetch = question;
      return Promise.resolve(script.fetch ?? false);
    },
    async withFetchProgress(_title, fetch) {
      asked.push('fetchProgress');
      const controller = new AbortController();
      if (script.cancelFetch === 'before') controller.abort();
      else if (typeof script.cancelFetch === 'number') setTimeout(() => controller.abort(), script.cancelFetch);
      await fetch(controller.signal, (event) => progress.push(event));
    },
    chooseForUncommittedChanges(question) {
      asked.push('uncommittedChanges');
      seen.status = question.status;
      return Promise.resolve(script.choice ?? 'cancel');
    },
    confirmPopStash() {
      asked.push('popStash');
      return Promise.resolve(script.popStash ?? false);
    },
  };
  return { prompts, asked, progress, seen };
}
