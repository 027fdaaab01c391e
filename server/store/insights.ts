/** Read-only aggregates for the insights page: FAQ usage and the NPS survey. */
import { sql, type Kysely } from 'kysely';
import type { IsoTime, SiteKey } from '../../protocol/types.js';
import { num } from './rows.js';
import type { Database } from './schema.js';
import type { FaqInsights, SurveyStats } from './store.js';

/** `since` must already be canonical ISO (rows.toIso), so text comparison is time comparison. */
export async function faqInsights(db: Kysely<Database>, site: SiteKey, since: IsoTime, limit: number): Promise<FaqInsights> {
  const events = db.selectFrom('faq_events').where('site', '=', site).where('at', '>=', since);
  const searches = events.where('kind', '=', 'search');
  const grouped = searches.where('query_key', 'is not', null).where('query_key', '<>', '');

  const [total, top, zero, views, helpful] = await Promise.all([
    searches.select((eb) => eb.fn.countAll().as('count')).executeTakeFirst(),
    grouped
      .select((eb) => ['query_key', eb.fn.countAll().as('count'), eb.fn.max('hits').as('hits')])
      .groupBy('query_key')
      .orderBy('count', 'desc')
      .orderBy('query_key')
      .limit(limit)
      .execute(),
    grouped
      .where('hits', '=', 0)
      .select((eb) => ['query_key', eb.fn.countAll().as('count')])
      .groupBy('query_key')
      .orderBy('count', 'desc')
      .orderBy('query_key')
      .limit(limit)
      .execute(),
    events
      .where('kind', '=', 'view')
      .where('article_id', 'is not', null)
      .select((eb) => ['article_id', eb.fn.countAll().as('count')])
      .groupBy('article_id')
      .orderBy('count', 'desc')
      .orderBy('article_id')
      .limit(limit)
      .execute(),
    events
      .where('kind', '=', 'helpful')
      .where('article_id', 'is not', null)
      .where('helpful', 'is not', null)
      .select((eb) => [
        'article_id',
        eb.fn.sum(eb.case().when('helpful', '=', 1).then(1).else(0).end()).as('yes'),
        eb.fn.sum(eb.case().when('helpful', '=', 0).then(1).else(0).end()).as('no'),
        eb.fn.countAll().as('votes'),
      ])
      .groupBy('article_id')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('article_id')
      .limit(limit)
      .execute(),
  ]);

  return {
    searches: num(total?.count),
    topQueries: top.map((row) => ({ query: row.query_key ?? '', count: num(row.count), hits: num(row.hits) })),
    zeroHit: zero.map((row) => ({ query: row.query_key ?? '', count: num(row.count) })),
    views: views.map((row) => ({ articleId: row.article_id ?? '', count: num(row.count) })),
    helpful: helpful.map((row) => ({ articleId: row.article_id ?? '', yes: num(row.yes), no: num(row.no) })),
  };
}

/** Net Promoter Score: % promoters (9–10) − % detractors (0–6), rounded half away from zero. */
export function netPromoterScore(promoters: number, detractors: number, responses: number): number | null {
  if (responses === 0) return null;
  const exact = ((promoters - detractors) * 100) / responses;
  return Math.sign(exact) * Math.round(Math.abs(exact)) || 0;
}

/** Surveys answered since `since` (canonical ISO); `site` null means every site. */
export async function surveyStats(db: Kysely<Database>, site: SiteKey | null, since: IsoTime): Promise<SurveyStats> {
  const rows = await db
    .selectFrom('conversations')
    .select((eb) => ['survey_score', eb.fn.countAll().as('count')])
    .where('survey_score', 'is not', null)
    .where('survey_at', '>=', since)
    .$if(site !== null, (q) => q.where('site', '=', site ?? ''))
    .groupBy('survey_score')
    .execute();
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const row of rows) {
    const score = num(row.survey_score);
    const count = num(row.count);
    if (score >= 9) promoters += count;
    else if (score >= 7) passives += count;
    else detractors += count;
  }
  const responses = promoters + passives + detractors;
  return { responses, promoters, passives, detractors, nps: netPromoterScore(promoters, detractors, responses) };
}
