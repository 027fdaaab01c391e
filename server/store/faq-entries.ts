/**
 * FAQ entries edited in the console, written once for SQLite and PostgreSQL. Every save,
 * publish and restore writes the entry and a revision with the resulting content in one
 * transaction, so the history always ends with what the entry holds.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AgentId, SiteKey } from '../../protocol/types.js';
import type {
  FaqContent,
  FaqEntryRecord,
  FaqEntryStatus,
  FaqRevisionRecord,
  PublishedFaqEntry,
  SaveFaqEntryInput,
} from './faq-records.js';
import { newId } from './ids.js';
import { nowIso, num, parseList } from './rows.js';
import type { Database, FaqEntriesTable } from './schema.js';
import { ConflictError, NotFoundError } from './store.js';

type Db = Kysely<Database> | Transaction<Database>;

function parseContent(json: string): FaqContent {
  const raw = JSON.parse(json) as Partial<FaqContent>;
  return {
    locale: raw.locale === 'fa' ? 'fa' : 'en',
    question: raw.question ?? '',
    answer: raw.answer ?? '',
    keywords: raw.keywords ?? [],
    phrasings: raw.phrasings ?? [],
    category: raw.category ?? null,
    translationOf: raw.translationOf ?? null,
  };
}

function contentOf(row: Selectable<FaqEntriesTable>): FaqContent {
  return {
    locale: row.locale === 'fa' ? 'fa' : 'en',
    question: row.question,
    answer: row.answer,
    keywords: parseList(row.keywords),
    phrasings: parseList(row.phrasings),
    category: row.category,
    translationOf: row.translation_of,
  };
}

function toEntry(row: Selectable<FaqEntriesTable>): FaqEntryRecord {
  return {
    site: row.site,
    id: row.id,
    ...contentOf(row),
    status: row.status,
    published: row.published === null ? null : parseContent(row.published),
    revision: num(row.revision),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at,
  };
}

function contentColumns(content: FaqContent) {
  return {
    locale: content.locale,
    question: content.question,
    answer: content.answer,
    keywords: JSON.stringify(content.keywords),
    phrasings: JSON.stringify(content.phrasings),
    category: content.category,
    translation_of: content.translationOf,
  };
}

export type FaqEntries = ReturnType<typeof createFaqEntries>;

/** The FAQ-entry queries over `db`; `rowLocks` on PostgreSQL (SELECT … FOR UPDATE). */
export function createFaqEntries(db: Kysely<Database>, rowLocks: boolean) {
  async function row(on: Db, site: SiteKey, id: string, lock: boolean): Promise<Selectable<FaqEntriesTable> | undefined> {
    return on
      .selectFrom('faq_entries')
      .selectAll()
      .where('site', '=', site)
      .where('id', '=', id)
      .$if(lock && rowLocks, (q) => q.forUpdate())
      .executeTakeFirst();
  }

  async function existing(on: Db, site: SiteKey, id: string): Promise<Selectable<FaqEntriesTable>> {
    const found = await row(on, site, id, true);
    if (!found) throw new NotFoundError(`No answer ${id} in site ${site}.`);
    return found;
  }

  async function write(
    trx: Transaction<Database>,
    site: SiteKey,
    id: string,
    current: Selectable<FaqEntriesTable> | undefined,
    content: FaqContent,
    status: FaqEntryStatus,
    published: string | null,
    by: AgentId | null,
  ): Promise<FaqEntryRecord> {
    const now = nowIso();
    const revision = current ? num(current.revision) + 1 : 1;
    const columns = { ...contentColumns(content), status, published, revision, updated_at: now, updated_by: by };
    let row: Selectable<FaqEntriesTable>;
    if (current) {
      row = await trx
        .updateTable('faq_entries')
        .set(columns)
        .where('site', '=', site)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      const last = await trx
        .selectFrom('faq_entries')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('site', '=', site)
        .executeTakeFirst();
      row = await trx
        .insertInto('faq_entries')
        .values({ site, id, position: num(last?.position) + 1, deleted_at: null, ...columns })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await trx
      .insertInto('faq_revisions')
      .values({ site, entry_id: id, revision, content: JSON.stringify(content), status, saved_at: now, saved_by: by })
      .execute();
    return toEntry(row);
  }

  return {
    async list(site: SiteKey, options: { includeDeleted?: boolean } = {}): Promise<FaqEntryRecord[]> {
      const rows = await db
        .selectFrom('faq_entries')
        .selectAll()
        .where('site', '=', site)
        .$if(!options.includeDeleted, (q) => q.where('deleted_at', 'is', null))
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(toEntry);
    },

    async get(site: SiteKey, id: string): Promise<FaqEntryRecord | null> {
      const found = await row(db, site, id, false);
      return found ? toEntry(found) : null;
    },

    /** What visitors see: the published content of every entry not deleted, in the owner's order. */
    async published(site: SiteKey): Promise<PublishedFaqEntry[]> {
      const rows = await db
        .selectFrom('faq_entries')
        .select(['id', 'published'])
        .where('site', '=', site)
        .where('deleted_at', 'is', null)
        .where('published', 'is not', null)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, ...parseContent(r.published as string) }));
    },

    /** Changes whenever any entry of the site is saved, published, deleted or restored. */
    async stamp(site: SiteKey): Promise<string> {
      const totals = await db
        .selectFrom('faq_entries')
        .select((eb) => [
          eb.fn.countAll().as('count'),
          eb.fn.max('updated_at').as('latest'),
          eb.fn.sum('revision').as('revisions'),
          eb.fn.count('deleted_at').as('deleted'),
        ])
        .where('site', '=', site)
        .executeTakeFirst();
      return `${num(totals?.count)}:${num(totals?.deleted)}:${num(totals?.revisions)}:${totals?.latest ?? ''}`;
    },

    save(input: SaveFaqEntryInput): Promise<FaqEntryRecord> {
      return db.transaction().execute(async (trx) => {
        const id = input.id ?? newId();
        const current = input.id === undefined ? undefined : await row(trx, input.site, id, true);
        if (current && input.baseRevision !== undefined && num(current.revision) !== input.baseRevision) {
          throw new ConflictError(
            `The answer was changed by someone else (revision ${num(current.revision)}, not ${input.baseRevision}); reload it first.`,
          );
        }
        const status: FaqEntryStatus = input.publish ? 'published' : 'draft';
        const published = input.publish ? JSON.stringify(input.content) : (current?.published ?? null);
        return write(trx, input.site, id, current, input.content, status, published, input.by);
      });
    },

    /** Makes the working copy what visitors see. */
    publish(site: SiteKey, id: string, by: AgentId | null): Promise<FaqEntryRecord> {
      return db.transaction().execute(async (trx) => {
        const current = await existing(trx, site, id);
        const content = contentOf(current);
        return write(trx, site, id, current, content, 'published', JSON.stringify(content), by);
      });
    },

    /** Deletes (hides from visitors) or, with `deleted: false`, undoes the delete. */
    setDeleted(site: SiteKey, id: string, deleted: boolean, by: AgentId | null): Promise<FaqEntryRecord> {
      return db.transaction().execute(async (trx) => {
        await existing(trx, site, id);
        const now = nowIso();
        const row = await trx
          .updateTable('faq_entries')
          .set({ deleted_at: deleted ? now : null, updated_at: now, updated_by: by })
          .where('site', '=', site)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toEntry(row);
      });
    },

    async revisions(site: SiteKey, id: string): Promise<FaqRevisionRecord[]> {
      const rows = await db
        .selectFrom('faq_revisions')
        .selectAll()
        .where('site', '=', site)
        .where('entry_id', '=', id)
        .orderBy('revision', 'desc')
        .execute();
      return rows.map((r) => ({
        revision: num(r.revision),
        content: parseContent(r.content),
        status: r.status,
        savedAt: r.saved_at,
        savedBy: r.saved_by,
      }));
    },

    /** Puts an earlier revision back as the working copy (a draft: publishing is a separate step). */
    restore(site: SiteKey, id: string, revision: number, by: AgentId | null): Promise<FaqEntryRecord> {
      return db.transaction().execute(async (trx) => {
        const current = await existing(trx, site, id);
        const old = await trx
          .selectFrom('faq_revisions')
          .select('content')
          .where('site', '=', site)
          .where('entry_id', '=', id)
          .where('revision', '=', revision)
          .executeTakeFirst();
        if (!old) throw new NotFoundError(`Answer ${id} has no revision ${revision}.`);
        return write(trx, site, id, current, parseContent(old.content), 'draft', current.published, by);
      });
    },

    /** Writes each entry as published under its own id (new or replaced), in order, in one transaction. */
    importPublished(
      site: SiteKey,
      entries: readonly PublishedFaqEntry[],
      by: AgentId | null,
    ): Promise<{ created: number; updated: number }> {
      return db.transaction().execute(async (trx) => {
        let created = 0;
        for (const { id, ...content } of entries) {
          const current = await row(trx, site, id, true);
          if (!current) created++;
          await write(trx, site, id, current, content, 'published', JSON.stringify(content), by);
        }
        return { created, updated: entries.length - created };
      });
    },
  };
}
