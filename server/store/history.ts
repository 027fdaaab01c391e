/** Closed conversations, searched: by visitor, words said, date, agent and site, newest first. */
import { sql, type Kysely } from 'kysely';
import { toConversation } from './rows.js';
import type { Database } from './schema.js';
import type { ConversationRecord, HistoryFilter } from './store.js';

/** `%text%` for LIKE, with the user's own % and _ taken literally. */
function contains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `from` and `to` must already be canonical ISO (rows.toIso), so text comparison is time comparison. */
export async function searchClosedConversations(db: Kysely<Database>, filter: HistoryFilter): Promise<ConversationRecord[]> {
  if (filter.sites !== undefined && filter.sites.length === 0) return [];
  const { sites, agentId, from, to } = filter;
  const visitor = filter.visitor?.trim();
  const text = filter.text?.trim();
  const rows = await db
    .selectFrom('conversations as c')
    .selectAll('c')
    .where('c.status', '=', 'closed')
    .$if(sites !== undefined, (q) => q.where('c.site', 'in', sites ?? []))
    .$if(agentId !== undefined, (q) => q.where('c.assignee_id', '=', agentId ?? ''))
    .$if(from !== undefined, (q) => q.where('c.created_at', '>=', from ?? ''))
    .$if(to !== undefined, (q) => q.where('c.created_at', '<=', to ?? ''))
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
    .$if(Boolean(visitor), (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('visitors as v')
            .select(sql.lit(1).as('one'))
            .whereRef('v.id', '=', 'c.visitor_id')
            .where((eb) =>
              eb.or([
                eb(sql`lower(v.name)`, 'like', sql`${contains(visitor!)} escape '\\'`),
                eb(sql`lower(v.email)`, 'like', sql`${contains(visitor!)} escape '\\'`),
                eb(sql`lower(v.external_id)`, 'like', sql`${contains(visitor!)} escape '\\'`),
              ]),
            ),
        ),
      ),
    )
    .$if(Boolean(text), (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('messages as m')
            .select(sql.lit(1).as('one'))
            .whereRef('m.conversation_id', '=', 'c.id')
            .where(sql`lower(m.text)`, 'like', sql`${contains(text!)} escape '\\'`),
        ),
      ),
    )
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 200))
    .execute();
  return rows.map(toConversation);
}
