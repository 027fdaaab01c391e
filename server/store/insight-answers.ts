/**
 * Per-answer numbers: views, distinct readers, helpful votes, and "read and still asked" — a
 * conversation the reader started within ANSWER_REVIEW.windowMinutes after opening the answer —
 * with the survey score of those conversations. Counting is SQL; the ten-minute window is
 * applied here because adding minutes to a timestamp is spelled differently in SQLite and
 * PostgreSQL. The join is bounded: a reader's later conversations in the period, at most
 * MAX_PAIRS rows.
 */
import type { Kysely } from 'kysely';
import { ANSWER_REVIEW, needsReview, type AnswerStats } from '../../protocol/insights.js';
import type { SiteKey } from '../../protocol/types.js';
import type { InsightRange } from './insight-series.js';
import { num } from './rows.js';
import type { Database } from './schema.js';

export const MAX_PAIRS = 100_000;

/** Without titles: the HTTP layer names answers from the site's FAQ. */
export type AnswerCounts = Omit<AnswerStats, 'title'>;

function viewsAndVotes(db: Kysely<Database>, site: SiteKey, range: InsightRange) {
  const events = db
    .selectFrom('faq_events')
    .where('site', '=', site)
    .where('at', '>=', range.since)
    .where('at', '<', range.until)
    .where('article_id', 'is not', null);
  return Promise.all([
    events
      .where('kind', '=', 'view')
      .select((eb) => ['article_id', eb.fn.countAll().as('views'), eb.fn.count('visitor_id').distinct().as('readers')])
      .groupBy('article_id')
      .execute(),
    events
      .where('kind', '=', 'helpful')
      .select((eb) => [
        'article_id',
        eb.fn.sum(eb.case().when('helpful', '=', 1).then(1).else(0).end()).as('yes'),
        eb.fn.sum(eb.case().when('helpful', '=', 0).then(1).else(0).end()).as('no'),
      ])
      .groupBy('article_id')
      .execute(),
  ]);
}

/** Each reading followed by a conversation of the same visitor later in the period. */
function readingsThenChats(db: Kysely<Database>, site: SiteKey, range: InsightRange) {
  return db
    .selectFrom('faq_events as e')
    .innerJoin('conversations as c', (join) =>
      join.onRef('c.visitor_id', '=', 'e.visitor_id').onRef('c.created_at', '>=', 'e.at'),
    )
    .select(['e.article_id', 'e.at', 'c.id', 'c.created_at', 'c.survey_score'])
    .where('e.site', '=', site)
    .where('c.site', '=', site)
    .where('e.kind', '=', 'view')
    .where('e.article_id', 'is not', null)
    .where('e.at', '>=', range.since)
    .where('e.at', '<', range.until)
    .where('c.created_at', '<', range.until)
    .orderBy('e.at', 'desc')
    .limit(MAX_PAIRS)
    .execute();
}

/** Every answer read or voted on in the range, most viewed first. */
export async function answerStats(db: Kysely<Database>, site: SiteKey, range: InsightRange): Promise<AnswerCounts[]> {
  const [[views, votes], pairs] = await Promise.all([viewsAndVotes(db, site, range), readingsThenChats(db, site, range)]);
  const windowMs = ANSWER_REVIEW.windowMinutes * 60 * 1000;
  const asked = new Map<string, Map<string, number | null>>();
  for (const pair of pairs) {
    if (Date.parse(pair.created_at) - Date.parse(pair.at) > windowMs) continue;
    const article = pair.article_id ?? '';
    const chats = asked.get(article) ?? new Map<string, number | null>();
    chats.set(pair.id, pair.survey_score === null ? null : num(pair.survey_score));
    asked.set(article, chats);
  }
  const rows = new Map<string, AnswerCounts>();
  const row = (id: string) => {
    const existing = rows.get(id);
    if (existing) return existing;
    const fresh: AnswerCounts = {
      articleId: id,
      views: 0,
      readers: 0,
      yes: 0,
      no: 0,
      stillAsked: 0,
      stillAskedScore: null,
      needsReview: false,
    };
    rows.set(id, fresh);
    return fresh;
  };
  for (const v of views) Object.assign(row(v.article_id ?? ''), { views: num(v.views), readers: num(v.readers) });
  for (const v of votes) Object.assign(row(v.article_id ?? ''), { yes: num(v.yes), no: num(v.no) });
  for (const [id, chats] of asked) {
    const scores = [...chats.values()].filter((s): s is number => s !== null);
    Object.assign(row(id), {
      stillAsked: chats.size,
      stillAskedScore: scores.length === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10,
    });
  }
  for (const r of rows.values()) r.needsReview = needsReview(r.stillAsked, r.readers);
  return [...rows.values()].sort((a, b) => b.views - a.views || a.articleId.localeCompare(b.articleId));
}
