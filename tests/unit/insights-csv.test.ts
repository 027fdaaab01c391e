import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Insights } from '../../protocol/http.js';
import { insightsCsv } from '../../server/http/insights-csv.js';
import { seriesHighlights } from '../../console/lib/insights-charts.js';
import type { InsightDay } from '../../protocol/insights.js';

const day = (d: string, extra: Partial<InsightDay> = {}): InsightDay => ({
  day: d,
  searches: 0,
  visits: 0,
  deflected: 0,
  chats: 0,
  firstResponseMedian: null,
  firstResponseP90: null,
  resolutionMedian: null,
  surveys: 0,
  nps: null,
  ...extra,
});

const report: Insights = {
  site: 'default',
  days: 2,
  faq: { searches: 0, zeroHit: [], topQueries: [], views: [], helpful: [] },
  survey: { responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
  series: {
    days: [
      day('2026-03-01'),
      day('2026-03-02', {
        searches: 5,
        visits: 3,
        deflected: 2,
        chats: 1,
        firstResponseMedian: 65.44,
        firstResponseP90: 120,
        resolutionMedian: 600,
        surveys: 1,
        nps: -100,
      }),
    ],
    totals: {
      searches: 5,
      visits: 3,
      deflected: 2,
      deflectionRate: 2 / 3,
      chats: 1,
      firstResponseMedian: 65.44,
      firstResponseP90: 120,
      resolutionMedian: 600,
    },
  },
  answers: [
    {
      articleId: 'refunds',
      title: '=HYPERLINK("https://evil.example","Refunds, fast")',
      views: 4,
      readers: 3,
      yes: 1,
      no: 2,
      stillAsked: 3,
      stillAskedScore: 4.5,
      needsReview: true,
    },
  ],
  atRisk: [
    {
      visitorId: 'v1',
      name: '+Mallory',
      email: null,
      lastSeenAt: '2026-03-02T10:00:00.000Z',
      reasons: [
        { kind: 'detractor', score: 2 },
        { kind: 'frequent', conversations: 3, days: 14 },
      ],
    },
  ],
};

const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('the insights CSV', () => {
  it('writes one row per day, empty cells for days without data, rates to three places', () => {
    expect(rows(insightsCsv(report, 'days'))).toEqual([
      {
        day: '2026-03-01',
        searches: '0',
        visits: '0',
        deflected: '0',
        deflection_rate: '',
        chats: '0',
        first_response_median_s: '',
        first_response_p90_s: '',
        resolution_median_s: '',
        surveys: '0',
        nps: '',
      },
      {
        day: '2026-03-02',
        searches: '5',
        visits: '3',
        deflected: '2',
        deflection_rate: '0.667',
        chats: '1',
        first_response_median_s: '65.4',
        first_response_p90_s: '120',
        resolution_median_s: '600',
        surveys: '1',
        nps: '-100',
      },
    ]);
  });

  it('quotes commas and neutralises cells a spreadsheet would run as a formula', () => {
    const [answer] = rows(insightsCsv(report, 'answers'));
    expect(answer).toMatchObject({
      title: `'=HYPERLINK("https://evil.example","Refunds, fast")`,
      read_and_still_asked: '3',
      still_asked_mean_score: '4.5',
      needs_review: 'yes',
    });
    const [visitor] = rows(insightsCsv(report, 'at-risk'));
    expect(visitor).toEqual({
      visitor_id: 'v1',
      name: "'+Mallory",
      email: '',
      last_seen_at: '2026-03-02T10:00:00.000Z',
      reasons: 'survey score 2; 3 conversations in 14 days',
    });
  });
});

describe('chart highlights', () => {
  it('gives the latest and the highest value with its day, skipping days without data', () => {
    const days = [day('2026-03-01', { nps: 20 }), day('2026-03-02', { nps: 50 }), day('2026-03-03')];
    expect(seriesHighlights(days, (d) => d.nps)).toEqual({ latest: 50, max: 50, maxDay: '2026-03-02' });
    expect(seriesHighlights([day('2026-03-01')], (d) => d.nps)).toBeNull();
  });
});
