/**
 * The day series behind the insights charts. Days are UTC and come from the first ten
 * characters of the stored ISO timestamps (`substr`, the same in SQLite and PostgreSQL), so
 * counting is grouped in SQL on both databases without their different date functions.
 * Percentiles (first response, resolution) are not portable SQL (PostgreSQL has
 * percentile_cont, SQLite nothing), so they are computed here over a bounded row set: the
 * newest MAX_TIMED_ROWS conversations of the period.
 */
import { sql, type Kysely } from 'kysely';
import { percentile, type InsightDay, type InsightSeries } from '../../protocol/insights.js';
import type { IsoTime, SiteKey } from '../../protocol/types.js';
import { netPromoterScore } from './insights.js';
import { num } from './rows.js';
import type { Database } from './schema.js';

/** How many conversations feed the time percentiles: enough for a busy quarter, bounded in memory. */
export const MAX_TIMED_ROWS = 50_000;
const DAY_MS = 24 * 3600 * 1000;

export interface InsightRange {
  /** Canonical ISO; the first day is its date. */
  since: IsoTime;
  /** Canonical ISO, exclusive; the last day is its date. */
  until: IsoTime;
}

/** Every UTC date from since's to until's, inclusive, so the charts show empty days as zeros. */
export function dayList(range: InsightRange): string[] {
  const days: string[] = [];
  const last = range.until.slice(0, 10);
  for (let t = Date.parse(range.since.slice(0, 10)); ; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(day);
    if (day >= last || days.length > 400) break;
  }
  return days;
}

const dayOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

async function searchesByDay(db: Kysely<Database>, site: SiteKey, range: InsightRange) {
  return db
    .selectFrom('faq_events')
    .select((eb) => [dayOf('at').as('day'), eb.fn.countAll().as('count')])
    .where('site', '=', site)
    .where('kind', '=', 'search')
    .where('at', '>=', range.since)
    .where('at', '<', range.until)
    .groupBy(dayOf('at'))
    .execute();
}

/**
 * A visit is a visitor who searched on a day; it was deflected when that visitor started no
 * conversation later that same day. Anonymous searches (no visitor) are not visits.
 */
async function visitsByDay(db: Kysely<Database>, site: SiteKey, range: InsightRange) {
  const result = await sql<{ day: string; visits: unknown; chatted: unknown }>`
    select v.day as day, count(*) as visits,
      sum(case when exists (
        select 1 from conversations c
        where c.visitor_id = v.visitor_id and c.site = ${site}
          and c.created_at >= v.first_at and substr(c.created_at, 1, 10) = v.day
      ) then 1 else 0 end) as chatted
    from (
      select substr(at, 1, 10) as day, visitor_id, min(at) as first_at
      from faq_events
      where site = ${site} and kind = 'search' and visitor_id is not null and at >= ${range.since} and at < ${range.until}
      group by substr(at, 1, 10), visitor_id
    ) v
    group by v.day`.execute(db);
  return result.rows;
}

async function chatsByDay(db: Kysely<Database>, site: SiteKey, range: InsightRange) {
  return db
    .selectFrom('conversations')
    .select((eb) => [dayOf('created_at').as('day'), eb.fn.countAll().as('count')])
    .where('site', '=', site)
    .where('offline', '=', 0)
    .where('created_at', '>=', range.since)
    .where('created_at', '<', range.until)
    .groupBy(dayOf('created_at'))
    .execute();
}

async function surveysByDay(db: Kysely<Database>, site: SiteKey, range: InsightRange) {
  return db
    .selectFrom('conversations')
    .select((eb) => [dayOf('survey_at').as('day'), 'survey_score', eb.fn.countAll().as('count')])
    .where('site', '=', site)
    .where('survey_score', 'is not', null)
    .where('survey_at', '>=', range.since)
    .where('survey_at', '<', range.until)
    .groupBy([dayOf('survey_at'), 'survey_score'])
    .execute();
}

async function timedConversations(db: Kysely<Database>, site: SiteKey, range: InsightRange) {
  return db
    .selectFrom('conversations')
    .select(['created_at', 'first_response_at', 'closed_at'])
    .where('site', '=', site)
    .where('offline', '=', 0)
    .where('created_at', '>=', range.since)
    .where('created_at', '<', range.until)
    .orderBy('created_at', 'desc')
    .limit(MAX_TIMED_ROWS)
    .execute();
}

interface Durations {
  firstResponse: number[];
  resolution: number[];
}

function secondsBetween(from: string, to: string | null): number | null {
  return to === null ? null : Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);
}

function durationsByDay(
  rows: { created_at: string; first_response_at: string | null; closed_at: string | null }[],
): Map<string, Durations> {
  const byDay = new Map<string, Durations>();
  for (const row of rows) {
    const day = row.created_at.slice(0, 10);
    const entry = byDay.get(day) ?? { firstResponse: [], resolution: [] };
    const first = secondsBetween(row.created_at, row.first_response_at);
    const resolved = secondsBetween(row.created_at, row.closed_at);
    if (first !== null) entry.firstResponse.push(first);
    if (resolved !== null) entry.resolution.push(resolved);
    byDay.set(day, entry);
  }
  return byDay;
}

/** Day-by-day counts and times for one site, plus totals over the whole range. */
export async function insightSeries(db: Kysely<Database>, site: SiteKey, range: InsightRange): Promise<InsightSeries> {
  const [searches, visits, chats, surveys, timed] = await Promise.all([
    searchesByDay(db, site, range),
    visitsByDay(db, site, range),
    chatsByDay(db, site, range),
    surveysByDay(db, site, range),
    timedConversations(db, site, range),
  ]);
  const searchMap = new Map(searches.map((r) => [r.day, num(r.count)]));
  const visitMap = new Map(visits.map((r) => [r.day, { visits: num(r.visits), chatted: num(r.chatted) }]));
  const chatMap = new Map(chats.map((r) => [r.day, num(r.count)]));
  const npsMap = new Map<string, { promoters: number; detractors: number; responses: number }>();
  for (const row of surveys) {
    const entry = npsMap.get(row.day) ?? { promoters: 0, detractors: 0, responses: 0 };
    const score = num(row.survey_score);
    const count = num(row.count);
    entry.responses += count;
    if (score >= 9) entry.promoters += count;
    else if (score <= 6) entry.detractors += count;
    npsMap.set(row.day, entry);
  }
  const times = durationsByDay(timed);

  const days: InsightDay[] = dayList(range).map((day) => {
    const visit = visitMap.get(day) ?? { visits: 0, chatted: 0 };
    const nps = npsMap.get(day) ?? { promoters: 0, detractors: 0, responses: 0 };
    const time = times.get(day) ?? { firstResponse: [], resolution: [] };
    return {
      day,
      searches: searchMap.get(day) ?? 0,
      visits: visit.visits,
      deflected: visit.visits - visit.chatted,
      chats: chatMap.get(day) ?? 0,
      firstResponseMedian: percentile(time.firstResponse, 50),
      firstResponseP90: percentile(time.firstResponse, 90),
      resolutionMedian: percentile(time.resolution, 50),
      surveys: nps.responses,
      nps: netPromoterScore(nps.promoters, nps.detractors, nps.responses),
    };
  });
  const allFirst = [...times.values()].flatMap((t) => t.firstResponse);
  const allResolution = [...times.values()].flatMap((t) => t.resolution);
  const sum = (pick: (d: InsightDay) => number) => days.reduce((total, d) => total + pick(d), 0);
  const visitsTotal = sum((d) => d.visits);
  const deflectedTotal = sum((d) => d.deflected);
  return {
    days,
    totals: {
      searches: sum((d) => d.searches),
      visits: visitsTotal,
      deflected: deflectedTotal,
      deflectionRate: visitsTotal === 0 ? null : deflectedTotal / visitsTotal,
      chats: sum((d) => d.chats),
      firstResponseMedian: percentile(allFirst, 50),
      firstResponseP90: percentile(allFirst, 90),
      resolutionMedian: percentile(allResolution, 50),
    },
  };
}
