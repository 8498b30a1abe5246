/**
 * A run's description (`mlflow.note.content`, markdown written by anyone who can log to the
 * store) as markdown for a hover. It is read by the run panel's own reader, so both show the same
 * structure, and written back with every piece of text escaped: headings, emphasis, lists, quotes
 * and code survive; HTML, links (a link shows its text only) and images (never fetched) do not.
 */
import type { Block, Inline } from '../../webview/shared/markdownParse';
import { parseMarkdown } from '../../webview/shared/markdownParse';
import { escapeMarkdown } from '../platform/markdown';
import { showBidiControls } from '../../webview/shared/bidiControls';
import { truncate } from '../platform/untrustedText';

/** `![alt](url)`: an image the hover would fetch from anywhere. Its alt text stays. */
const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g;

/** The description as safe markdown, its source cut to `max` characters first. */
export function descriptionMarkdown(description: string, max: number): string {
  const source = truncate(description.trim(), max).replace(IMAGE, (_image, alt: string) => alt);
  return parseMarkdown(source).map(block).filter(Boolean).join('\n\n');
}

function block(entry: Block): string {
  switch (entry.kind) {
    case 'heading':
    case 'paragraph': {
      const text = inlines(entry.children);
      return entry.kind === 'heading' && text ? `**${text}**` : text;
    }
    case 'list':
      return entry.items.map((item, index) => `${entry.ordered ? `${index + 1}.` : '-'} ${inlines(item)}`).join('\n');
    case 'code':
      return codeBlock(entry.text);
    case 'quote':
      return entry.children
        .map(block)
        .join('\n\n')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'rule':
      return '---';
    default:
      return '';
  }
}

function inlines(children: readonly Inline[]): string {
  return children.map(inline).join('');
}

function inline(entry: Inline): string {
  switch (entry.kind) {
    case 'text':
      return escapeMarkdown(entry.text);
    case 'code':
      return codeSpan(entry.text);
    case 'strong':
      return wrap('**', inlines(entry.children));
    case 'em':
      return wrap('*', inlines(entry.children));
    case 'link':
      // The text only: a hover's link would open whatever the description's author chose.
      return inlines(entry.children);
    case 'break':
      return '  \n';
    default:
      return '';
  }
}

function wrap(marker: string, text: string): string {
  return text.trim() ? `${marker}${text}${marker}` : text;
}

/** Code spans take their content literally; the fence is longer than any run of backticks inside. */
function codeSpan(text: string): string {
  const content = showBidiControls(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const padding = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${content}${padding}${fence}`;
}

/** A fenced block is literal to its closing fence, which is longer than any run of backticks inside. */
function codeBlock(text: string): string {
  const content = showBidiControls(text).replace(/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029]/g, ' ');
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  return `${fence}\n${content}\n${fence}`;
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let current = 0;
  for (const each of text) {
    current = each === character ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}
