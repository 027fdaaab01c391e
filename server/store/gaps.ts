/**
 * What the gap finder and repeated replies read, written once for SQLite and PostgreSQL:
 * failed searches, the first message of chats that followed one, agent replies, and the
 * owner's marks on wordings. The ten-minute "no click" window is applied here rather than in
 * SQL because adding minutes to a timestamp is spelled differently in the two databases.
 */
import type { Kysely } from 'kysely';
import { GAPS } from '../../protocol/gaps.js';
import type { AgentId, IsoTime, SiteKey, VisitorContext } from '../../protocol/types.js';
import type { SentReply } from '../gaps/fingerprint.js';
import type { GapAsk } from '../gaps/group.js';
import { nowIso, parseContext } from './rows.js';
import type { Database, GapMarksTable } from './schema.js';

/** Rows read per source at most: the newest are kept. */
export const GAP_LIMITS = { searches: 20_000, views: 50_000, chats: 5_000, replies: 20_000 } as const;

export type GapAction = GapMarksTable['action'];

export interface GapMark {
  wording: string;
  action: GapAction;
  entryId: string | null;
}

/** A chat's first visitor message when the visitor had searched and found nothing to read first. */
export function chatFollowedFailedSearch(context: VisitorContext): boolean {
  const searches = context.searches ?? [];
  if (searches.length === 0) return false;
  return searches.some((s) => s.hits === 0) || (context.articles ?? []).length === 0;
}

/** Searches that found nothing, or found answers the visitor did not open within the window. */
export function failedSearches(
  searches: readonly { query: string; hits: number; visitorId: string | null; at: IsoTime }[],
  views: readonly { visitorId: string; at: IsoTime }[],
  windowMinutes: number = GAPS.clickWindowMinutes,
): GapAsk[] {
  const window = windowMinutes * 60_000;
  const opened = new Map<string, number[]>();
  for (const view of views) {
    const list = opened.get(view.visitorId);
    if (list) list.push(Date.parse(view.at));
    else opened.set(view.visitorId, [Date.parse(view.at)]);
  }
  const clicked = (visitorId: string | null, at: number) =>
    visitorId !== null && (opened.get(visitorId) ?? []).some((t) => t >= at && t - at <= window);
  return searches
    .filter((s) => s.hits === 0 || !clicked(s.visitorId, Date.parse(s.at)))
    .map((s) => ({ text: s.query, kind: 'search' as const, visitorId: s.visitorId, at: s.at }));
}

/** The first message of each conversation by `author`, not internal notes. */
function firstMessages(db: Kysely<Database>, ids: readonly string[], author: 'visitor' | 'agent') {
  return db
    .selectFrom('messages as m')
    .select(['m.conversation_id', 'm.text'])
    .where('m.conversation_id', 'in', ids)
    .where('m.author_kind', '=', author)
    .where('m.internal', '=', 0)
    .where(({ eb, selectFrom }) =>
      eb(
        'm.seq',
        '=',
        selectFrom('messages as f')
          .select((f) => f.fn.min('f.seq').as('seq'))
          .whereRef('f.conversation_id', '=', 'm.conversation_id')
          .where('f.author_kind', '=', author)
          .where('f.internal', '=', 0),
      ),
    )
    .execute();
}

const CHUNK = 500;

/** The first agent reply of each conversation that has one (for answers drafted from chats). */
export async function firstAgentReplies(db: Kysely<Database>, ids: readonly string[]): Promise<Record<string, string>> {
  const replies: Record<string, string> = {};
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const row of await firstMessages(db, ids.slice(i, i + CHUNK), 'agent')) replies[row.conversation_id] = row.text;
  }
  return replies;
}

async function chatAsks(db: Kysely<Database>, site: SiteKey, since: IsoTime): Promise<GapAsk[]> {
  const conversations = await db
    .selectFrom('conversations')
    .select(['id', 'visitor_id', 'created_at', 'context'])
    .where('site', '=', site)
    .where('created_at', '>=', since)
    .where('context', 'like', '%"searches"%')
    .orderBy('created_at', 'desc')
    .limit(GAP_LIMITS.chats)
    .execute();
  const after = conversations.filter((c) => chatFollowedFailedSearch(parseContext(c.context)));
  const asks: GapAsk[] = [];
  for (let i = 0; i < after.length; i += CHUNK) {
    const chunk = after.slice(i, i + CHUNK);
    const first = new Map(
      (
        await firstMessages(
          db,
          chunk.map((c) => c.id),
          'visitor',
        )
      ).map((r) => [r.conversation_id, r.text]),
    );
    for (const c of chunk) {
      const text = first.get(c.id);
      if (text) asks.push({ text, kind: 'chat', visitorId: c.visitor_id, at: c.created_at, conversationId: c.id });
    }
  }
  return asks;
}

/** Every failed search and chat after one since `since` (canonical ISO), newest first per source. */
export async function gapAsks(db: Kysely<Database>, site: SiteKey, since: IsoTime): Promise<GapAsk[]> {
  const events = db.selectFrom('faq_events').where('site', '=', site).where('at', '>=', since);
  const [searches, views, chats] = await Promise.all([
    events
      .select(['query', 'hits', 'visitor_id', 'at'])
      .where('kind', '=', 'search')
      .where('query', 'is not', null)
      .orderBy('at', 'desc')
      .limit(GAP_LIMITS.searches)
      .execute(),
    events
      .select(['visitor_id', 'at'])
      .where('kind', '=', 'view')
      .where('visitor_id', 'is not', null)
      .orderBy('at', 'desc')
      .limit(GAP_LIMITS.views)
      .execute(),
    chatAsks(db, site, since),
  ]);
  const failed = failedSearches(
    searches.map((s) => ({ query: s.query ?? '', hits: Number(s.hits ?? 0), visitorId: s.visitor_id, at: s.at })),
    views.map((v) => ({ visitorId: v.visitor_id ?? '', at: v.at })),
  );
  return [...failed, ...chats];
}

/** Agent replies (not internal notes) of the site's conversations since `since`, newest first. */
export async function agentReplies(db: Kysely<Database>, site: SiteKey, since: IsoTime): Promise<SentReply[]> {
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select((eb) => [
      'm.text',
      'm.conversation_id',
      'm.author_id',
      'm.created_at',
      // What the visitor had said last before this reply: the question an FAQ answer would answer.
      eb
        .selectFrom('messages as v')
        .select('v.text')
        .whereRef('v.conversation_id', '=', 'm.conversation_id')
        .whereRef('v.seq', '<', 'm.seq')
        .where('v.author_kind', '=', 'visitor')
        .orderBy('v.seq', 'desc')
        .limit(1)
        .as('asked'),
    ])
    .where('c.site', '=', site)
    .where('c.created_at', '>=', since)
    .where('m.author_kind', '=', 'agent')
    .where('m.internal', '=', 0)
    .orderBy('m.created_at', 'desc')
    .limit(GAP_LIMITS.replies)
    .execute();
  return rows.map((r) => ({
    text: r.text,
    conversationId: r.conversation_id,
    agentId: r.author_id,
    at: r.created_at,
    asked: r.asked ?? null,
  }));
}

export async function listGapMarks(db: Kysely<Database>, site: SiteKey): Promise<GapMark[]> {
  const rows = await db.selectFrom('gap_marks').select(['wording', 'action', 'entry_id']).where('site', '=', site).execute();
  return rows.map((r) => ({ wording: r.wording, action: r.action, entryId: r.entry_id }));
}

/** Marks each wording; marking one again with the same action replaces the mark. */
export async function markGaps(
  db: Kysely<Database>,
  input: { site: SiteKey; wordings: readonly string[]; action: GapAction; entryId: string | null; by: AgentId | null },
): Promise<void> {
  const wordings = [...new Set(input.wordings)].filter(Boolean);
  if (wordings.length === 0) return;
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < wordings.length; i += CHUNK) {
      await trx
        .insertInto('gap_marks')
        .values(
          wordings.slice(i, i + CHUNK).map((wording) => ({
            site: input.site,
            wording,
            action: input.action,
            entry_id: input.entryId,
            created_at: now,
            created_by: input.by,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['site', 'wording', 'action'])
            .doUpdateSet({ entry_id: input.entryId, created_at: now, created_by: input.by }),
        )
        .execute();
    }
  });
}
