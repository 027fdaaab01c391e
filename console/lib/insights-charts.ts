/**
 * What the insights charts plot, as data: each chart's series picked from the day series.
 * Pure, so the chart, its table and its text summary read the same numbers.
 */
import type { InsightDay } from '../../protocol/insights.js';
import type { MessageKey } from '../i18n/index.js';

export interface SeriesSpec {
  label: MessageKey;
  color: string;
  pick: (day: InsightDay) => number | null;
}

export interface ChartSpec {
  id: string;
  title: MessageKey;
  series: SeriesSpec[];
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

export const CHARTS: ChartSpec[] = [
  {
    id: 'volume',
    title: 'insights.chart.volume',
    series: [
      { label: 'insights.series.searches', color: '#2563eb', pick: (d) => d.searches },
      { label: 'insights.series.chats', color: '#d97706', pick: (d) => d.chats },
    ],
  },
  {
    id: 'deflection',
    title: 'insights.chart.deflection',
    series: [
      {
        label: 'insights.series.deflection',
        color: '#059669',
        pick: (d) => (d.visits === 0 ? null : Math.round((d.deflected / d.visits) * 100)),
      },
    ],
  },
  {
    id: 'response',
    title: 'insights.chart.response',
    series: [
      { label: 'insights.series.frMedian', color: '#7c3aed', pick: (d) => minutes(d.firstResponseMedian) },
      { label: 'insights.series.frP90', color: '#db2777', pick: (d) => minutes(d.firstResponseP90) },
      { label: 'insights.series.resolution', color: '#0891b2', pick: (d) => minutes(d.resolutionMedian) },
    ],
  },
  {
    id: 'nps',
    title: 'insights.chart.nps',
    series: [{ label: 'insights.series.nps', color: '#16a34a', pick: (d) => d.nps }],
  },
];

/** The latest value and the highest with its day; nulls (days without data) are skipped. */
export function seriesHighlights(
  days: InsightDay[],
  pick: SeriesSpec['pick'],
): { latest: number; max: number; maxDay: string } | null {
  let result: { latest: number; max: number; maxDay: string } | null = null;
  for (const day of days) {
    const value = pick(day);
    if (value === null) continue;
    if (result === null) result = { latest: value, max: value, maxDay: day.day };
    result.latest = value;
    if (value > result.max) Object.assign(result, { max: value, maxDay: day.day });
  }
  return result;
}

/** Midnight UTC of a YYYY-MM-DD day, in seconds: uPlot's time axis unit. */
export function dayToSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}
