// The little of the DOM the journey reads inside the page (the project's types have no DOM
// library, so Playwright's element types do not resolve): callbacks that run in the page cast
// the elements they get to these.

export interface PageElement {
  readonly textContent: string | null;
  readonly className: string;
  readonly classList: { contains(name: string): boolean };
  readonly offsetTop: number;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

export interface PageWindow {
  getComputedStyle(element: unknown): { backgroundColor: string };
  scrollTo(x: number, y: number): void;
}

export interface PageCanvas {
  readonly width: number;
  readonly height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
}
