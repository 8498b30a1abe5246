// Where text is drawn in a panel, measured in the page: what a person sees of a name (its width,
// its lines, the left-to-right order of its characters) rather than what the DOM holds.
import type { Locator } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

// The DOM members the measuring functions use: they run in the page, but this file is compiled
// for Node, without the DOM library.
interface Rect extends Box {
  left: number;
  top: number;
}
interface PageNode {
  textContent: string | null;
}
interface PageRange {
  setStart(node: PageNode, offset: number): void;
  setEnd(node: PageNode, offset: number): void;
  selectNodeContents(node: PageElement): void;
  getBoundingClientRect(): Rect;
  getClientRects(): Iterable<Rect>;
}
interface PageDocument {
  createRange(): PageRange;
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageNode | null };
  defaultView: { getComputedStyle(element: PageElement): { getPropertyValue(property: string): string } };
}
interface PageElement {
  ownerDocument: PageDocument;
  getBoundingClientRect(): Rect;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  scrollLeft: number;
}

/** The element's border box in the viewport. */
export async function box(locator: Locator): Promise<Box> {
  return locator.evaluate((element) => {
    const rect = (element as unknown as PageElement).getBoundingClientRect();
    return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  });
}

/**
 * The left edge of every character of the element's text, in text order (surrogate pairs count
 * once). Drawn left to right, the list increases; a right-to-left override makes it decrease.
 */
export async function characterLefts(locator: Locator): Promise<number[]> {
  return locator.evaluate((target) => {
    const element = target as unknown as PageElement;
    const document = element.ownerDocument;
    const lefts: number[] = [];
    const showText = 4; // NodeFilter.SHOW_TEXT
    const walker = document.createTreeWalker(element, showText);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const end = text.codePointAt(i)! > 0xffff ? i + 2 : i + 1;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, end);
        const rect = range.getBoundingClientRect();
        if (rect.width > 0) lefts.push(rect.left);
        i = end - 1;
      }
    }
    return lefts;
  });
}

/** How many lines the element's text takes (distinct tops of its line boxes). */
export async function textLines(locator: Locator): Promise<number> {
  return locator.evaluate((target) => {
    const element = target as unknown as PageElement;
    const range = element.ownerDocument.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)))
      .size;
  });
}

/** Whether the element's content is wider or taller than the element shows (cut off). */
export async function isClipped(locator: Locator): Promise<boolean> {
  return locator.evaluate((target) => {
    const element = target as unknown as PageElement;
    return element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
  });
}

/** One computed style property of the element (e.g. `unicode-bidi`, `text-overflow`). */
export async function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((target, name) => {
    const element = target as unknown as PageElement;
    return element.ownerDocument.defaultView.getComputedStyle(element).getPropertyValue(name);
  }, property);
}

/** Scrolls a scrolling element sideways to `left`; returns where it got to. */
export async function scrollSideways(locator: Locator, left: number): Promise<number> {
  return locator.evaluate((target, to) => {
    const element = target as unknown as PageElement;
    element.scrollLeft = to;
    return element.scrollLeft;
  }, left);
}

/** True when `list` only increases: the characters were drawn left to right. */
export function leftToRight(list: readonly number[]): boolean {
  return list.length > 1 && list.every((value, index) => index === 0 || value > list[index - 1]!);
}
