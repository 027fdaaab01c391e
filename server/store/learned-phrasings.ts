/**
 * Learned phrasings, written once for SQLite and PostgreSQL: each distinct voter of a wording is
 * a row, so the count is of visitors, not of votes, and a wording is promoted (searched) once
 * enough visitors, or one agent, vouched for it. A removed wording stays removed.
 */
import type { Kysely, Selectable } from 'kysely';
import type { LearnedPhrasing, PhrasingSource } from '../../protocol/answers.js';
import type { IsoTime, Locale, SiteKey, VisitorId } from '../../protocol/types.js';
import { newId } from './ids.js';
import { nowIso, num } from './rows.js';
import type { Database, LearnedPhrasingsTable } from './schema.js';

export interface LearnPhrasingInput {
  site: SiteKey;
  entryId: string;
  locale: Locale;
  /** The wording as shown to owners. */
  text: string;
  /** Its matching form: one phrasing per wording and entry. */
  wording: string;
  source: PhrasingSource;
  /** The visitor's or the agent's id. */
  voter: string;
  /** Distinct visitors needed before a visitor-learned wording is promoted. */
  afterVisitors: number;
  /** Candidate (not yet promoted) wordings kept per entry at most. */
  maxCandidates: number;
}

function toPhrasing(row: Selectable<LearnedPhrasingsTable>): LearnedPhrasing {
  return {
    id: row.id,
    entryId: row.entry_id,
    locale: row.locale,
    text: row.text,
    source: row.source,
    visitors: num(row.visitors),
    promoted: num(row.promoted) === 1,
    createdAt: row.created_at,
  };
}

type Db = Kysely<Database>;

/**
 * Makes room for a new candidate wording of an entry, false when there is none. A full entry
 * evicts its oldest candidates that only one visitor vouched for rather than refusing newcomers:
 * refusing would let one spammer lock an entry's learning for good by filling it once, while a
 * lone visitor's wording is the weakest evidence kept and the one a second visitor has not
 * confirmed in all the time since. Wordings two or more visitors vouched for are never evicted;
 * when only those remain, the newcomer (one visitor) is refused. Removed wordings are not
 * candidates: they stay so the wording is not learned again. Trimming down to the cap (not by
 * one) brings an entry back within it after concurrent writers overshot it.
 */
async function roomForWording(trx: Db, input: LearnPhrasingInput): Promise<boolean> {
  if (input.source === 'agent' || input.afterVisitors <= 1) return true; // promoted at once
  const known = await trx
    .selectFrom('learned_phrasings')
    .select('id')
    .where('site', '=', input.site)
    .where('entry_id', '=', input.entryId)
    .where('wording', '=', input.wording)
    .executeTakeFirst();
  if (known) return true;
  const candidates = trx
    .selectFrom('learned_phrasings')
    .where('site', '=', input.site)
    .where('entry_id', '=', input.entryId)
    .where('promoted', '=', 0)
    .where('removed_at', 'is', null);
  const { count } = await candidates.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  const excess = num(count) - Math.max(1, input.maxCandidates) + 1;
  if (excess <= 0) return true;
  const lone = await candidates
    .select('id')
    .where('visitors', '<=', 1)
    .orderBy('created_at')
    .orderBy('id')
    .limit(excess)
    .execute();
  if (lone.length < excess) return false;
  const ids = lone.map((r) => r.id);
  await trx.deleteFrom('learned_phrasing_voters').where('phrasing_id', 'in', ids).execute();
  await trx.deleteFrom('learned_phrasings').where('id', 'in', ids).execute();
  return true;
}

/**
 * Counts the voter for the wording; null when an owner removed this wording of this entry, or
 * when it is a new candidate and the entry's candidates are full (see roomForWording).
 */
export async function learnPhrasing(db: Db, input: LearnPhrasingInput): Promise<LearnedPhrasing | null> {
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    if (!(await roomForWording(trx, input))) return null;
    await trx
      .insertInto('learned_phrasings')
      .values({
        id: newId(),
        site: input.site,
        entry_id: input.entryId,
        locale: input.locale,
        wording: input.wording,
        text: input.text,
        source: input.source,
        visitors: 0,
        promoted: 0,
        created_at: now,
        removed_at: null,
      })
      .onConflict((oc) => oc.columns(['site', 'entry_id', 'wording']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('learned_phrasings')
      .selectAll()
      .where('site', '=', input.site)
      .where('entry_id', '=', input.entryId)
      .where('wording', '=', input.wording)
      .executeTakeFirstOrThrow();
    if (row.removed_at !== null) return null;
    const voter = `${input.source === 'agent' ? 'a' : 'v'}:${input.voter}`;
    await trx
      .insertInto('learned_phrasing_voters')
      .values({ phrasing_id: row.id, voter, created_at: now })
      .onConflict((oc) => oc.columns(['phrasing_id', 'voter']).doNothing())
      .execute();
    const voters = await trx.selectFrom('learned_phrasing_voters').select('voter').where('phrasing_id', '=', row.id).execute();
    const visitors = voters.filter((v) => v.voter.startsWith('v:')).length;
    const agent = voters.some((v) => v.voter.startsWith('a:'));
    const promoted = agent || visitors >= Math.max(1, input.afterVisitors);
    const next = { visitors, promoted: promoted ? 1 : 0, source: agent ? 'agent' : 'visitor' } as const;
    await trx.updateTable('learned_phrasings').set(next).where('id', '=', row.id).execute();
    return toPhrasing({ ...row, ...next });
  });
}

/** A site's learned phrasings not removed, oldest first; only those searched with `promotedOnly`. */
export async function listLearnedPhrasings(
  db: Kysely<Database>,
  site: SiteKey,
  options: { promotedOnly?: boolean; entryId?: string } = {},
): Promise<LearnedPhrasing[]> {
  const rows = await db
    .selectFrom('learned_phrasings')
    .selectAll()
    .where('site', '=', site)
    .where('removed_at', 'is', null)
    .$if(options.promotedOnly === true, (q) => q.where('promoted', '=', 1))
    .$if(options.entryId !== undefined, (q) => q.where('entry_id', '=', options.entryId as string))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPhrasing);
}

/** Removes a phrasing for good (the wording is not learned again); false for an unknown id. */
export async function removeLearnedPhrasing(db: Kysely<Database>, site: SiteKey, id: string): Promise<boolean> {
  const result = await db
    .updateTable('learned_phrasings')
    .set({ removed_at: nowIso(), promoted: 0 })
    .where('site', '=', site)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The visitor's newest search or chat draft with a query since `since`: what led to the answer. */
export async function lastVisitorQuery(
  db: Kysely<Database>,
  site: SiteKey,
  visitorId: VisitorId,
  since: IsoTime,
): Promise<string | null> {
  const row = await db
    .selectFrom('faq_events')
    .select('query')
    .where('site', '=', site)
    .where('visitor_id', '=', visitorId)
    .where('kind', 'in', ['search', 'deflect'])
    .where('query', 'is not', null)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.query ?? null;
}
