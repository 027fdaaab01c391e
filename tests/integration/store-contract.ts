/**
 * The Store contract: one suite every implementation must pass (SQLite and PostgreSQL run it
 * from their own test files). Each test gets a fresh, empty, migrated store.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaqEvent, VisitorContext } from '../../protocol/types.js';
import { ConflictError, NotFoundError, type NewMessage, type Store, type VisitorRecord } from '../../server/store/store.js';
import { describeFaqEntriesContract } from './store-contract-faq.js';
import { describeAttachmentsContract } from './store-contract-attachments.js';
import { describeLearnedPhrasingsContract } from './store-contract-phrasings.js';

export interface StoreHarness {
  store: Store;
  /** Closes whatever store is current (the reopened one too) and removes its data. */
  cleanup: () => Promise<void>;
  /** Opens the same database again after `store.close()`: proves what was acked is on disk. */
  reopen: () => Promise<Store>;
}

const SITE = 'default';
const HOUR = 3_600_000;

function visitorSays(text: string, clientId: string = randomUUID()): NewMessage {
  return { clientId, author: { kind: 'visitor' }, text };
}

function agentSays(agentId: string, text: string, extra: Partial<NewMessage> = {}): NewMessage {
  return { clientId: randomUUID(), author: { kind: 'agent', id: agentId, name: 'Sara' }, text, ...extra };
}

function isoAgo(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

export function describeStoreContract(name: string, factory: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;

    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    async function newVisitor(site = SITE, extra: Partial<Parameters<Store['createVisitor']>[0]> = {}): Promise<VisitorRecord> {
      return store.createVisitor({ site, tokenHash: randomUUID(), ...extra });
    }

    async function newConversation(site = SITE): Promise<string> {
      const visitor = await newVisitor(site);
      const { conversation } = await store.appendVisitorMessage({ site, visitorId: visitor.id, message: visitorSays('hello') });
      return conversation.id;
    }

    async function newAgent(email = `${randomUUID()}@example.com`): Promise<string> {
      const agent = await store.createAgent({ email, name: 'Sara', role: 'agent', passwordHash: 'hash' });
      return agent.id;
    }

    describe('migrations', () => {
      it('can be applied again without changing anything', async () => {
        const conversationId = await newConversation();
        await store.migrate();
        expect((await store.getConversation(conversationId))?.lastSeq).toBe(1);
      });
    });

    describe('visitors', () => {
      it('finds a created visitor by token hash, by external id and by id', async () => {
        const visitor = await store.createVisitor({
          site: SITE,
          tokenHash: 'token-1',
          externalId: 'user-7',
          name: 'Reza',
          email: 'reza@example.com',
          locale: 'fa',
        });
        expect(visitor).toMatchObject({
          site: SITE,
          externalId: 'user-7',
          name: 'Reza',
          email: 'reza@example.com',
          locale: 'fa',
        });
        expect(visitor.firstSeenAt).toBe(visitor.lastSeenAt);
        expect(await store.findVisitorByTokenHash(SITE, 'token-1')).toEqual(visitor);
        expect(await store.findVisitorByExternalId(SITE, 'user-7')).toEqual(visitor);
        expect(await store.getVisitor(visitor.id)).toEqual(visitor);
      });

      it('keeps lookups inside their site', async () => {
        await store.createVisitor({ site: SITE, tokenHash: 'token-1', externalId: 'user-7' });
        expect(await store.findVisitorByTokenHash('other', 'token-1')).toBeNull();
        expect(await store.findVisitorByExternalId('other', 'user-7')).toBeNull();
        expect(await store.getVisitor(randomUUID())).toBeNull();
      });

      it('refuses a second visitor with the same token hash on a site', async () => {
        await store.createVisitor({ site: SITE, tokenHash: 'token-1' });
        await expect(store.createVisitor({ site: SITE, tokenHash: 'token-1' })).rejects.toBeInstanceOf(ConflictError);
      });

      it('updates only the given fields and moves lastSeenAt', async () => {
        const visitor = await store.createVisitor({ site: SITE, tokenHash: 'old', name: 'Reza', email: 'reza@example.com' });
        await new Promise((resolve) => setTimeout(resolve, 5));
        const updated = await store.updateVisitor(visitor.id, { email: null, tokenHash: 'new' });
        expect(updated).toMatchObject({ name: 'Reza', email: null, firstSeenAt: visitor.firstSeenAt });
        expect(updated.lastSeenAt > visitor.lastSeenAt).toBe(true);
        expect(await store.findVisitorByTokenHash(SITE, 'new')).toEqual(updated);
        expect(await store.findVisitorByTokenHash(SITE, 'old')).toBeNull();
      });

      it('keeps which fields the site signed, and drops a signed field an unsigned update changes', async () => {
        const visitor = await store.createVisitor({
          site: SITE,
          tokenHash: 't',
          externalId: 'u-1',
          name: 'Alice',
          email: 'alice@example.com',
          verifiedFields: ['email', 'id', 'name'],
        });
        expect(visitor.verifiedFields).toEqual(['email', 'id', 'name']);
        expect((await store.createVisitor({ site: SITE, tokenHash: 't2' })).verifiedFields).toEqual([]);

        // The same value again, unsigned, takes nothing away; a new value does.
        expect((await store.updateVisitor(visitor.id, { name: 'Alice', locale: 'en' })).verifiedFields).toEqual([
          'email',
          'id',
          'name',
        ]);
        const renamed = await store.updateVisitor(visitor.id, { name: 'Alice Admin' });
        expect(renamed).toMatchObject({ name: 'Alice Admin', verifiedFields: ['email', 'id'] });
        expect((await store.updateVisitor(visitor.id, { email: 'mallory@example.com' })).verifiedFields).toEqual(['id']);

        const signed = await store.updateVisitor(visitor.id, {
          name: 'Alice',
          email: 'alice@example.com',
          verifiedFields: ['id', 'name', 'email'],
        });
        expect(signed.verifiedFields).toEqual(['email', 'id', 'name']);
        expect(await store.getVisitor(visitor.id)).toEqual(signed);
      });

      it('throws NotFoundError when updating an unknown visitor', async () => {
        await expect(store.updateVisitor(randomUUID(), { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('visitor messages', () => {
      it('opens a conversation with the first message and appends the next ones to it', async () => {
        const visitor = await newVisitor();
        const context: VisitorContext = {
          url: 'https://shop.example/cart',
          title: 'Cart',
          searches: [{ query: 'refund', hits: 0 }],
        };
        const first = await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: visitorSays('hello'),
          context,
        });
        expect(first).toMatchObject({
          created: true,
          duplicate: false,
          message: { seq: 1, text: 'hello', author: { kind: 'visitor' } },
        });
        expect(first.conversation).toMatchObject({
          site: SITE,
          visitorId: visitor.id,
          status: 'open',
          offline: false,
          assigneeId: null,
          lastSeq: 1,
          context,
        });
        expect(first.message.conversationId).toBe(first.conversation.id);

        const second = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message: visitorSays('anyone?') });
        expect(second).toMatchObject({ created: false, duplicate: false, message: { seq: 2 } });
        expect(second.conversation.id).toBe(first.conversation.id);
        expect(second.conversation.lastSeq).toBe(2);
        expect((await store.findOpenConversation(visitor.id))?.id).toBe(first.conversation.id);
      });

      it('merges later context: page fields overwritten, searches and articles appended once', async () => {
        const visitor = await newVisitor();
        await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: visitorSays('one'),
          context: {
            url: '/a',
            title: 'A',
            searches: [{ query: 'refund', hits: 0 }],
            articles: [{ id: 'shipping', title: 'Shipping' }],
          },
        });
        const { conversation } = await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: visitorSays('two'),
          context: {
            url: '/b',
            searches: [
              { query: '  Refund ', hits: 0 },
              { query: 'returns', hits: 2 },
            ],
            articles: [{ id: 'shipping', helpful: false }, { id: 'returns' }],
          },
        });
        expect(conversation.context).toEqual({
          url: '/b',
          title: 'A',
          searches: [
            { query: 'refund', hits: 0 },
            { query: 'returns', hits: 2 },
          ],
          articles: [{ id: 'shipping', title: 'Shipping', helpful: false }, { id: 'returns' }],
        });
        expect((await store.getConversation(conversation.id))?.context).toEqual(conversation.context);
      });

      it('opens exactly one conversation when first messages race', async () => {
        const visitor = await newVisitor();
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message: visitorSays(`race ${i}`) }),
          ),
        );
        expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(await store.listVisitorConversations(visitor.id)).toHaveLength(1);
      });

      it('opens a new conversation after the open one was closed, and lists them newest first', async () => {
        const visitor = await newVisitor();
        const first = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message: visitorSays('one') });
        await store.closeConversation(first.conversation.id);
        expect(await store.findOpenConversation(visitor.id)).toBeNull();
        await new Promise((resolve) => setTimeout(resolve, 5));
        const second = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message: visitorSays('two') });
        expect(second.created).toBe(true);
        expect(second.conversation.id).not.toBe(first.conversation.id);
        expect(second.message.seq).toBe(1);
        expect((await store.listVisitorConversations(visitor.id)).map((c) => c.id)).toEqual([
          second.conversation.id,
          first.conversation.id,
        ]);
        expect((await store.listVisitorConversations(visitor.id, 1)).map((c) => c.id)).toEqual([second.conversation.id]);
      });

      it('recognises a resend even after its conversation was closed', async () => {
        const visitor = await newVisitor();
        const message = visitorSays('lost ack?');
        const first = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message });
        await store.closeConversation(first.conversation.id);
        const again = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message });
        expect(again).toMatchObject({ duplicate: true, created: false, message: first.message });
        expect(again.conversation.id).toBe(first.conversation.id);
        expect(await store.findOpenConversation(visitor.id)).toBeNull();
      });

      it('returns the original for a resent first message without writing', async () => {
        const visitor = await newVisitor();
        const message = visitorSays('hello');
        const first = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message });
        const again = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message });
        expect(again).toMatchObject({ duplicate: true, created: false, message: first.message });
        expect(again.conversation.lastSeq).toBe(1);
      });

      it('stores the offline flag of a message left while nobody was online', async () => {
        const visitor = await newVisitor();
        const { conversation } = await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: visitorSays('call me'),
          offline: true,
        });
        expect(conversation.offline).toBe(true);
        expect((await store.getConversation(conversation.id))?.offline).toBe(true);
      });

      it('throws NotFoundError for an unknown visitor or a visitor of another site', async () => {
        const visitor = await newVisitor();
        await expect(
          store.appendVisitorMessage({ site: SITE, visitorId: randomUUID(), message: visitorSays('x') }),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          store.appendVisitorMessage({ site: 'other', visitorId: visitor.id, message: visitorSays('x') }),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.findOpenConversation(visitor.id)).toBeNull();
      });
    });

    describe('appendMessage', () => {
      it('returns the original message for a resent clientId and writes nothing', async () => {
        const conversationId = await newConversation();
        const message = agentSays('a1', 'hi there');
        const first = await store.appendMessage(conversationId, message);
        const again = await store.appendMessage(conversationId, { ...message });
        expect(first.duplicate).toBe(false);
        expect(again).toEqual({ message: first.message, duplicate: true });
        expect((await store.getConversation(conversationId))?.lastSeq).toBe(2);
        expect(await store.listMessages(conversationId, { includeInternal: true })).toHaveLength(2);
      });

      it('throws ConflictError when a clientId comes back with another text or author', async () => {
        const conversationId = await newConversation();
        const message = agentSays('a1', 'hi there');
        await store.appendMessage(conversationId, message);
        await expect(store.appendMessage(conversationId, { ...message, text: 'something else' })).rejects.toBeInstanceOf(
          ConflictError,
        );
        await expect(
          store.appendMessage(conversationId, { ...message, author: { kind: 'agent', id: 'a2' } }),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(store.appendMessage(conversationId, { ...message, author: { kind: 'visitor' } })).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect((await store.getConversation(conversationId))?.lastSeq).toBe(2);
      });

      it('throws NotFoundError for an unknown conversation', async () => {
        await expect(store.appendMessage(randomUUID(), agentSays('a1', 'hi'))).rejects.toBeInstanceOf(NotFoundError);
      });

      it('keys a clientId by conversation: the same one in two conversations is two messages', async () => {
        const [first, second] = [await newConversation(), await newConversation()];
        const message = agentSays('a1', 'same id, two conversations');
        const [a, b] = [await store.appendMessage(first, message), await store.appendMessage(second, message)];
        expect([a.duplicate, b.duplicate]).toEqual([false, false]);
        expect(a.message.id).not.toBe(b.message.id);
        expect([a.message.conversationId, b.message.conversationId]).toEqual([first, second]);
        expect((await store.appendMessage(second, message)).duplicate).toBe(true);
      });

      it('numbers 50 parallel appends exactly 1 to 50', async () => {
        const visitor = await newVisitor();
        const { conversation } = await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: visitorSays('m0'),
        });
        const results = await Promise.all(
          Array.from({ length: 49 }, (_, i) => store.appendMessage(conversation.id, agentSays('a1', `m${i + 1}`))),
        );
        const seqs = [1, ...results.map((r) => r.message.seq)].sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        const stored = await store.listMessages(conversation.id, { includeInternal: true });
        expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        expect((await store.getConversation(conversation.id))?.lastSeq).toBe(50);
      });

      it('stores one message when the same clientId is sent many times at once', async () => {
        const conversationId = await newConversation();
        const message = agentSays('a1', 'once');
        const results = await Promise.all(Array.from({ length: 8 }, () => store.appendMessage(conversationId, message)));
        expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect((await store.getConversation(conversationId))?.lastSeq).toBe(2);
      });

      it('sets firstResponseAt on the first agent reply only, and not for internal notes', async () => {
        const conversationId = await newConversation();
        await store.appendMessage(conversationId, agentSays('a1', 'note to self', { internal: true }));
        expect((await store.getConversation(conversationId))?.firstResponseAt).toBeNull();
        const reply = await store.appendMessage(conversationId, agentSays('a1', 'hello!'));
        await store.appendMessage(conversationId, agentSays('a1', 'anything else?'));
        expect((await store.getConversation(conversationId))?.firstResponseAt).toBe(reply.message.createdAt);
      });

      it('tracks waitingSince: set by the visitor, cleared by an agent reply, kept by internal notes', async () => {
        const visitor = await newVisitor();
        const first = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message: visitorSays('hello') });
        const id = first.conversation.id;
        expect(first.conversation.waitingSince).toBe(first.message.createdAt);
        await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message: visitorSays('hello??') });
        expect((await store.getConversation(id))?.waitingSince).toBe(first.message.createdAt);
        await store.appendMessage(id, agentSays('a1', 'looking', { internal: true }));
        expect((await store.getConversation(id))?.waitingSince).toBe(first.message.createdAt);
        await store.appendMessage(id, agentSays('a1', 'hi!'));
        expect((await store.getConversation(id))?.waitingSince).toBeNull();
        const later = await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: visitorSays('thanks, one more'),
        });
        expect(later.conversation.waitingSince).toBe(later.message.createdAt);
      });

      it('lists messages after a seq, up to a limit, without internal notes unless asked', async () => {
        const conversationId = await newConversation();
        await store.appendMessage(conversationId, agentSays('a1', 'internal', { internal: true }));
        await store.appendMessage(conversationId, agentSays('a1', 'public'));
        const visible = await store.listMessages(conversationId, { includeInternal: false });
        expect(visible.map((m) => [m.seq, m.text])).toEqual([
          [1, 'hello'],
          [3, 'public'],
        ]);
        expect(visible.every((m) => m.internal === undefined)).toBe(true);
        const all = await store.listMessages(conversationId, { includeInternal: true });
        expect(all.map((m) => m.seq)).toEqual([1, 2, 3]);
        expect(all[1]).toMatchObject({ internal: true, author: { kind: 'agent', id: 'a1', name: 'Sara' } });
        expect((await store.listMessages(conversationId, { afterSeq: 1, includeInternal: true })).map((m) => m.seq)).toEqual([
          2, 3,
        ]);
        expect(
          (await store.listMessages(conversationId, { afterSeq: 0, limit: 2, includeInternal: true })).map((m) => m.seq),
        ).toEqual([1, 2]);
        expect(await store.listMessages(randomUUID(), { includeInternal: true })).toEqual([]);
      });

      it('saves a batch in one call, failing only the items that conflict or miss', async () => {
        const a = await newConversation();
        const b = await newConversation();
        const taken = agentSays('a1', 'taken');
        await store.appendMessage(a, taken);
        const results = await store.appendMessages([
          { conversationId: a, message: agentSays('a1', 'a2') },
          { conversationId: b, message: agentSays('a1', 'b2') },
          { conversationId: a, message: { ...taken, text: 'different' } },
          { conversationId: randomUUID(), message: agentSays('a1', 'nowhere') },
          { conversationId: a, message: agentSays('a1', 'a4') },
          { conversationId: a, message: taken },
        ]);
        expect(results.map((r) => (r.ok ? r.result.message.seq : r.error.code))).toEqual([3, 2, 'conflict', 'not_found', 4, 2]);
        expect(results[5]).toMatchObject({ ok: true, result: { duplicate: true } });
        expect((await store.getConversation(a))?.lastSeq).toBe(4);
        expect((await store.getConversation(b))?.lastSeq).toBe(2);
        expect(await store.appendMessages([])).toEqual([]);
      });
    });

    describe('history of closed conversations', () => {
      it('finds closed conversations by visitor, words said, agent, site and date, newest first, any case', async () => {
        const agent = await newAgent();
        const other = await newAgent();
        const reza = await newVisitor(SITE, { name: 'Reza Karimi', email: 'reza@example.com' });
        const mina = await newVisitor(SITE, { name: 'Mina', email: 'mina@example.com' });
        const say = async (visitorId: string, text: string, site = SITE) =>
          (await store.appendVisitorMessage({ site, visitorId, message: visitorSays(text) })).conversation.id;
        const first = await say(reza.id, 'My TEAPOT arrived cracked, 50% of the lid');
        await store.assignConversation(first, agent);
        await store.closeConversation(first);
        const second = await say(mina.id, 'Where is my samovar?');
        await store.assignConversation(second, other);
        await store.closeConversation(second);
        const open = await say(reza.id, 'teapot again');
        const elsewhere = await say((await newVisitor('other')).id, 'teapot on the other site', 'other');
        await store.closeConversation(elsewhere);
        const ids = async (filter: Parameters<Store['searchClosedConversations']>[0]) =>
          (await store.searchClosedConversations(filter)).map((c) => c.id);

        expect(await ids({ sites: [SITE] })).toEqual([second, first]);
        expect(await ids({ sites: [SITE], text: 'teapot' })).toEqual([first]);
        expect(await ids({ text: 'TeaPot' })).toEqual(expect.arrayContaining([first, elsewhere]));
        expect(await ids({ sites: [SITE], text: '50%' })).toEqual([first]);
        expect(await ids({ sites: [SITE], text: '5_%' })).toEqual([]);
        expect(await ids({ sites: [SITE], visitor: 'KARIMI' })).toEqual([first]);
        expect(await ids({ sites: [SITE], visitor: 'mina@' })).toEqual([second]);
        expect(await ids({ sites: [SITE], agentId: other })).toEqual([second]);
        expect(await ids({ sites: [SITE], from: isoAgo(-HOUR) })).toEqual([]);
        expect(await ids({ sites: [SITE], from: isoAgo(HOUR), to: isoAgo(-HOUR) })).toEqual([second, first]);
        expect(await ids({ sites: [] })).toEqual([]);
        expect(await ids({ sites: [SITE], text: 'teapot again' })).not.toContain(open);
      });
    });

    describe('conversations', () => {
      it('lists the queue oldest first, filtered by site, status and assignee', async () => {
        const agentId = await newAgent();
        const first = await newConversation('default');
        await new Promise((resolve) => setTimeout(resolve, 3));
        const second = await newConversation('default');
        await new Promise((resolve) => setTimeout(resolve, 3));
        const elsewhere = await newConversation('shop');
        await store.assignConversation(second, agentId);
        await store.closeConversation(first);

        expect((await store.listConversations({})).map((c) => c.id)).toEqual([first, second, elsewhere]);
        expect((await store.listConversations({ sites: ['default'] })).map((c) => c.id)).toEqual([first, second]);
        expect((await store.listConversations({ status: 'open' })).map((c) => c.id)).toEqual([second, elsewhere]);
        expect((await store.listConversations({ assigneeId: null, status: 'open' })).map((c) => c.id)).toEqual([elsewhere]);
        expect((await store.listConversations({ assigneeId: agentId })).map((c) => c.id)).toEqual([second]);
        expect((await store.listConversations({ limit: 1 })).map((c) => c.id)).toEqual([first]);
        expect(await store.listConversations({ sites: [] })).toEqual([]);
      });

      it('lets exactly one of two racing agents claim a conversation', async () => {
        const conversationId = await newConversation();
        const [sara, omid] = [await newAgent(), await newAgent()];
        const [a, b] = await Promise.all([
          store.assignConversation(conversationId, sara, { onlyIfUnassigned: true }),
          store.assignConversation(conversationId, omid, { onlyIfUnassigned: true }),
        ]);
        const winners = [a, b].filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        const winner = winners[0]?.assigneeId;
        expect((await store.getConversation(conversationId))?.assigneeId).toBe(winner);
        expect(
          await store.assignConversation(conversationId, winner === sara ? omid : sara, { onlyIfUnassigned: true }),
        ).toBeNull();
        expect((await store.assignConversation(conversationId, winner ?? null, { onlyIfUnassigned: true }))?.assigneeId).toBe(
          winner,
        );
      });

      it('transfers and unassigns without onlyIfUnassigned', async () => {
        const conversationId = await newConversation();
        const [sara, omid] = [await newAgent(), await newAgent()];
        await store.assignConversation(conversationId, sara);
        expect((await store.assignConversation(conversationId, omid))?.assigneeId).toBe(omid);
        expect((await store.assignConversation(conversationId, null))?.assigneeId).toBeNull();
      });

      it('throws NotFoundError when assigning an unknown conversation', async () => {
        const agentId = await newAgent();
        await expect(store.assignConversation(randomUUID(), agentId, { onlyIfUnassigned: true })).rejects.toBeInstanceOf(
          NotFoundError,
        );
      });

      it('closes a conversation once and keeps the first closing time', async () => {
        const conversationId = await newConversation();
        const closed = await store.closeConversation(conversationId);
        expect(closed).toMatchObject({ status: 'closed', waitingSince: null });
        expect(closed.closedAt).not.toBeNull();
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect((await store.closeConversation(conversationId)).closedAt).toBe(closed.closedAt);
        await expect(store.closeConversation(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
      });

      it('keeps the last survey answer', async () => {
        const conversationId = await newConversation();
        await store.saveSurvey(conversationId, 3, 'slow');
        await store.saveSurvey(conversationId, 9, null);
        expect(await store.getConversation(conversationId)).toMatchObject({ surveyScore: 9, surveyComment: null });
        await expect(store.saveSurvey(randomUUID(), 5, null)).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.saveSurvey(conversationId, 11, null)).rejects.toThrow();
      });

      it('computes NPS as % promoters minus % detractors, rounded, per site and since a time', async () => {
        const since = isoAgo(HOUR);
        expect(await store.surveyStats(SITE, since)).toEqual({
          responses: 0,
          promoters: 0,
          passives: 0,
          detractors: 0,
          nps: null,
        });
        for (const score of [10, 9, 9, 8, 7, 6, 0]) await store.saveSurvey(await newConversation(), score, null);
        await store.saveSurvey(await newConversation('shop'), 0, null);
        await newConversation(); // no answer: not a response
        // (3 − 2) / 7 = 14.28…% → 14
        expect(await store.surveyStats(SITE, since)).toEqual({ responses: 7, promoters: 3, passives: 2, detractors: 2, nps: 14 });
        // (3 − 3) / 8 = 0
        expect(await store.surveyStats(null, since)).toMatchObject({ responses: 8, nps: 0 });
        expect((await store.surveyStats('shop', since)).nps).toBe(-100);
        expect((await store.surveyStats(SITE, new Date(Date.now() + HOUR).toISOString())).responses).toBe(0);
      });

      it('reports first-response times of the most recent answered conversations', async () => {
        const unanswered = await newConversation();
        const answered = [await newConversation(), await newConversation(), await newConversation()];
        for (const id of answered) await store.appendMessage(id, agentSays('a1', 'hi'));
        await store.appendMessage(unanswered, agentSays('a1', 'note', { internal: true }));
        const seconds = await store.recentFirstResponseSeconds(SITE, 2);
        expect(seconds).toHaveLength(2);
        expect(seconds.every((s) => s >= 0 && s < 60)).toBe(true);
        expect(await store.recentFirstResponseSeconds(SITE, 10)).toHaveLength(3);
        expect(await store.recentFirstResponseSeconds('shop', 10)).toEqual([]);
      });
    });

    describe('agents and sessions', () => {
      it('creates agents and finds them by email whatever the case', async () => {
        const agent = await store.createAgent({
          email: 'Sara@Example.com',
          name: 'Sara',
          role: 'admin',
          passwordHash: 'scrypt$x',
        });
        expect(agent).toMatchObject({
          email: 'Sara@Example.com',
          name: 'Sara',
          role: 'admin',
          passwordHash: 'scrypt$x',
          disabled: false,
        });
        expect(await store.findAgentByEmail('sara@example.com')).toEqual(agent);
        expect(await store.getAgent(agent.id)).toEqual(agent);
        expect(await store.findAgentByEmail('nobody@example.com')).toBeNull();
        await expect(
          store.createAgent({ email: 'SARA@example.com', name: 'Copy', role: 'agent', passwordHash: 'x' }),
        ).rejects.toBeInstanceOf(ConflictError);
        const omid = await store.createAgent({ email: 'omid@example.com', name: 'Omid', role: 'agent', passwordHash: 'y' });
        expect((await store.listAgents()).map((a) => a.id).sort()).toEqual([agent.id, omid.id].sort());
      });

      it('updates agents field by field', async () => {
        const id = await newAgent();
        const updated = await store.updateAgent(id, { role: 'admin', disabled: true });
        expect(updated).toMatchObject({ name: 'Sara', role: 'admin', disabled: true, passwordHash: 'hash' });
        expect(await store.updateAgent(id, {})).toEqual(updated);
        expect((await store.updateAgent(id, { disabled: false, passwordHash: 'new' })).passwordHash).toBe('new');
        await expect(store.updateAgent(randomUUID(), { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
      });

      it('lets an agent serve every site by default, or the sites it is given, and back to every site', async () => {
        const created = await store.createAgent({ email: 'nika@example.com', name: 'Nika', role: 'agent', passwordHash: 'h' });
        expect(created.sites).toBeNull();
        const scoped = await store.updateAgent(created.id, { sites: ['shop', 'blog', 'shop'] });
        expect(scoped.sites).toEqual(['blog', 'shop']);
        expect(await store.getAgent(created.id)).toEqual(scoped);
        expect((await store.updateAgent(created.id, { name: 'Nika R' })).sites).toEqual(['blog', 'shop']);
        expect((await store.updateAgent(created.id, { sites: null })).sites).toBeNull();
        const born = await store.createAgent({
          email: 'ali@example.com',
          name: 'Ali',
          role: 'agent',
          passwordHash: 'h',
          sites: ['blog'],
        });
        expect((await store.findAgentByEmail('ali@example.com'))?.sites).toEqual(['blog']);
        expect((await store.listAgents()).find((a) => a.id === born.id)?.sites).toEqual(['blog']);
      });

      it('finds a live session, but not an expired or deleted one', async () => {
        const agentId = await newAgent();
        const session = await store.createSession({
          tokenHash: 'live',
          agentId,
          expiresAt: new Date(Date.now() + HOUR).toISOString(),
        });
        expect(await store.findSession('live')).toEqual(session);
        await store.createSession({ tokenHash: 'expired', agentId, expiresAt: isoAgo(1000) });
        expect(await store.findSession('expired')).toBeNull();
        await store.deleteSession('live');
        expect(await store.findSession('live')).toBeNull();
      });

      it('deletes every session of an agent', async () => {
        const [sara, omid] = [await newAgent(), await newAgent()];
        const expiresAt = new Date(Date.now() + HOUR).toISOString();
        await store.createSession({ tokenHash: 's1', agentId: sara, expiresAt });
        await store.createSession({ tokenHash: 's2', agentId: sara, expiresAt });
        await store.createSession({ tokenHash: 'o1', agentId: omid, expiresAt });
        await store.deleteAgentSessions(sara);
        expect(await store.findSession('s1')).toBeNull();
        expect(await store.findSession('s2')).toBeNull();
        expect(await store.findSession('o1')).not.toBeNull();
      });

      it('refuses a session for an unknown agent', async () => {
        await expect(
          store.createSession({ tokenHash: 't', agentId: randomUUID(), expiresAt: new Date(Date.now() + HOUR).toISOString() }),
        ).rejects.toBeInstanceOf(NotFoundError);
      });

      it('deletes an agent with its sessions and leaves its conversations unassigned', async () => {
        const agentId = await newAgent();
        const conversationId = await newConversation();
        await store.assignConversation(conversationId, agentId);
        await store.createSession({ tokenHash: 'gone', agentId, expiresAt: new Date(Date.now() + HOUR).toISOString() });
        await store.deleteAgent(agentId);
        expect(await store.getAgent(agentId)).toBeNull();
        expect(await store.findSession('gone')).toBeNull();
        expect((await store.getConversation(conversationId))?.assigneeId).toBeNull();
        await store.deleteAgent(agentId);
      });
    });

    describe('saved replies', () => {
      it('creates, lists by site with the global ones, updates and deletes', async () => {
        const agentId = await newAgent();
        const hello = await store.saveSavedReply({ site: null, title: 'Hello', text: 'Hi {name}!', createdBy: agentId });
        const refund = await store.saveSavedReply({ site: SITE, title: 'Refund', text: 'Refunds take 5 days.', createdBy: null });
        const shop = await store.saveSavedReply({ site: 'shop', title: 'Hours', text: '9 to 5', createdBy: null });
        expect(hello).toMatchObject({ site: null, title: 'Hello', text: 'Hi {name}!', createdBy: agentId });

        expect((await store.listSavedReplies(SITE)).map((r) => r.id)).toEqual([hello.id, refund.id]);
        expect((await store.listSavedReplies(null)).map((r) => r.id)).toEqual([hello.id, shop.id, refund.id]);

        const edited = await store.saveSavedReply({
          id: refund.id,
          site: SITE,
          title: 'Refunds',
          text: 'Refunds take 3 days.',
          createdBy: null,
        });
        expect(edited).toMatchObject({ id: refund.id, title: 'Refunds', text: 'Refunds take 3 days.' });
        expect((await store.listSavedReplies(SITE)).find((r) => r.id === refund.id)?.text).toBe('Refunds take 3 days.');

        await store.deleteSavedReply(hello.id);
        expect((await store.listSavedReplies(SITE)).map((r) => r.id)).toEqual([refund.id]);
      });
    });

    describe('FAQ insights', () => {
      it('counts searches, top and zero-hit queries, views and helpful votes since a time', async () => {
        const at = new Date().toISOString();
        const old = '2020-01-01T00:00:00.000Z';
        const events: FaqEvent[] = [
          { kind: 'search', site: SITE, query: 'Refund', hits: 3, at },
          { kind: 'search', site: SITE, query: '  refund ', hits: 3, at },
          { kind: 'search', site: SITE, query: 'REFUND', hits: 3, at },
          { kind: 'search', site: SITE, query: 'bitcoin', hits: 0, at },
          { kind: 'search', site: SITE, query: 'Bitcoin ', hits: 0, at },
          { kind: 'search', site: SITE, query: 'لغو سفارش', hits: 0, at },
          { kind: 'search', site: SITE, query: 'shipping', hits: 1, at },
          { kind: 'search', site: SITE, query: 'bitcoin', hits: 0, at: old },
          { kind: 'search', site: 'shop', query: 'bitcoin', hits: 0, at },
          { kind: 'view', site: SITE, articleId: 'refunds', at },
          { kind: 'view', site: SITE, articleId: 'refunds', at },
          { kind: 'view', site: SITE, articleId: 'shipping', at },
          { kind: 'helpful', site: SITE, articleId: 'refunds', helpful: true, at },
          { kind: 'helpful', site: SITE, articleId: 'refunds', helpful: true, at },
          { kind: 'helpful', site: SITE, articleId: 'refunds', helpful: false, at },
          { kind: 'helpful', site: SITE, articleId: 'shipping', helpful: false, at },
        ];
        await store.recordFaqEvents(events);
        await store.recordFaqEvents([]);

        const insights = await store.faqInsights(SITE, isoAgo(HOUR));
        expect(insights.searches).toBe(7);
        expect(insights.topQueries).toEqual([
          { query: 'refund', count: 3, hits: 3 },
          { query: 'bitcoin', count: 2, hits: 0 },
          { query: 'shipping', count: 1, hits: 1 },
          { query: 'لغو سفارش', count: 1, hits: 0 },
        ]);
        expect(insights.zeroHit).toEqual([
          { query: 'bitcoin', count: 2 },
          { query: 'لغو سفارش', count: 1 },
        ]);
        expect(insights.views).toEqual([
          { articleId: 'refunds', count: 2 },
          { articleId: 'shipping', count: 1 },
        ]);
        expect(insights.helpful).toEqual([
          { articleId: 'refunds', yes: 2, no: 1 },
          { articleId: 'shipping', yes: 0, no: 1 },
        ]);

        expect((await store.faqInsights(SITE, old)).searches).toBe(8);
        expect((await store.faqInsights(SITE, old)).zeroHit[0]).toEqual({ query: 'bitcoin', count: 3 });
        expect((await store.faqInsights(SITE, isoAgo(HOUR), 1)).topQueries).toHaveLength(1);
        expect(await store.faqInsights('nobody', old)).toEqual({
          searches: 0,
          zeroHit: [],
          topQueries: [],
          views: [],
          helpful: [],
        });
      });
    });

    describe('integrations outbox', () => {
      async function drain(): Promise<{ type: string; data: Record<string, unknown> }[]> {
        const events = await store.pendingEvents(100);
        for (const event of events) await store.dispatchEvent(event.id, []);
        return events.map(({ type, data }) => ({ type, data: data as unknown as Record<string, unknown> }));
      }

      it('writes an event with each change, in its transaction, and none for resends or internal notes', async () => {
        const visitor = await newVisitor();
        const first = visitorSays('my order is late');
        const { conversation } = await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: first,
          context: { url: 'https://shop.example/cart', title: 'Cart' },
        });
        await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message: first });
        expect(await drain()).toEqual([
          {
            type: 'conversation.created',
            data: {
              conversationId: conversation.id,
              visitorId: visitor.id,
              page: { url: 'https://shop.example/cart', title: 'Cart' },
            },
          },
          {
            type: 'message.created',
            data: expect.objectContaining({
              conversationId: conversation.id,
              message: expect.objectContaining({ seq: 1, text: 'my order is late' }),
            }),
          },
        ]);

        const agentId = await newAgent();
        await store.appendMessage(conversation.id, agentSays(agentId, 'only for agents', { internal: true }));
        await store.appendMessages([{ conversationId: conversation.id, message: agentSays(agentId, 'on its way') }]);
        await store.assignConversation(conversation.id, agentId, { onlyIfUnassigned: true });
        await store.assignConversation(conversation.id, agentId, { onlyIfUnassigned: true });
        await store.closeConversation(conversation.id);
        await store.closeConversation(conversation.id);
        await store.saveSurvey(conversation.id, 9, 'quick');
        const later = await drain();
        expect(later.map((e) => e.type)).toEqual([
          'message.created',
          'conversation.assigned',
          'conversation.closed',
          'survey.answered',
        ]);
        expect(later[0]!.data).toMatchObject({ message: { text: 'on its way', author: { kind: 'agent' } } });
        expect(later[1]!.data).toEqual({ conversationId: conversation.id, visitorId: visitor.id, assigneeId: agentId });
        expect(later[3]!.data).toEqual({ conversationId: conversation.id, visitorId: visitor.id, score: 9, comment: 'quick' });
        expect(await store.pendingEvents(10)).toEqual([]);
      });

      it('marks a message left offline, also in a group commit, and writes nothing for a failed item', async () => {
        const visitor = await newVisitor();
        const other = await newVisitor();
        const taken = visitorSays('first');
        await store.appendVisitorMessage({ site: SITE, visitorId: other.id, message: taken });
        await drain();
        const results = await store.appendVisitorMessages([
          { site: SITE, visitorId: visitor.id, message: visitorSays('please email me'), offline: true },
          { site: SITE, visitorId: other.id, message: { ...taken, text: 'a different text' } },
        ]);
        expect(results.map((r) => r.ok)).toEqual([true, false]);
        expect((await drain()).map((e) => e.type)).toEqual(['conversation.created', 'message.created', 'offline.message']);
      });

      it('creates one delivery per event and endpoint, leases it to one worker, retries and resends it', async () => {
        await newConversation();
        const [event] = await store.pendingEvents(1);
        const hook = { endpoint: 'hook-1', target: 'webhook' as const, destination: 'http://127.0.0.1:1/hook' };
        await store.dispatchEvent(event!.id, [hook]);
        await store.dispatchEvent(event!.id, [hook]);
        expect((await store.pendingEvents(10)).map((e) => e.id)).not.toContain(event!.id);

        const [claimed] = await store.claimDeliveries({ owner: 'w1', leaseMs: 60_000, limit: 10 });
        expect(claimed).toMatchObject({
          endpoint: 'hook-1',
          target: 'webhook',
          attempts: 1,
          event: { id: event!.id, type: 'conversation.created' },
        });
        expect(await store.claimDeliveries({ owner: 'w2', leaseMs: 60_000, limit: 10 })).toEqual([]);
        expect(
          await store.finishDelivery(claimed!.id, 'w2', {
            status: 'delivered',
            responseCode: 200,
            error: null,
            nextAttemptAt: null,
          }),
        ).toBe(false);

        const soon = new Date(Date.now() + HOUR).toISOString();
        expect(
          await store.finishDelivery(claimed!.id, 'w1', {
            status: 'pending',
            responseCode: 503,
            error: 'HTTP 503',
            nextAttemptAt: soon,
          }),
        ).toBe(true);
        expect(await store.claimDeliveries({ owner: 'w2', leaseMs: 60_000, limit: 10 })).toEqual([]);
        const [listed] = await store.listDeliveries({ sites: [SITE] });
        expect(listed).toMatchObject({
          id: claimed!.id,
          eventType: 'conversation.created',
          status: 'pending',
          attempts: 1,
          responseCode: 503,
          nextAttemptAt: soon,
        });
        expect(await store.listDeliveries({ sites: ['elsewhere'] })).toEqual([]);

        expect(await store.resendDelivery(claimed!.id)).toMatchObject({ status: 'pending' });
        const [again] = await store.claimDeliveries({ owner: 'w2', leaseMs: 60_000, limit: 10 });
        expect(again).toMatchObject({ id: claimed!.id, attempts: 2 });
        await store.finishDelivery(again!.id, 'w2', { status: 'delivered', responseCode: 204, error: null, nextAttemptAt: null });
        expect((await store.listDeliveries({}))[0]).toMatchObject({
          status: 'delivered',
          responseCode: 204,
          nextAttemptAt: null,
        });
        await expect(store.resendDelivery('no-such-delivery')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('gives an expired lease to the next worker and waits for notBefore', async () => {
        await newConversation();
        const [event] = await store.pendingEvents(1);
        await store.dispatchEvent(event!.id, [
          { endpoint: 'now', target: 'webhook', destination: 'x' },
          { endpoint: 'later', target: 'mail', destination: 'y', notBefore: new Date(Date.now() + HOUR).toISOString() },
        ]);
        const [first] = await store.claimDeliveries({ owner: 'crashed', leaseMs: 1, limit: 10 });
        expect(first?.endpoint).toBe('now');
        await new Promise((resolve) => setTimeout(resolve, 20));
        const taken = await store.claimDeliveries({ owner: 'next', leaseMs: 60_000, limit: 10 });
        expect(taken.map((d) => [d.endpoint, d.attempts])).toEqual([['now', 2]]);
        expect(
          await store.finishDelivery(first!.id, 'crashed', {
            status: 'failed',
            responseCode: null,
            error: 'late',
            nextAttemptAt: null,
          }),
        ).toBe(false);
      });

      it('never hands the same delivery to two workers claiming at once', async () => {
        for (let i = 0; i < 4; i++) await newConversation();
        const events = await store.pendingEvents(100);
        for (const event of events) {
          await store.dispatchEvent(
            event.id,
            [1, 2, 3].map((n) => ({ endpoint: `e${n}`, target: 'webhook' as const, destination: 'x' })),
          );
        }
        const claims = await Promise.all(
          Array.from({ length: 6 }, (_, i) => store.claimDeliveries({ owner: `w${i}`, leaseMs: 60_000, limit: 5 })),
        );
        const ids = claims.flat().map((d) => d.id);
        expect(ids).toHaveLength(events.length * 3);
        expect(new Set(ids).size).toBe(ids.length);
      });
    });

    describe('data rights', () => {
      async function visitorWithHistory(email: string) {
        const tokenHash = `token-${randomUUID()}`;
        const visitor = await newVisitor(SITE, { name: 'Leila', email, externalId: `ext-${randomUUID()}`, tokenHash });
        const { conversation } = await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: visitorSays('my address is 12 Rose St'),
          context: { url: 'https://shop.example/cart' },
        });
        const agentId = await newAgent();
        await store.appendMessage(conversation.id, agentSays(agentId, 'noted'));
        await store.appendMessage(conversation.id, agentSays(agentId, 'VIP customer', { internal: true }));
        await store.closeConversation(conversation.id);
        await store.saveSurvey(conversation.id, 9, 'Leila was happy');
        await store.recordFaqEvents([
          { kind: 'search', site: SITE, visitorId: visitor.id, query: 'rose st delivery', hits: 0, at: new Date().toISOString() },
        ]);
        return { visitor, conversationId: conversation.id, tokenHash };
      }

      it('finds visitors by id or by email in any case, and exports everything about one', async () => {
        const { visitor, conversationId } = await visitorWithHistory('Leila@Example.com');
        const other = await newVisitor('shop', { email: 'leila@example.com' });
        expect((await store.findVisitors('LEILA@example.com')).map((v) => v.id)).toEqual([visitor.id, other.id]);
        expect((await store.findVisitors(visitor.id)).map((v) => v.id)).toEqual([visitor.id]);
        expect(await store.findVisitors('nobody@example.com')).toEqual([]);

        const data = await store.exportVisitor(visitor.id);
        expect(data?.visitor).toMatchObject({ id: visitor.id, name: 'Leila', email: 'Leila@Example.com', erasedAt: null });
        expect(data?.conversations).toHaveLength(1);
        expect(data?.conversations[0]).toMatchObject({
          id: conversationId,
          status: 'closed',
          context: { url: 'https://shop.example/cart' },
          survey: { score: 9, comment: 'Leila was happy' },
        });
        expect(data?.conversations[0]?.messages.map((m) => m.text)).toEqual(['my address is 12 Rose St', 'noted']);
        expect(data?.events).toEqual([expect.objectContaining({ kind: 'search', query: 'rose st delivery' })]);
        expect(await store.exportVisitor('no-such-visitor')).toBeNull();
      });

      it('erases messages, events and identity in one go and keeps the conversation as an erased visitor with its counts', async () => {
        const { visitor, conversationId, tokenHash } = await visitorWithHistory('leila@example.com');
        const bystander = await visitorWithHistory('sam@example.com');
        const since = new Date(Date.now() - HOUR).toISOString();
        const report = await store.eraseVisitor(visitor.id);
        expect(report).toEqual({ visitorId: visitor.id, conversations: 1, messages: 3, events: 1, attachments: 0 });

        const erased = await store.getVisitor(visitor.id);
        expect(erased).toMatchObject({ name: null, email: null, externalId: null, locale: null });
        expect(erased?.erasedAt).not.toBeNull();
        expect(await store.findVisitorByTokenHash(SITE, tokenHash)).toBeNull();
        expect(await store.findVisitors('leila@example.com')).toEqual([]);
        expect(await store.listMessages(conversationId, { includeInternal: true })).toEqual([]);
        expect(await store.getConversation(conversationId)).toMatchObject({
          status: 'closed',
          lastSeq: 3,
          surveyScore: 9,
          surveyComment: null,
          context: {},
        });
        expect((await store.surveyStats(SITE, since)).responses).toBe(2);
        expect((await store.faqInsights(SITE, since)).searches).toBe(1);
        expect((await store.pendingEvents(100)).every((e) => e.data.visitorId !== visitor.id)).toBe(true);
        expect((await store.pendingEvents(100)).some((e) => e.data.visitorId === bystander.visitor.id)).toBe(true);
        expect((await store.exportVisitor(bystander.visitor.id))?.conversations[0]?.messages).toHaveLength(2);
        expect(await store.eraseVisitor('no-such-visitor')).toBeNull();
      });

      it('deletes conversations closed before the retention limit, keeping open and recent ones', async () => {
        const old = await newConversation();
        const recent = await newConversation();
        const open = await newConversation();
        await store.closeConversation(old);
        await store.closeConversation(recent);
        expect(await store.deleteClosedConversationsBefore(new Date(Date.now() - HOUR).toISOString())).toBe(0);
        // Everything closed so far counts as old once the limit is in the future.
        const limit = new Date(Date.now() + 1000).toISOString();
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(await store.deleteClosedConversationsBefore(limit)).toBe(2);
        expect(await store.getConversation(old)).toBeNull();
        expect(await store.listMessages(recent, { includeInternal: true })).toEqual([]);
        expect((await store.getConversation(open))?.status).toBe('open');
      });

      it('keeps an audit log, newest first, and prunes only finished outbox events', async () => {
        await store.recordAudit({ actor: 'ada@example.com', action: 'visitor.export', target: 'v1' });
        await store.recordAudit({ actor: 'cli', action: 'visitor.erase', target: 'v1', detail: { messages: 3 } });
        const log = await store.listAudit();
        expect(log.map((e) => [e.actor, e.action, e.target, e.detail])).toEqual([
          ['cli', 'visitor.erase', 'v1', { messages: 3 }],
          ['ada@example.com', 'visitor.export', 'v1', {}],
        ]);
        expect(await store.listAudit(1)).toHaveLength(1);

        await newConversation();
        const events = await store.pendingEvents(10);
        await store.dispatchEvent(events[0]!.id, [{ endpoint: 'e', target: 'webhook', destination: 'x' }]);
        await store.dispatchEvent(events[1]!.id, []);
        const later = new Date(Date.now() + HOUR).toISOString();
        expect(await store.pruneOutbox(later)).toBe(1);
        expect((await store.listDeliveries({})).map((d) => d.eventId)).toEqual([events[0]!.id]);
      });
    });
    describeFaqEntriesContract(() => store);
    describeAttachmentsContract(() => store);
    describeLearnedPhrasingsContract(() => store);

    describe('insights', () => {
      const MINUTE = 60_000;
      const DAY = 24 * HOUR;
      const dayOf = (ms: number) => isoAgo(ms).slice(0, 10);

      async function chatOf(visitorId: string): Promise<string> {
        const { conversation } = await store.appendVisitorMessage({ site: SITE, visitorId, message: visitorSays('still stuck') });
        return conversation.id;
      }

      it('counts searches, visits, deflection, chats, times and NPS by UTC day, empty days as zeros', async () => {
        const deflected = await newVisitor();
        const asked = await newVisitor();
        const quiet = await newVisitor();
        await store.recordFaqEvents([
          { kind: 'search', site: SITE, visitorId: deflected.id, query: 'refund', hits: 2, at: isoAgo(2 * DAY) },
          { kind: 'search', site: SITE, visitorId: deflected.id, query: 'refund policy', hits: 2, at: isoAgo(2 * DAY - MINUTE) },
          { kind: 'search', site: SITE, visitorId: asked.id, query: 'bitcoin', hits: 0, at: isoAgo(MINUTE) },
          { kind: 'search', site: SITE, query: 'anonymous', hits: 0, at: isoAgo(MINUTE) },
          { kind: 'search', site: 'shop', visitorId: quiet.id, query: 'other site', hits: 0, at: isoAgo(MINUTE) },
        ]);
        const answered = await chatOf(asked.id);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await store.appendMessage(answered, agentSays('a1', 'hello'));
        await store.closeConversation(answered);
        await store.saveSurvey(answered, 10, null);
        const unanswered = await chatOf(quiet.id);
        await store.saveSurvey(unanswered, 2, 'nobody came');

        const series = await store.insightSeries(SITE, {
          since: isoAgo(3 * DAY),
          until: new Date(Date.now() + 1000).toISOString(),
        });
        expect(series.days.map((d) => d.day)).toEqual([dayOf(3 * DAY), dayOf(2 * DAY), dayOf(DAY), dayOf(0)]);
        const [empty, twoDaysAgo, , today] = series.days;
        expect(empty).toMatchObject({
          searches: 0,
          visits: 0,
          deflected: 0,
          chats: 0,
          firstResponseMedian: null,
          surveys: 0,
          nps: null,
        });
        expect(twoDaysAgo).toMatchObject({ searches: 2, visits: 1, deflected: 1, chats: 0 });
        expect(today).toMatchObject({ searches: 2, visits: 1, deflected: 0, chats: 2, surveys: 2, nps: 0 });
        expect(today!.firstResponseMedian).toBeGreaterThanOrEqual(0.29);
        expect(today!.firstResponseP90).toBe(today!.firstResponseMedian);
        expect(today!.resolutionMedian).toBeGreaterThanOrEqual(today!.firstResponseMedian!);
        expect(series.totals).toMatchObject({ searches: 4, visits: 2, deflected: 1, deflectionRate: 0.5, chats: 2 });

        const shop = await store.insightSeries('shop', { since: isoAgo(DAY), until: isoAgo(0) });
        expect(shop.totals).toMatchObject({ searches: 1, visits: 1, deflected: 1, chats: 0 });
      });

      it('counts per answer the readers who still asked within ten minutes, and their survey score', async () => {
        const [soon, late, after, voter] = await Promise.all([newVisitor(), newVisitor(), newVisitor(), newVisitor()]);
        await store.recordFaqEvents([
          { kind: 'view', site: SITE, visitorId: soon.id, articleId: 'refunds', at: isoAgo(5 * MINUTE) },
          { kind: 'view', site: SITE, visitorId: soon.id, articleId: 'refunds', at: isoAgo(4 * MINUTE) },
          { kind: 'view', site: SITE, visitorId: late.id, articleId: 'refunds', at: isoAgo(30 * MINUTE) },
          { kind: 'view', site: SITE, visitorId: soon.id, articleId: 'shipping', at: isoAgo(2 * MINUTE) },
          { kind: 'view', site: SITE, visitorId: voter.id, articleId: 'shipping', at: isoAgo(2 * MINUTE) },
          { kind: 'helpful', site: SITE, visitorId: voter.id, articleId: 'shipping', helpful: false, at: isoAgo(MINUTE) },
          { kind: 'helpful', site: SITE, visitorId: voter.id, articleId: 'shipping', helpful: true, at: isoAgo(MINUTE) },
        ]);
        const soonChat = await chatOf(soon.id);
        await store.saveSurvey(soonChat, 4, null);
        await chatOf(late.id);
        await chatOf(after.id);
        await store.recordFaqEvents([
          {
            kind: 'view',
            site: SITE,
            visitorId: after.id,
            articleId: 'refunds',
            at: new Date(Date.now() + MINUTE).toISOString(),
          },
        ]);

        const stats = await store.answerStats(SITE, { since: isoAgo(HOUR), until: new Date(Date.now() + HOUR).toISOString() });
        expect(stats).toEqual([
          { articleId: 'refunds', views: 4, readers: 3, yes: 0, no: 0, stillAsked: 1, stillAskedScore: 4, needsReview: false },
          { articleId: 'shipping', views: 2, readers: 2, yes: 1, no: 1, stillAsked: 1, stillAskedScore: 4, needsReview: false },
        ]);
        expect(await store.answerStats('shop', { since: isoAgo(HOUR), until: isoAgo(0) })).toEqual([]);
      });

      it('flags an answer whose readers still ask, and gathers the signals of visitors who may be at risk', async () => {
        const readers = await Promise.all([1, 2, 3, 4].map(() => newVisitor()));
        await store.recordFaqEvents(
          readers.map((r) => ({ kind: 'view' as const, site: SITE, visitorId: r.id, articleId: 'returns', at: isoAgo(MINUTE) })),
        );
        for (const reader of readers.slice(0, 3)) await chatOf(reader.id);
        const [returns] = await store.answerStats(SITE, {
          since: isoAgo(HOUR),
          until: new Date(Date.now() + HOUR).toISOString(),
        });
        expect(returns).toMatchObject({ articleId: 'returns', readers: 4, stillAsked: 3, needsReview: true });

        const detractor = readers[0]!;
        await store.saveSurvey((await store.findOpenConversation(detractor.id))!.id, 3, 'slow');
        const voter = await newVisitor();
        await store.recordFaqEvents([
          { kind: 'helpful', site: SITE, visitorId: voter.id, articleId: 'returns', helpful: false, at: isoAgo(MINUTE) },
          { kind: 'helpful', site: SITE, visitorId: voter.id, articleId: 'refunds', helpful: false, at: isoAgo(2 * MINUTE) },
        ]);
        const regular = await newVisitor();
        for (let i = 0; i < 3; i += 1) await store.closeConversation(await chatOf(regular.id));
        const happy = await newVisitor();
        await store.saveSurvey(await chatOf(happy.id), 9, null);

        const now = new Date().toISOString();
        const candidates = await store.riskCandidates(SITE, now, 50);
        expect(candidates.map((c) => c.visitorId).sort()).toEqual([detractor.id, voter.id, regular.id].sort());
        const byId = new Map(candidates.map((c) => [c.visitorId, c.signals]));
        expect(byId.get(detractor.id)!.surveys.map((s) => s.score)).toEqual([3]);
        expect(byId.get(voter.id)!.notHelpfulVotes).toHaveLength(2);
        expect(byId.get(regular.id)!.conversations).toHaveLength(3);
        expect(await store.riskCandidates('shop', now, 50)).toEqual([]);

        const signals = await store.visitorRiskSignals(happy.id, now);
        expect(signals).toMatchObject({ surveys: [{ score: 9 }], notHelpfulVotes: [], conversations: [expect.any(String)] });
      });
    });

    describe('durability', () => {
      it('keeps everything that was acknowledged across close and reopen', async () => {
        const visitor = await newVisitor();
        const { conversation } = await store.appendVisitorMessage({
          site: SITE,
          visitorId: visitor.id,
          message: visitorSays('persist me'),
          context: { url: '/x' },
        });
        const reply = await store.appendMessage(conversation.id, agentSays('a1', 'saved'));
        await store.close();

        store = await harness.reopen();
        expect(await store.getVisitor(visitor.id)).toEqual(visitor);
        expect((await store.listMessages(conversation.id, { includeInternal: true })).map((m) => m.text)).toEqual([
          'persist me',
          'saved',
        ]);
        const reopened = await store.getConversation(conversation.id);
        expect(reopened).toMatchObject({ lastSeq: 2, context: { url: '/x' }, firstResponseAt: reply.message.createdAt });
        expect((await store.appendMessage(conversation.id, agentSays('a1', 'after reopen'))).message.seq).toBe(3);
      });
    });
  });
}
