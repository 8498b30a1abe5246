// The webviews' pure modules, bundled for a plain page, so the tests can run the same inputs
// through them in Chromium that they run through them in Node and compare.
import { metricsCsv, paramsCsv } from '../../../src/webview/compare/exportCsv';
import { buildMetricRow, summarizeHistory } from '../../../src/webview/compare/metricTable';
import { diffValues } from '../../../src/webview/compare/valueDiff';
import {
  decimateMinMax,
  decodeSeries,
  exponentialMovingAverage,
  pointsInView,
  prepareLine,
} from '../../../src/webview/shared/chartSeries';
import { parseMarkdown } from '../../../src/webview/shared/markdownParse';

const pure = {
  exponentialMovingAverage: (values: number[], weight: number): number[] =>
    Array.from(exponentialMovingAverage(values, weight)),
  decimateMinMax,
  diffValues,
  summarizeHistory,
  buildMetricRow,
  paramsCsv,
  metricsCsv,
  parseMarkdown,
  decodeSeries,
  prepareLine,
  pointsInView,
};

(window as unknown as { pure: typeof pure }).pure = pure;
