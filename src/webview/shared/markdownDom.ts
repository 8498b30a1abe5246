/**
 * Renders parsed Markdown (markdownParse.ts) as DOM nodes. Text only ever becomes text nodes;
 * links carry no href (nothing navigates inside the webview): a click asks the host to open
 * the URL, and the host checks it again before it does.
 */
import type { Block, Inline } from './markdownParse';
import { parseMarkdown } from './markdownParse';
import { el, textNode } from './dom';

/** The rendered description; `openLink` is called with a link's URL when it is clicked. */
export function renderMarkdown(markdown: string, openLink: (url: string) => void): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of parseMarkdown(markdown)) fragment.appendChild(renderBlock(block, openLink));
  return fragment;
}

function renderBlock(block: Block, openLink: (url: string) => void): Node {
  switch (block.kind) {
    case 'heading': {
      const tag = (['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const)[Math.min(6, Math.max(1, block.level)) - 1]!;
      return withInlines(el(tag), block.children, openLink);
    }
    case 'paragraph':
      return withInlines(el('p'), block.children, openLink);
    case 'list': {
      const list = el(block.ordered ? 'ol' : 'ul');
      for (const item of block.items) list.appendChild(withInlines(el('li'), item, openLink));
      return list;
    }
    case 'code':
      return el('pre', {}, el('code', { text: block.text }));
    case 'quote': {
      const quote = el('blockquote');
      for (const child of block.children) quote.appendChild(renderBlock(child, openLink));
      return quote;
    }
    case 'rule':
      return el('hr');
  }
}

function withInlines<T extends HTMLElement>(parent: T, inlines: readonly Inline[], openLink: (url: string) => void): T {
  for (const inline of inlines) parent.appendChild(renderInline(inline, openLink));
  return parent;
}

function renderInline(inline: Inline, openLink: (url: string) => void): Node {
  switch (inline.kind) {
    case 'text':
      return textNode(inline.text);
    case 'code':
      return el('code', { text: inline.text });
    case 'strong':
      return withInlines(el('strong'), inline.children, openLink);
    case 'em':
      return withInlines(el('em'), inline.children, openLink);
    case 'break':
      return el('br');
    case 'image':
      return el('span', {
        className: 'image-alt',
        text: inline.alt.trim() === '' ? `[image: ${inline.url}]` : inline.alt,
        title: `image not shown: ${inline.url}`,
      });
    case 'link': {
      const link = withInlines(
        el('a', { className: 'link', title: inline.url, attrs: { role: 'link', tabindex: '0' } }),
        inline.children,
        openLink,
      );
      const open = (event: Event): void => {
        event.preventDefault();
        openLink(inline.url);
      };
      link.addEventListener('click', open);
      link.addEventListener('keydown', (event) => event.key === 'Enter' && open(event));
      return link;
    }
  }
}
