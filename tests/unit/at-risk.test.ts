import { describe, expect, it } from 'vitest';
import { assessRisk, type RiskSignals } from '../../protocol/at-risk.js';
import { needsReview, percentile } from '../../protocol/insights.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600 * 1000).toISOString();
const none: RiskSignals = { surveys: [], notHelpfulVotes: [], conversations: [] };

describe('the at-risk rule', () => {
  it('marks nobody without signals', () => {
    expect(assessRisk(none, NOW)).toEqual([]);
  });

  it('marks a detractor score of 0 to 6 and not 7', () => {
    expect(assessRisk({ ...none, surveys: [{ score: 6, at: daysAgo(1) }] }, NOW)).toEqual([{ kind: 'detractor', score: 6 }]);
    expect(assessRisk({ ...none, surveys: [{ score: 0, at: daysAgo(1) }] }, NOW)).toEqual([{ kind: 'detractor', score: 0 }]);
    expect(assessRisk({ ...none, surveys: [{ score: 7, at: daysAgo(1) }] }, NOW)).toEqual([]);
  });

  it('lets a later good score win the visitor back, and forgets surveys older than thirty days', () => {
    const surveys = [
      { score: 9, at: daysAgo(1) },
      { score: 2, at: daysAgo(3) },
    ];
    expect(assessRisk({ ...none, surveys }, NOW)).toEqual([]);
    expect(assessRisk({ ...none, surveys: [{ score: 2, at: daysAgo(31) }] }, NOW)).toEqual([]);
  });

  it('marks two "not helpful" votes, not one', () => {
    expect(assessRisk({ ...none, notHelpfulVotes: [daysAgo(1)] }, NOW)).toEqual([]);
    expect(assessRisk({ ...none, notHelpfulVotes: [daysAgo(1), daysAgo(20)] }, NOW)).toEqual([{ kind: 'not_helpful', votes: 2 }]);
  });

  it('marks three conversations within fourteen days, not three spread wider', () => {
    expect(assessRisk({ ...none, conversations: [daysAgo(1), daysAgo(5), daysAgo(13)] }, NOW)).toEqual([
      { kind: 'frequent', conversations: 3, days: 14 },
    ]);
    expect(assessRisk({ ...none, conversations: [daysAgo(1), daysAgo(5), daysAgo(15)] }, NOW)).toEqual([]);
  });

  it('gives every reason that applies, in a fixed order', () => {
    const signals = {
      surveys: [{ score: 4, at: daysAgo(2) }],
      notHelpfulVotes: [daysAgo(1), daysAgo(2), daysAgo(3)],
      conversations: [daysAgo(0), daysAgo(1), daysAgo(2)],
    };
    expect(assessRisk(signals, NOW).map((r) => r.kind)).toEqual(['detractor', 'not_helpful', 'frequent']);
  });

  it('ignores signals dated after now', () => {
    expect(assessRisk({ ...none, notHelpfulVotes: [daysAgo(-1), daysAgo(-2)] }, NOW)).toEqual([]);
  });
});

describe('answer review and percentiles', () => {
  it('flags an answer when at least three readers still asked and they are a quarter of its readers', () => {
    expect(needsReview(3, 12)).toBe(true);
    expect(needsReview(3, 13)).toBe(false);
    expect(needsReview(2, 2)).toBe(false);
    expect(needsReview(0, 0)).toBe(false);
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 90)).toBe(10);
  });
});
