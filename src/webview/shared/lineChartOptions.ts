/**
 * How a metric chart looks and behaves in chart.js terms: no animation, pre-thinned data taken as
 * it is, the theme's colours and font, ticks formatted for the x axis in use, and a tooltip that
 * lists the runs nearest the cursor by value.
 */
import type { Chart, TooltipItem } from 'chart.js';
import type { ChartPoint, LineOptions } from './chartSeries';
import { nearestPerRunMode } from './chartInteraction';
import { formatNumber, formatXValue } from './format';
import type { ChartTheme } from './theme';

type LineChart = Chart<'line', ChartPoint[]>;

/** The options of a metric chart; `leftOut` says how many runs the tooltip had no room for. */
export function lineChartOptions(
  theme: ChartTheme,
  settings: LineOptions,
  compact: boolean,
  leftOut: () => number,
  onResize: () => void,
): LineChart['options'] {
  const font = { family: theme.fontFamily, size: Math.max(9, theme.fontSize - (compact ? 3 : 2)) };
  const ticks = { color: theme.muted, font, maxTicksLimit: compact ? 4 : 8 };
  const xMode = settings.xMode;
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    events: ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
    interaction: { mode: nearestPerRunMode, intersect: false, axis: 'x' },
    onResize: () => queueMicrotask(onResize),
    scales: {
      x: {
        type: 'linear',
        grid: { color: theme.grid },
        border: { color: theme.grid },
        ticks: { ...ticks, callback: (value) => formatXValue(Number(value), xMode) },
      },
      y: {
        type: settings.logScale ? 'logarithmic' : 'linear',
        grid: { color: theme.grid },
        border: { color: theme.grid },
        ticks: { ...ticks, callback: (value) => formatNumber(Number(value)) },
      },
    },
    plugins: {
      tooltip: {
        backgroundColor: theme.hoverBackground,
        titleColor: theme.hoverForeground,
        bodyColor: theme.hoverForeground,
        footerColor: theme.muted,
        borderColor: theme.hoverBorder,
        borderWidth: 1,
        titleFont: font,
        bodyFont: font,
        footerFont: font,
        itemSort: (a, b) => (b.parsed.y ?? -Infinity) - (a.parsed.y ?? -Infinity),
        callbacks: {
          title: (items) =>
            items[0] ? `${xMode === 'step' ? 'step ' : ''}${formatXValue(items[0].parsed.x ?? 0, xMode)}` : '',
          label: (item: TooltipItem<'line'>) =>
            `${item.dataset.label ?? ''}: ${formatNumber(item.parsed.y ?? Number.NaN)}`,
          footer: () => {
            const left = leftOut();
            return left > 0 ? `+${left} more runs` : '';
          },
        },
      },
    },
  };
}
