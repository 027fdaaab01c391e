import { describe, expect, it } from 'vitest';
import { chatFollowedFailedSearch, failedSearches } from '../../server/store/gaps.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 10, minute)).toISOString();

describe('failedSearches', () => {
  const searches = [
    { query: 'nothing found', hits: 0, visitorId: 'a', at: at(0) },
    { query: 'found and opened', hits: 2, visitorId: 'b', at: at(0) },
    { query: 'found, opened too late', hits: 2, visitorId: 'c', at: at(0) },
    { query: 'found, opened before', hits: 2, visitorId: 'd', at: at(5) },
    { query: 'found by nobody known', hits: 2, visitorId: null, at: at(0) },
  ];
  const views = [
    { visitorId: 'b', at: at(1) },
    { visitorId: 'c', at: at(11) },
    { visitorId: 'd', at: at(4) },
  ];

  it('keeps searches that found nothing or whose results were not opened within 10 minutes', () => {
    expect(failedSearches(searches, views).map((s) => s.text)).toEqual([
      'nothing found',
      'found, opened too late',
      'found, opened before',
      'found by nobody known',
    ]);
  });

  it('takes the window it is given', () => {
    expect(failedSearches(searches, views, 12).map((s) => s.text)).not.toContain('found, opened too late');
  });
});

describe('chatFollowedFailedSearch', () => {
  it('is true after a search without hits, or searches with no answer read', () => {
    expect(chatFollowedFailedSearch({ searches: [{ query: 'x', hits: 0 }] })).toBe(true);
    expect(chatFollowedFailedSearch({ searches: [{ query: 'x', hits: 3 }] })).toBe(true);
    expect(chatFollowedFailedSearch({ searches: [{ query: 'x', hits: 3 }], articles: [{ id: 'a' }] })).toBe(false);
    expect(chatFollowedFailedSearch({ articles: [{ id: 'a' }] })).toBe(false);
    expect(chatFollowedFailedSearch({})).toBe(false);
  });
});
