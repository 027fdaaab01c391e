/**
 * The insights report (`GET /api/insights`, `GET /api/insights.csv`): day series for the charts,
 * per-answer numbers, visitors at risk. Pure types and the few pure computations on them.
 */
import type { RiskReason } from './at-risk.js';

/** One UTC day of the series. Durations are seconds; null where the day has no data. */
export interface InsightDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  searches: number;
  /** Distinct visitors who searched that day. */
  visits: number;
  /** Of those, visits with no conversation started that day after the first search. */
  deflected: number;
  chats: number;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionMedian: number | null;
  surveys: number;
  nps: number | null;
}

/** Totals over the whole period (not the mean of daily values). */
export interface InsightTotals {
  searches: number;
  visits: number;
  deflected: number;
  /** deflected / visits, 0…1; null without visits. */
  deflectionRate: number | null;
  chats: number;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionMedian: number | null;
}

export interface InsightSeries {
  days: InsightDay[];
  totals: InsightTotals;
}

/** Per answer; `title` is filled in by the server from the site's FAQ (the id when it is gone). */
export interface AnswerStats {
  articleId: string;
  title: string;
  views: number;
  /** Distinct visitors who opened it. */
  readers: number;
  yes: number;
  no: number;
  /** Conversations started within ten minutes after a visitor read it. */
  stillAsked: number;
  /** Mean survey score of those conversations; null when none was rated. */
  stillAskedScore: number | null;
  /** Readers still ask often enough that the answer needs a look (see ANSWER_REVIEW). */
  needsReview: boolean;
}

export interface AtRiskVisitor {
  visitorId: string;
  name: string | null;
  email: string | null;
  lastSeenAt: string;
  reasons: RiskReason[];
}

/**
 * When an answer is flagged: at least `minStillAsked` of its readers' chats followed a reading,
 * and they are at least `minRate` of its distinct readers. Both, so one unlucky reader of a
 * rarely read answer does not flag it, and a popular answer needs a real share of askers.
 */
export const ANSWER_REVIEW = { minStillAsked: 3, minRate: 0.25, windowMinutes: 10 } as const;

export function needsReview(stillAsked: number, readers: number): boolean {
  return stillAsked >= ANSWER_REVIEW.minStillAsked && readers > 0 && stillAsked / readers >= ANSWER_REVIEW.minRate;
}

/** Nearest-rank percentile (p in 0…100) of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
