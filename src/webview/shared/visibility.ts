/**
 * Builds what is below the fold only once it comes near the viewport: a section of many runs'
 * controls and charts costs hundreds of milliseconds that nobody waits for until they scroll there.
 */
export function onFirstVisible(element: Element, show: () => void, margin = '600px'): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      show();
    },
    { rootMargin: `${margin} 0px` },
  );
  observer.observe(element);
}
