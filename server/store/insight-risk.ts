/**
 * What the at-risk rule (protocol/at-risk.ts) looks at, read from the store. The store only
 * gathers signals; the rule alone decides. For a site-wide list, candidates are prefiltered in
 * SQL with the rule's own thresholds so only a bounded set of visitors is read in full.
 */
import type { Kysely } from 'kysely';
import { RISK_RULES, type RiskSignals } from '../../protocol/at-risk.js';
import type { IsoTime, SiteKey, VisitorId } from '../../protocol/types.js';
import { num } from './rows.js';
import type { Database } from './schema.js';

const DAY_MS = 24 * 3600 * 1000;

export interface RiskCandidate {
  visitorId: VisitorId;
  name: string | null;
  email: string | null;
  lastSeenAt: IsoTime;
  signals: RiskSignals;
}

function ago(now: IsoTime, days: number): IsoTime {
  return new Date(Date.parse(now) - days * DAY_MS).toISOString();
}

/** The signals of the given visitors within the rule's lookback, keyed by visitor. */
async function signalsOf(db: Kysely<Database>, visitorIds: VisitorId[], now: IsoTime): Promise<Map<VisitorId, RiskSignals>> {
  const map = new Map<VisitorId, RiskSignals>(
    visitorIds.map((id) => [id, { surveys: [], notHelpfulVotes: [], conversations: [] }]),
  );
  if (visitorIds.length === 0) return map;
  const since = ago(now, Math.max(RISK_RULES.lookbackDays, RISK_RULES.frequentDays));
  const [conversations, votes] = await Promise.all([
    db
      .selectFrom('conversations')
      .select(['visitor_id', 'created_at', 'survey_score', 'survey_at'])
      .where('visitor_id', 'in', visitorIds)
      .where((eb) => eb.or([eb('created_at', '>=', since), eb('survey_at', '>=', since)]))
      .execute(),
    db
      .selectFrom('faq_events')
      .select(['visitor_id', 'at'])
      .where('visitor_id', 'in', visitorIds)
      .where('kind', '=', 'helpful')
      .where('helpful', '=', 0)
      .where('at', '>=', since)
      .execute(),
  ]);
  for (const c of conversations) {
    const signals = map.get(c.visitor_id)!;
    signals.conversations.push(c.created_at);
    if (c.survey_score !== null && c.survey_at !== null) signals.surveys.push({ score: num(c.survey_score), at: c.survey_at });
  }
  for (const v of votes) if (v.visitor_id) map.get(v.visitor_id)?.notHelpfulVotes.push(v.at);
  return map;
}

/** One visitor's signals, for the visitor panel. */
export async function visitorRiskSignals(db: Kysely<Database>, visitorId: VisitorId, now: IsoTime): Promise<RiskSignals> {
  return (await signalsOf(db, [visitorId], now)).get(visitorId)!;
}

/** Visitors of a site who may be at risk, with their signals; at most `limit`, most recently seen first. */
export async function riskCandidates(db: Kysely<Database>, site: SiteKey, now: IsoTime, limit: number): Promise<RiskCandidate[]> {
  const lookback = ago(now, RISK_RULES.lookbackDays);
  const frequentSince = ago(now, RISK_RULES.frequentDays);
  const [detractors, voters, frequent] = await Promise.all([
    db
      .selectFrom('conversations')
      .select('visitor_id')
      .distinct()
      .where('site', '=', site)
      .where('survey_score', '<=', RISK_RULES.detractorMax)
      .where('survey_at', '>=', lookback)
      .execute(),
    db
      .selectFrom('faq_events')
      .select('visitor_id')
      .where('site', '=', site)
      .where('kind', '=', 'helpful')
      .where('helpful', '=', 0)
      .where('visitor_id', 'is not', null)
      .where('at', '>=', lookback)
      .groupBy('visitor_id')
      .having((eb) => eb.fn.countAll(), '>=', RISK_RULES.notHelpfulVotes)
      .execute(),
    db
      .selectFrom('conversations')
      .select('visitor_id')
      .where('site', '=', site)
      .where('created_at', '>=', frequentSince)
      .groupBy('visitor_id')
      .having((eb) => eb.fn.countAll(), '>=', RISK_RULES.frequentConversations)
      .execute(),
  ]);
  // Capped so the IN list stays within both databases' parameter limits.
  const ids = [
    ...new Set([...detractors, ...voters, ...frequent].map((r) => r.visitor_id).filter((id): id is string => id !== null)),
  ].slice(0, 5000);
  if (ids.length === 0) return [];
  const visitors = await db
    .selectFrom('visitors')
    .select(['id', 'name', 'email', 'last_seen_at'])
    .where('id', 'in', ids)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  const signals = await signalsOf(
    db,
    visitors.map((v) => v.id),
    now,
  );
  return visitors.map((v) => ({
    visitorId: v.id,
    name: v.name,
    email: v.email,
    lastSeenAt: v.last_seen_at,
    signals: signals.get(v.id)!,
  }));
}
