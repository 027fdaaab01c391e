/**
 * The FAQ-entries part of the Store contract, run inside describeStoreContract (so SQLite and
 * PostgreSQL both pass it) against the test's fresh store.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, type FaqContent, type Store } from '../../server/store/store.js';

const SITE = 'default';

function content(extra: Partial<FaqContent> = {}): FaqContent {
  return {
    locale: 'en',
    question: 'How do refunds work?',
    answer: 'Within **14 days**.',
    keywords: ['refund'],
    phrasings: ['money back'],
    category: 'Billing',
    translationOf: null,
    ...extra,
  };
}

export function describeFaqEntriesContract(current: () => Store): void {
  describe('FAQ entries', () => {
    it('keeps a draft from visitors until it is published, then serves the published content', async () => {
      const store = current();
      const draft = await store.saveFaqEntry({ site: SITE, content: content(), by: null });
      expect(draft).toMatchObject({ site: SITE, status: 'draft', published: null, revision: 1, deletedAt: null, ...content() });
      expect(await store.publishedFaqEntries(SITE)).toEqual([]);

      const published = await store.publishFaqEntry(SITE, draft.id, null);
      expect(published).toMatchObject({ status: 'published', revision: 2, published: content() });
      expect(await store.publishedFaqEntries(SITE)).toEqual([{ id: draft.id, ...content() }]);

      // A later draft leaves the published version live.
      const edited = await store.saveFaqEntry({ site: SITE, id: draft.id, content: content({ question: 'Refunds?' }), by: null });
      expect(edited).toMatchObject({ status: 'draft', question: 'Refunds?', published: { question: 'How do refunds work?' } });
      expect((await store.publishedFaqEntries(SITE))[0]?.question).toBe('How do refunds work?');
      expect(await store.getFaqEntry('other-site', draft.id)).toBeNull();
    });

    it('lists entries in the order they were created, per site', async () => {
      const store = current();
      const a = await store.saveFaqEntry({
        site: SITE,
        id: 'b-first',
        content: content({ question: 'First' }),
        publish: true,
        by: null,
      });
      const b = await store.saveFaqEntry({
        site: SITE,
        id: 'a-second',
        content: content({ question: 'Second', locale: 'fa', translationOf: 'b-first' }),
        publish: true,
        by: null,
      });
      await store.saveFaqEntry({ site: 'elsewhere', content: content(), publish: true, by: null });
      expect((await store.listFaqEntries(SITE)).map((e) => e.id)).toEqual([a.id, b.id]);
      expect((await store.publishedFaqEntries(SITE)).map((e) => [e.id, e.locale, e.translationOf])).toEqual([
        ['b-first', 'en', null],
        ['a-second', 'fa', 'b-first'],
      ]);
    });

    it('refuses a save over a newer revision than the editor started from', async () => {
      const store = current();
      const entry = await store.saveFaqEntry({ site: SITE, content: content(), by: null });
      await store.saveFaqEntry({ site: SITE, id: entry.id, content: content({ question: 'Theirs' }), by: null, baseRevision: 1 });
      await expect(
        store.saveFaqEntry({ site: SITE, id: entry.id, content: content({ question: 'Mine' }), by: null, baseRevision: 1 }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await store.getFaqEntry(SITE, entry.id))?.question).toBe('Theirs');
    });

    it('keeps every version and restores an earlier one as a draft', async () => {
      const store = current();
      const entry = await store.saveFaqEntry({ site: SITE, content: content({ answer: 'one' }), publish: true, by: null });
      await store.saveFaqEntry({ site: SITE, id: entry.id, content: content({ answer: 'two' }), publish: true, by: null });
      const revisions = await store.listFaqRevisions(SITE, entry.id);
      expect(revisions.map((r) => [r.revision, r.content.answer, r.status])).toEqual([
        [2, 'two', 'published'],
        [1, 'one', 'published'],
      ]);

      const restored = await store.restoreFaqRevision(SITE, entry.id, 1, null);
      expect(restored).toMatchObject({ revision: 3, answer: 'one', status: 'draft', published: { answer: 'two' } });
      expect((await store.listFaqRevisions(SITE, entry.id))[0]).toMatchObject({ revision: 3, content: { answer: 'one' } });
      await expect(store.restoreFaqRevision(SITE, entry.id, 99, null)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('hides a deleted entry from visitors and brings it back on undo', async () => {
      const store = current();
      const entry = await store.saveFaqEntry({ site: SITE, content: content(), publish: true, by: null });
      const before = await store.faqStamp(SITE);
      const deleted = await store.setFaqEntryDeleted(SITE, entry.id, true, null);
      expect(deleted.deletedAt).not.toBeNull();
      expect(await store.publishedFaqEntries(SITE)).toEqual([]);
      expect(await store.listFaqEntries(SITE)).toEqual([]);
      expect((await store.listFaqEntries(SITE, { includeDeleted: true })).map((e) => e.id)).toEqual([entry.id]);
      expect(await store.faqStamp(SITE)).not.toBe(before);

      await store.setFaqEntryDeleted(SITE, entry.id, false, null);
      expect((await store.publishedFaqEntries(SITE)).map((e) => e.id)).toEqual([entry.id]);
      await expect(store.setFaqEntryDeleted(SITE, 'nope', true, null)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.publishFaqEntry(SITE, 'nope', null)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('imports entries as published, replacing those with the same id', async () => {
      const store = current();
      await store.saveFaqEntry({ site: SITE, id: 'refunds', content: content({ answer: 'old' }), by: null });
      const result = await store.importFaqEntries(
        SITE,
        [
          { id: 'refunds', ...content({ answer: 'new' }) },
          { id: 'shipping', ...content({ question: 'Shipping?' }) },
        ],
        null,
      );
      expect(result).toEqual({ created: 1, updated: 1 });
      expect((await store.publishedFaqEntries(SITE)).map((e) => [e.id, e.answer])).toEqual([
        ['refunds', 'new'],
        ['shipping', 'Within **14 days**.'],
      ]);
    });
  });
}
