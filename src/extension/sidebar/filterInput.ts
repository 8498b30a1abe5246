import * as vscode from 'vscode';
import { completeFilterKey } from '../tracking/search/filterKeys';
import type { KnownKeys } from '../tracking/search/filterKeys';
import { describeUnknownKey, unknownFilterKeys } from '../tracking/search/filterKeys';
import { parseRunFilter } from '../tracking/search/filterParser';
import { quotedKey } from '../tracking/search/filterSyntax';
import { describeFilterProblem } from './filterValidation';
import { messageText } from '../platform/untrustedText';

/** What Enter on an item does: finish the filter text, apply a filter, or nothing (a message). */
type FilterAction = { kind: 'edit'; filter: string } | { kind: 'apply'; filter: string } | { kind: 'none' };
/** An item of the filter input: a key completion, a problem with the text, Apply, or a recent filter. */
export type FilterItem = vscode.QuickPickItem & {
  role: 'completion' | 'problem' | 'apply' | 'recent';
  action: FilterAction;
};

/** What the filter input is opened with. */
export interface FilterInputOptions {
  experimentName: string;
  current: string | undefined;
  recent: readonly string[];
  /** The keys of the experiment's runs: what is completed, and what a key is checked against. */
  knownKeys: KnownKeys;
}

/** An open filter input: the QuickPick (for a test to read) and the filter it ends with. */
export interface FilterInput {
  readonly quickPick: vscode.QuickPick<FilterItem>;
  /** '' for "no filter", undefined when the user backs out. */
  readonly result: Promise<string | undefined>;
}

const PROMPT = "MLflow's filter language, e.g. metrics.loss < 0.2 AND params.optimizer = 'adam'. Empty: every run.";
const ENTITY_PREFIX = { metric: 'metrics', param: 'params', tag: 'tags', attribute: 'attributes' } as const;

/**
 * Asks for a run filter in MLflow's language. A QuickPick, not an InputBox: VS Code's InputBox
 * cannot list anything, and completing `metrics.`/`params.`/`tags.`/`attributes.` keys from the
 * experiment's runs needs a list (and an InputBox's validation message would also hide the
 * keys). The items follow the text as it is typed: the keys that finish the one being typed
 * (Enter completes it), else "Apply filter"; then the parser's error (nothing to apply), or a key
 * no loaded run has with the closest one (a warning: the filter can still be applied; Enter on
 * the warning swaps the closest key in); in an empty input, the recent filters.
 */
export async function askForRunFilter(options: FilterInputOptions): Promise<string | undefined> {
  return openRunFilterInput(options).result;
}

/** Opens the filter input; see `askForRunFilter`. */
export function openRunFilterInput(options: FilterInputOptions): FilterInput {
  const quickPick = vscode.window.createQuickPick<FilterItem>();
  quickPick.title = `Filter Runs of ${options.experimentName}`;
  quickPick.placeholder = PROMPT;
  quickPick.ignoreFocusOut = true;
  quickPick.value = options.current ?? '';
  const update = (): void => {
    const items = filterItems(quickPick.value, options);
    quickPick.items = items;
    // Enter completes a key while one is offered, else applies: warnings are read, not forced.
    const preferred = items.find((item) => item.role === 'completion') ?? items.find((item) => item.role === 'apply');
    quickPick.activeItems = preferred ? [preferred] : [];
  };
  const result = new Promise<string | undefined>((resolve) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (filter: string | undefined): void => {
      resolve(filter);
      for (const subscription of subscriptions) subscription.dispose();
      quickPick.dispose();
    };
    subscriptions.push(
      quickPick.onDidChangeValue(update),
      quickPick.onDidAccept(() => {
        // No active item while VS Code still shows the items of an earlier text: act on the first for this one.
        const item = quickPick.activeItems[0] ?? filterItems(quickPick.value, options)[0];
        // "Apply" takes the text as it is now: the item may have been made for a shorter one.
        if (item?.role === 'apply' && describeFilterProblem(quickPick.value) === undefined)
          finish(quickPick.value.trim());
        else if (item?.role === 'recent' && item.action.kind === 'apply') finish(item.action.filter);
        else if (item?.action.kind === 'edit') {
          quickPick.value = item.action.filter;
          update();
        }
      }),
      quickPick.onDidHide(() => finish(undefined)),
    );
  });
  update();
  quickPick.show();
  return { quickPick, result };
}

/**
 * The items for the text typed so far, the one Enter should act on first: VS Code makes the first
 * item active when the text changes, before these items for the new text arrive, so the first
 * place is kept for the key completion, else "Apply filter". Recent filters are offered only in
 * an empty input, where VS Code does not reorder items by how well they match the text.
 */
export function filterItems(value: string, options: FilterInputOptions): FilterItem[] {
  const items: FilterItem[] = [];
  for (const completion of completeFilterKey(value, options.knownKeys)) {
    items.push({
      label: messageText(`${ENTITY_PREFIX[completion.entityType]}.${completion.key}`),
      description:
        completion.runs === undefined ? undefined : completion.runs === 1 ? '1 run' : `${completion.runs} runs`,
      alwaysShow: true,
      role: 'completion',
      action: { kind: 'edit', filter: completion.filter },
    });
  }
  const problem = describeFilterProblem(value);
  const filter = value.trim();
  if (problem === undefined) {
    items.push({
      label: filter ? '$(check) Apply filter' : '$(check) Show every run',
      description: filter && filter === options.current?.trim() ? '(current)' : undefined,
      alwaysShow: true,
      role: 'apply',
      action: { kind: 'apply', filter },
    });
    items.push(...keyWarnings(value, options.knownKeys));
  } else {
    items.push({
      label: `$(error) ${messageText(problem)}`,
      alwaysShow: true,
      role: 'problem',
      action: { kind: 'none' },
    });
  }
  if (filter === '') {
    for (const recent of options.recent)
      items.push({
        label: messageText(recent),
        description: 'recent',
        role: 'recent',
        action: { kind: 'apply', filter: recent },
      });
  }
  return items;
}

/** A warning item per key no known run has; Enter on it puts the closest key in its place. */
function keyWarnings(value: string, known: KnownKeys): FilterItem[] {
  if (known.metric.size === 0 && known.param.size === 0 && known.tag.size === 0) return [];
  return unknownFilterKeys(parseRunFilter(value), known).map((unknown) => {
    const replacement =
      unknown.suggestion === undefined ? undefined : replaceKey(value, unknown.position, unknown.suggestion);
    return {
      label: `$(warning) ${messageText(describeUnknownKey(unknown))}`,
      detail:
        replacement === undefined
          ? 'The filter can still be applied; it will match no loaded run.'
          : messageText(`Enter: use \`${unknown.suggestion}\` instead`),
      alwaysShow: true,
      role: 'problem' as const,
      action: replacement === undefined ? { kind: 'none' } : { kind: 'edit', filter: replacement },
    };
  });
}

/** `value` with the key of the comparison at `position` (after its `entity.`) written as `key`. */
function replaceKey(value: string, position: number, key: string): string | undefined {
  const written = quotedKey(key);
  const match = /^[A-Za-z]+\.(`[^`]*`|"[^"]*"|'[^']*'|[\p{L}\p{N}_$#]+(?:\.[\p{L}\p{N}_$#]+)*)/u.exec(
    value.slice(position),
  );
  if (!written || !match) return undefined;
  const keyStart = position + match[0].length - match[1]!.length;
  return `${value.slice(0, keyStart)}${written}${value.slice(position + match[0].length)}`;
}
