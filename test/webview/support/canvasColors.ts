// Reading what a chart drew: how many pixels of a canvas are (close to) each of some colours.

/** Hex colours to `[r, g, b]`. */
export function rgb(hex: string): [number, number, number] {
  const value = hex.replace('#', '');
  return [parseInt(value.slice(0, 2), 16), parseInt(value.slice(2, 4), 16), parseInt(value.slice(4, 6), 16)];
}

/**
 * A page expression counting, in the canvas matched by `selector`, the pixels within `tolerance`
 * (per channel) of each colour. Runs in the page, so it is written as the page's JavaScript.
 */
export function countColorsExpression(
  selector: string,
  colors: readonly [number, number, number][],
  tolerance = 10,
): string {
  return `(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    if (!canvas) return null;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const colors = ${JSON.stringify(colors)};
    const counts = colors.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 200) continue;
      colors.forEach(([r, g, b], index) => {
        if (Math.abs(data[i] - r) <= ${tolerance} && Math.abs(data[i + 1] - g) <= ${tolerance} && Math.abs(data[i + 2] - b) <= ${tolerance}) counts[index]++;
      });
    }
    return counts;
  })()`;
}
