/**
 * Markdown for tooltips built from untrusted text (run names, params, tags, server messages).
 * Every value goes through `escapeMarkdown`, so a run named `<img onerror=…>` or `[x](command:…)`
 * renders as those characters, never as HTML, a link, an icon or a heading.
 */

import { showBidiControls } from '../../webview/shared/bidiControls';
import { truncate } from './untrustedText';

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
