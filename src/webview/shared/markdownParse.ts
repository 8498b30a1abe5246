/**
 * A small Markdown reader for run descriptions (`mlflow.note.content`): headings, paragraphs,
 * lists, fenced code, quotes, rules; emphasis, strong, inline code, links and images. It yields a
 * tree of plain data that `markdownDom.ts` turns into DOM nodes; raw HTML in the text stays text,
 * since nothing here ever produces markup from it. Only http(s) and mailto links survive as links;
 * an image is only ever its alt text (nothing is fetched).
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; url: string; children: Inline[] }
  /** `![alt](url)`: shown as its alt text, never fetched (a description can name any server). */
  | { kind: 'image'; alt: string; url: string }
  | { kind: 'break' };

export type Block =
  | { kind: 'heading'; level: number; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'rule' };

/** Links that may be offered at all; the host checks again before opening one. */
export function isAllowedLink(url: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(url);
}

/** `[text](url "title")`; an image is the same after a `!`. */
const LINK = /^\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/;
const IMAGE = new RegExp(`^!${LINK.source.slice(1)}`);
const LIST_ITEM = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;

/** Parses `markdown` into blocks. */
export function parseMarkdown(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = /^\s{0,3}(```|~~~)/.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) body.push(lines[i]!);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, children: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && /^\s{0,3}>/.test(lines[i]!); i++) quoted.push(lines[i]!.replace(/^\s{0,3}>\s?/, ''));
      blocks.push({ kind: 'quote', children: parseMarkdown(quoted.join('\n')) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1]!);
      const items: string[] = [];
      for (; i < lines.length; i++) {
        const next = LIST_ITEM.exec(lines[i]!);
        if (next && /\d/.test(next[1]!) === ordered) items.push(next[2]!);
        else if (items.length > 0 && lines[i]!.trim() !== '' && /^\s+/.test(lines[i]!))
          items[items.length - 1] += `\n${lines[i]!.trim()}`;
        else break;
      }
      blocks.push({ kind: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    const paragraph: string[] = [];
    for (; i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines[i]!); i++) paragraph.push(lines[i]!);
    blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return /^\s{0,3}(#{1,6}\s|```|~~~|>)/.test(line) || LIST_ITEM.test(line);
}

/** Parses the inline content of one block. */
export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = (): void => {
    if (buffer !== '') pushText(out, buffer);
    buffer = '';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const token = inlineToken(rest);
    if (token) {
      flush();
      out.push(token.node);
      i += token.length;
      continue;
    }
    const char = source[i]!;
    if (char === '\\' && i + 1 < source.length && /[\\`*_[\]()#+\-.!>~]/.test(source[i + 1]!)) {
      buffer += source[i + 1];
      i += 2;
    } else if (char === '\n') {
      if (/ {2,}$/.test(buffer)) {
        buffer = buffer.replace(/ +$/, '');
        flush();
        out.push({ kind: 'break' });
      } else buffer += ' ';
      i++;
    } else {
      buffer += char;
      i++;
    }
  }
  flush();
  return out;
}

function inlineToken(rest: string): { node: Inline; length: number } | undefined {
  const code = /^(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/.exec(rest);
  if (code)
    return {
      node: { kind: 'code', text: code[2]!.trim() === '' ? code[2]! : code[2]!.replace(/^ (.*) $/s, '$1') },
      length: code[0].length,
    };
  const strong = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest);
  if (strong) return { node: { kind: 'strong', children: parseInline(strong[2]!) }, length: strong[0].length };
  const em = /^(\*|_)(?=\S)([\s\S]*?\S)\1(?![*_\w])/.exec(rest);
  if (em) return { node: { kind: 'em', children: parseInline(em[2]!) }, length: em[0].length };
  const image = IMAGE.exec(rest);
  if (image) return { node: { kind: 'image', alt: image[1]!, url: image[2]! }, length: image[0].length };
  const link = LINK.exec(rest);
  if (link) {
    // A link to anything else (javascript:, file:, a relative path) is shown as the text it is.
    if (!isAllowedLink(link[2]!)) return { node: { kind: 'text', text: link[0] }, length: link[0].length };
    // A link without text would be an empty, invisible focus stop: it shows its URL instead.
    const children = link[1]!.trim() === '' ? [{ kind: 'text' as const, text: link[2]! }] : parseInline(link[1]!);
    return { node: { kind: 'link', url: link[2]!, children }, length: link[0].length };
  }
  const auto = /^<?(https?:\/\/[^\s<>]*[^\s<>.,;:!?)'"])>?/i.exec(rest);
  if (auto)
    return {
      node: { kind: 'link', url: auto[1]!, children: [{ kind: 'text', text: auto[1]! }] },
      length: auto[0].length,
    };
  return undefined;
}

function pushText(out: Inline[], text: string): void {
  const last = out[out.length - 1];
  if (last?.kind === 'text') last.text += text;
  else out.push({ kind: 'text', text });
}
