/**
 * The insights report as CSV (RFC 4180, via csv-stringify): the day series, the answers, or
 * the visitors at risk. Text cells that a spreadsheet would run as a formula are prefixed
 * with an apostrophe: a visitor's name or an answer title is data, never a formula.
 */
import { stringify } from 'csv-stringify/sync';
import type { RiskReason } from '../../protocol/at-risk.js';
import type { Insights } from '../../protocol/http.js';

export const CSV_TABLES = ['days', 'answers', 'at-risk'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Cell = string | number | boolean | null;

function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function rounded(value: number | null, digits = 1): Cell {
  return value === null ? null : Number(value.toFixed(digits));
}

/** A reason as a short English phrase; the console shows the translated one. */
export function describeReason(reason: RiskReason): string {
  switch (reason.kind) {
    case 'detractor':
      return `survey score ${reason.score}`;
    case 'not_helpful':
      return `${reason.votes} "not helpful" votes`;
    case 'frequent':
      return `${reason.conversations} conversations in ${reason.days} days`;
  }
}

function rows(report: Insights, table: CsvTable): Cell[][] {
  switch (table) {
    case 'days':
      return [
        [
          'day',
          'searches',
          'visits',
          'deflected',
          'deflection_rate',
          'chats',
          'first_response_median_s',
          'first_response_p90_s',
          'resolution_median_s',
          'surveys',
          'nps',
        ],
        ...report.series.days.map((d) => [
          d.day,
          d.searches,
          d.visits,
          d.deflected,
          d.visits === 0 ? null : rounded(d.deflected / d.visits, 3),
          d.chats,
          rounded(d.firstResponseMedian),
          rounded(d.firstResponseP90),
          rounded(d.resolutionMedian),
          d.surveys,
          d.nps,
        ]),
      ];
    case 'answers':
      return [
        [
          'answer_id',
          'title',
          'views',
          'readers',
          'helpful_yes',
          'helpful_no',
          'read_and_still_asked',
          'still_asked_mean_score',
          'needs_review',
        ],
        ...report.answers.map((a) => [
          text(a.articleId),
          text(a.title),
          a.views,
          a.readers,
          a.yes,
          a.no,
          a.stillAsked,
          a.stillAskedScore,
          a.needsReview,
        ]),
      ];
    case 'at-risk':
      return [
        ['visitor_id', 'name', 'email', 'last_seen_at', 'reasons'],
        ...report.atRisk.map((v) => [
          v.visitorId,
          text(v.name ?? ''),
          text(v.email ?? ''),
          v.lastSeenAt,
          v.reasons.map(describeReason).join('; '),
        ]),
      ];
  }
}

export function insightsCsv(report: Insights, table: CsvTable): string {
  return stringify(rows(report, table), { cast: { boolean: (value) => (value ? 'yes' : 'no') } });
}
