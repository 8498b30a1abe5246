import { showBidiControls } from '../../webview/shared/bidiControls';

/**
 * Untrusted text (run and experiment names, tags, params, paths, server errors, git output) made
 * fit for the workbench's own surfaces, which are not markdown but still read syntax in text:
 * - notifications, modal dialogs, progress notifications, an input box's prompt and validation
 *   message turn `[text](command:…)` into a link (one click runs the command), and VS Code has no
 *   flag to turn that off;
 * - quick pick items and titles and the status bar turn `$(name)` into an icon;
 * - bidi controls (U+202E…) reverse the text after them: a row, its description, a tab title.
 * So links and icons are broken with an invisible zero-width space (the text reads the same), and
 * bidi controls are shown as `<U+202E>`, as VS Code's own editor shows them.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/** How much of a name a tree row or a panel's tab shows; the tooltip has the rest. */
export const NAME_MAX = 60;

/**
 * Text for a notification, dialog, progress title, quick pick, input box prompt or validation
 * message: bidi controls shown, and no `](` nor `$(` left (a zero-width space after every `]`, and
 * after a `$` that a `(` follows or could follow once the text is put beside other text).
 */
export function messageText(text: string): string {
  return showBidiControls(text)
    .replace(/\]/g, `]${ZERO_WIDTH_SPACE}`)
    .replace(/\$(?=\(|$)/g, `$${ZERO_WIDTH_SPACE}`);
}

/** At most `max` characters, with an ellipsis when cut (cut between code points, never inside one). */
export function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** A name for a tree row or a tab: bidi controls shown, cut to `max` characters with an ellipsis. */
export function shortName(name: string, max = NAME_MAX): string {
  return showBidiControls(truncate(name, max));
}

/**
 * Markdown for tooltips built from untrusted text (run names, params, tags, server messages).
 * Every value goes through `escapeMarkdown`, so a run named `<img onerror=…>` or `[x](command:…)`
 * renders as those characters, never as HTML, a link, an icon or a heading.
 */

/** CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it leaves no syntax behind. */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * The text as literal markdown: ASCII punctuation backslash-escaped, line breaks and other control
 * characters turned into spaces (so a value cannot open a block), runs of spaces kept visible,
 * bidi controls shown as `<U+202E>` (so a name cannot reverse the lines after it).
 */
export function escapeMarkdown(text: string): string {
  return showBidiControls(text)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(ASCII_PUNCTUATION, (character) => `\\${character}`)
    .replace(/ {2,}/g, (spaces) => ' ' + '\u00a0'.repeat(spaces.length - 1));
}

/** A markdown line `**Label:** value`, the value escaped and cut to `max` characters. */
export function field(label: string, value: string, max = 200): string {
  return `**${escapeMarkdown(label)}:** ${escapeMarkdown(truncate(value, max))}`;
}

/** Lines joined as separate markdown paragraphs-in-a-block (two trailing spaces = line break). */
export function lines(parts: readonly string[]): string {
  return parts.join('  \n');
}
