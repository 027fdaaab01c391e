/**
 * The learned-phrasings part of the Store contract, run inside describeStoreContract (so SQLite
 * and PostgreSQL both pass it): the distinct-visitor threshold, the one-agent shortcut,
 * removal that sticks, the cap on candidate wordings per entry, the last query that led to an
 * answer, and answer cards on messages.
 */
import { describe, expect, it } from 'vitest';
import type { LearnPhrasingInput } from '../../server/store/learned-phrasings.js';
import type { Store } from '../../server/store/store.js';

const SITE = 'default';

const wording = (extra: Partial<LearnPhrasingInput> = {}): LearnPhrasingInput => ({
  site: SITE,
  entryId: 'en-refund',
  locale: 'en',
  text: 'get my cash back',
  wording: 'get my cash back',
  source: 'visitor',
  voter: 'visitor-1',
  afterVisitors: 3,
  maxCandidates: 50,
  ...extra,
});

export function describeLearnedPhrasingsContract(current: () => Store): void {
  describe('learned phrasings', () => {
    it('promotes a visitor wording only after N distinct visitors, however often one of them votes', async () => {
      const store = current();
      const first = await store.learnPhrasing(wording());
      expect(first).toMatchObject({
        entryId: 'en-refund',
        text: 'get my cash back',
        source: 'visitor',
        visitors: 1,
        promoted: false,
      });
      // The same visitor again (spam) is still one visitor.
      for (let i = 0; i < 3; i++) expect(await store.learnPhrasing(wording())).toMatchObject({ visitors: 1, promoted: false });
      expect(await store.learnPhrasing(wording({ voter: 'visitor-2' }))).toMatchObject({ visitors: 2, promoted: false });
      expect(await store.listLearnedPhrasings(SITE, { promotedOnly: true })).toEqual([]);
      const third = await store.learnPhrasing(wording({ voter: 'visitor-3', text: 'Get my cash back' }));
      expect(third).toMatchObject({ id: first?.id, visitors: 3, promoted: true, text: 'get my cash back' });
      expect((await store.listLearnedPhrasings(SITE, { promotedOnly: true })).map((p) => p.id)).toEqual([first?.id]);
      expect(await store.listLearnedPhrasings('other-site')).toEqual([]);
    });

    it('promotes at once when one agent links the wording', async () => {
      const store = current();
      const learned = await store.learnPhrasing(
        wording({ source: 'agent', voter: 'agent-1', text: 'refund pls', wording: 'refund pls' }),
      );
      expect(learned).toMatchObject({ source: 'agent', visitors: 0, promoted: true });
      // A later visitor vote keeps it the agent's.
      expect(await store.learnPhrasing(wording({ text: 'refund pls', wording: 'refund pls' }))).toMatchObject({
        source: 'agent',
        visitors: 1,
        promoted: true,
      });
    });

    it('keeps a removed wording removed: it is neither listed nor learned again', async () => {
      const store = current();
      const learned = await store.learnPhrasing(wording({ source: 'agent', voter: 'agent-1' }));
      const other = await store.learnPhrasing(wording({ entryId: 'en-shipping', wording: 'get my cash back' }));
      expect(await store.removeLearnedPhrasing('other-site', learned!.id)).toBe(false);
      expect(await store.removeLearnedPhrasing(SITE, learned!.id)).toBe(true);
      expect(await store.removeLearnedPhrasing(SITE, learned!.id)).toBe(false);
      expect(await store.learnPhrasing(wording({ voter: 'visitor-9' }))).toBeNull();
      expect(await store.learnPhrasing(wording({ source: 'agent', voter: 'agent-2' }))).toBeNull();
      // The same wording of another entry is a phrasing of its own.
      expect((await store.listLearnedPhrasings(SITE)).map((p) => p.id)).toEqual([other?.id]);
      expect(await store.listLearnedPhrasings(SITE, { entryId: 'en-refund' })).toEqual([]);
    });

    it('keeps at most maxCandidates candidate wordings per entry, evicting the oldest one-visitor wording first', async () => {
      const store = current();
      const say = (words: string, voter: string, extra: Partial<LearnPhrasingInput> = {}) =>
        store.learnPhrasing(wording({ text: words, wording: words, voter, maxCandidates: 3, ...extra }));
      const candidates = async () =>
        (await store.listLearnedPhrasings(SITE, { entryId: 'en-refund' })).filter((p) => !p.promoted).map((p) => p.text);
      await say('kept words', 'visitor-1');
      await say('kept words', 'visitor-2');
      await say('spam one', 'spammer');
      await say('spam two', 'spammer');
      // Full: the oldest wording with one visitor goes, not the older one two visitors used.
      expect(await say('spam three', 'spammer')).toMatchObject({ text: 'spam three', visitors: 1 });
      expect(await candidates()).toEqual(['kept words', 'spam two', 'spam three']);
      // Another vote for a kept wording evicts nothing.
      expect(await say('spam two', 'visitor-3')).toMatchObject({ visitors: 2 });
      expect(await say('spam three', 'visitor-3')).toMatchObject({ visitors: 2 });
      expect(await candidates()).toEqual(['kept words', 'spam two', 'spam three']);
      // Every kept wording has two visitors: the newcomer is refused, nothing is dropped.
      expect(await say('spam four', 'spammer')).toBeNull();
      expect(await candidates()).toEqual(['kept words', 'spam two', 'spam three']);
      // An agent's wording is searched at once, so it is no candidate and always learned.
      expect(await say('agent words', 'agent-1', { source: 'agent' })).toMatchObject({ promoted: true });
      // A promoted wording is no longer a candidate: it frees its place.
      expect(await say('kept words', 'visitor-4')).toMatchObject({ promoted: true });
      expect(await say('spam four', 'spammer')).toMatchObject({ visitors: 1, promoted: false });
      expect(await candidates()).toEqual(['spam two', 'spam three', 'spam four']);
      // Another entry has its own places.
      expect(await say('spam five', 'spammer', { entryId: 'en-shipping' })).toMatchObject({ entryId: 'en-shipping' });
      expect((await store.listLearnedPhrasings(SITE)).map((p) => p.text)).toEqual([
        'kept words',
        'spam two',
        'spam three',
        'agent words',
        'spam four',
        'spam five',
      ]);
    });

    it("finds a visitor's newest search or chat-draft query within the window", async () => {
      const store = current();
      const visitor = await store.createVisitor({ site: SITE, tokenHash: 'learn-token' });
      const at = (ms: number) => new Date(Date.now() - ms).toISOString();
      await store.recordFaqEvents([
        { kind: 'search', site: SITE, visitorId: visitor.id, query: 'old words', hits: 1, at: at(60 * 60_000) },
        { kind: 'search', site: SITE, visitorId: visitor.id, query: 'cash back', hits: 1, at: at(5 * 60_000) },
        { kind: 'view', site: SITE, visitorId: visitor.id, articleId: 'en-refund', at: at(4 * 60_000) },
      ]);
      expect(await store.lastVisitorQuery(SITE, visitor.id, at(30 * 60_000))).toBe('cash back');
      await store.recordFaqEvents([
        { kind: 'deflect', site: SITE, visitorId: visitor.id, query: 'where is my money', articleId: 'en-refund', at: at(1000) },
      ]);
      expect(await store.lastVisitorQuery(SITE, visitor.id, at(30 * 60_000))).toBe('where is my money');
      expect(await store.lastVisitorQuery(SITE, visitor.id, at(0))).toBeNull();
      expect(await store.lastVisitorQuery('other-site', visitor.id, at(30 * 60_000))).toBeNull();
    });

    it('keeps the answer card an agent sends with a message, through sync', async () => {
      const store = current();
      const visitor = await store.createVisitor({ site: SITE, tokenHash: 'card-token' });
      const { conversation } = await store.appendVisitorMessage({
        site: SITE,
        visitorId: visitor.id,
        message: { clientId: 'client-card-1', author: { kind: 'visitor' }, text: 'cash back?' },
      });
      const card = { entryId: 'en-refund', title: 'How do refunds work?' };
      const { message } = await store.appendMessage(conversation.id, {
        clientId: 'client-card-2',
        author: { kind: 'agent', id: 'agent-1', name: 'Sara' },
        text: 'How do refunds work?',
        card,
      });
      expect(message.card).toEqual(card);
      const synced = await store.listMessages(conversation.id, { afterSeq: 0, includeInternal: false });
      expect(synced.map((m) => m.card ?? null)).toEqual([null, card]);
    });
  });
}
