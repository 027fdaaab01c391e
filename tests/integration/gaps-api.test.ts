/**
 * The gap finder and repeated replies against the real server, on SQLite and on PostgreSQL:
 * failed searches and chats that followed them become groups, "Draft answer" makes the
 * expected draft (the most typical wording as question, the agent's reply as answer), "Add as
 * phrasing" feeds the widget's search, and dismissed or answered groups leave the list.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaqPayload } from '../../protocol/faq.js';
import type { GapEntryResponse, GapList, RepeatedReplyList } from '../../protocol/gaps.js';
import { gapKey } from '../../server/gaps/similarity.js';
import { createPostgresStore } from '../../server/store/postgres.js';
import type { Store } from '../../server/store/store.js';
import { createFaqSearch } from '../../widget/search/index.js';
import { startHarness, type Harness } from './harness.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/faq/faq.json');
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AGENT_REPLY = 'You can see the balance of a gift card at example.com/balance: type the code on its back.';
const WRONG_LAYOUT = 'shuj ;hvd v,c [lui';
const RETURNS = 'To send an item back, open your order, choose Return, print the label and drop the parcel at any post office.';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const databases: { name: string; open: () => Promise<{ store?: Store; drop: () => Promise<void> }> }[] = [
  { name: 'SQLite', open: async () => ({ drop: async () => {} }) },
];
if (process.env.CI || (await postgresReachable())) {
  databases.push({
    name: 'PostgreSQL',
    open: async () => {
      const schema = `pasokh_gaps_${randomBytes(6).toString('hex')}`;
      const store = await createPostgresStore({ url: PG_URL, schema });
      return {
        store,
        drop: async () => {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`drop schema if exists "${schema}" cascade`);
          await client.end();
        },
      };
    },
  });
} else {
  console.warn(`Gap finder API: PostgreSQL unreachable at ${PG_URL}; running on SQLite only.`);
}

describe.each(databases)('Gap finder API on $name', ({ open }) => {
  let h: Harness;
  let admin: string;
  let agent: string;
  let dir: string;
  let drop: () => Promise<void>;
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pasokh-gaps-'));
    const config = join(dir, 'pasokh.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        sites: [
          { key: 'default', faq: FIXTURE, faqSource: 'database' },
          { key: 'files', faq: FIXTURE },
        ],
      }),
    );
    const opened = await open();
    drop = opened.drop;
    const store = opened.store;
    h = await startHarness({ env: { PASOKH_CONFIG: config }, ...(store && { openStore: async () => store }) });
    admin = await h.login();
    agent = await h.addAgent('agent@example.com', 'Sam');
    await seed(h.store);
  });
  afterAll(async () => {
    await h?.stop();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  async function visitor(store: Store) {
    return (await store.createVisitor({ site: 'default', tokenHash: randomUUID() })).id;
  }

  /** Failed searches in both languages, one search that was clicked, and a chat after a failed search. */
  async function seed(store: Store) {
    const search = (visitorId: string, query: string, hits: number, minutes: number) => ({
      kind: 'search' as const,
      site: 'default',
      visitorId,
      query,
      hits,
      at: minutesAgo(minutes),
    });
    const [a, b, c, d, e, f, g] = await Promise.all(Array.from({ length: 7 }, () => visitor(store)));
    await store.recordFaqEvents([
      search(a!, 'gift card balance', 0, 50),
      search(b!, 'Gift card balance?', 0, 40),
      search(c!, 'check gift card balance', 0, 30),
      // Found and opened within a minute: not a gap.
      search(d!, 'gift card balance', 2, 20),
      { kind: 'view', site: 'default', visitorId: d!, articleId: 'en-refund', at: minutesAgo(19) },
      // Found but nothing opened: a gap.
      search(e!, 'opening hours', 3, 20),
      search(f!, 'هزینه ارسال', 0, 15),
      search(f!, 'هزينه‌ی ارسال', 0, 14),
      // «ساعت کاری روز جمعه» (working hours on Friday) typed with the keyboard still on English.
      search(f!, WRONG_LAYOUT, 0, 13),
    ]);
    // A chat that followed a failed search, answered by an agent.
    const { conversation } = await store.appendVisitorMessage({
      site: 'default',
      visitorId: g!,
      message: { clientId: randomUUID(), author: { kind: 'visitor', id: g! }, text: 'How do I check my gift card balance?' },
      context: { searches: [{ query: 'gift card balance', hits: 0 }] },
    });
    await store.appendMessage(conversation.id, {
      clientId: randomUUID(),
      author: { kind: 'agent', id: 'someone', name: 'Sam' },
      text: AGENT_REPLY,
    });
    // The same reply about returns, sent in three chats.
    for (const question of ['How do I return a jacket?', 'can i send shoes back', 'Return an item please']) {
      const v = await visitor(store);
      const chat = await store.appendVisitorMessage({
        site: 'default',
        visitorId: v,
        message: { clientId: randomUUID(), author: { kind: 'visitor', id: v }, text: question },
      });
      await store.appendMessage(chat.conversation.id, {
        clientId: randomUUID(),
        author: { kind: 'agent', id: 'someone', name: 'Sam' },
        text: RETURNS,
      });
    }
  }

  const call = async <T>(cookie: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${h.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const list = async () => (await call<GapList>(admin, 'GET', '/api/console/gaps?site=default')).body;
  const group = async (text: string) =>
    (await list()).groups.find((g) => g.examples.some((e) => gapKey(e.text) === gapKey(text)));

  it('groups failed searches and the chat after one, the most asked first', async () => {
    const { groups, editable } = await list();
    expect(editable).toBe(true);
    // "gift card balance" and "Gift card balance?" are one wording, shown as last spelled.
    expect(groups[0]).toMatchObject({ question: 'Gift card balance?', asks: 4, visitors: 4, chats: 1, draftId: null });
    expect(groups[0]!.examples).toEqual([
      { text: 'Gift card balance?', count: 2 },
      { text: 'check gift card balance', count: 1 },
      { text: 'How do I check my gift card balance?', count: 1 },
    ]);
    // Arabic yeh and a half-space: one wording, asked twice by one visitor.
    expect(await group('هزینه ارسال')).toMatchObject({ asks: 2, visitors: 1 });
    expect(await group('opening hours')).toMatchObject({ asks: 1 });
    expect(groups).toHaveLength(4);
  });

  it('lists a search typed with the keyboard on the other language as its keys meant it', async () => {
    // «روز» and «کاری» are words of the FAQ's Persian answer: search reads the keys so, and so
    // does the list. Gibberish with no FAQ word on either layout would stay as typed.
    expect(await group('ساعت کاری روز جمعه')).toMatchObject({ question: 'ساعت کاری روز جمعه', asks: 1 });
    expect((await list()).groups.some((g) => g.examples.some((e) => e.text === WRONG_LAYOUT))).toBe(false);
    // Dismissed by the wording listed, it stays dismissed.
    const { key } = (await group('ساعت کاری روز جمعه'))!;
    expect((await call(admin, 'POST', '/api/console/gaps/dismiss?site=default', { key })).status).toBe(200);
    expect(await group('ساعت کاری روز جمعه')).toBeUndefined();
  });

  it('lets an agent read the list but not act on it', async () => {
    const read = await call<GapList>(agent, 'GET', '/api/console/gaps?site=default');
    expect(read.status).toBe(200);
    expect(read.body.editable).toBe(false);
    const key = read.body.groups[0]!.key;
    expect((await call(agent, 'POST', '/api/console/gaps/draft?site=default', { key })).status).toBe(403);
    expect((await call(agent, 'POST', '/api/console/gaps/dismiss?site=default', { key })).status).toBe(403);
    expect((await call(admin, 'POST', '/api/console/gaps/draft?site=default', { key: 'nobody asked this' })).status).toBe(404);
    expect((await call(admin, 'POST', '/api/console/gaps/draft?site=default', { key, extra: 1 })).status).toBe(400);
  });

  it('drafts an answer from a group: its typical wording, the agent reply, the other wordings as phrasings', async () => {
    const target = (await group('check gift card balance'))!;
    const made = await call<GapEntryResponse>(admin, 'POST', '/api/console/gaps/draft?site=default', { key: target.key });
    expect(made.status).toBe(201);
    expect(made.body.created).toBe(true);
    expect(made.body.entry).toMatchObject({ status: 'draft', published: null, locale: 'en', question: 'Gift card balance?' });
    expect(made.body.entry.answer).toBe(AGENT_REPLY);
    expect(made.body.entry.phrasings).toEqual(['check gift card balance', 'How do I check my gift card balance?']);
    // The same group again: the same draft, not a second one.
    const again = await call<GapEntryResponse>(admin, 'POST', '/api/console/gaps/draft?site=default', { key: target.key });
    expect(again.body).toMatchObject({ created: false, entry: { id: made.body.entry.id } });
    expect((await group('check gift card balance'))?.draftId).toBe(made.body.entry.id);
    expect((await h.store.listFaqEntries('default')).filter((e) => e.question === 'Gift card balance?')).toHaveLength(1);

    // Published, it answers the question: the group leaves the list and search finds the answer.
    const id = made.body.entry.id;
    expect((await call(admin, 'POST', `/api/console/faq/${id}/publish?site=default`)).status).toBe(200);
    expect(await group('check gift card balance')).toBeUndefined();
    const payload = (await (await fetch(`${h.url}/api/faq?site=default`)).json()) as FaqPayload;
    expect(createFaqSearch(payload.docs, { index: payload.index }).search('check gift card balance')[0]?.id).toBe(id);
  });

  it('adds a group as phrasings of an answer, which search then matches', async () => {
    const target = (await group('opening hours'))!;
    const before = (await (await fetch(`${h.url}/api/faq?site=default`)).json()) as FaqPayload;
    expect(createFaqSearch(before.docs, { index: before.index }).search('opening hours')[0]?.id).not.toBe('en-refund');
    const added = await call<GapEntryResponse>(admin, 'POST', '/api/console/gaps/phrasing?site=default', {
      key: target.key,
      entryId: 'en-refund',
    });
    expect(added.status).toBe(200);
    expect(added.body.entry.phrasings).toContain('opening hours');
    expect(added.body.entry.status).toBe('published');
    const after = (await (await fetch(`${h.url}/api/faq?site=default`)).json()) as FaqPayload;
    expect(createFaqSearch(after.docs, { index: after.index }).search('opening hours')[0]?.id).toBe('en-refund');
    expect(await group('opening hours')).toBeUndefined();
    const missing = await call(admin, 'POST', '/api/console/gaps/phrasing?site=default', { key: target.key, entryId: 'nope' });
    expect(missing.status).toBe(404);
  });

  it('drafts a Persian answer from a Persian group, and none on a site whose FAQ is in files', async () => {
    const target = (await group('هزینه ارسال'))!;
    const made = await call<GapEntryResponse>(admin, 'POST', '/api/console/gaps/draft?site=default', { key: target.key });
    expect(made.status).toBe(201);
    expect(made.body.entry).toMatchObject({ locale: 'fa', answer: '', phrasings: [] });
    expect(['هزینه ارسال', 'هزينه‌ی ارسال']).toContain(made.body.entry.question);
    const files = await call<GapList>(admin, 'GET', '/api/console/gaps?site=files');
    expect(files.status).toBe(200);
    expect(files.body).toMatchObject({ editable: false, groups: [] });
    expect((await call(admin, 'POST', '/api/console/gaps/draft?site=files', { key: target.key })).status).toBe(403);
  });

  it('dismisses a group for good', async () => {
    const target = (await group('هزینه ارسال'))!;
    expect((await call(admin, 'POST', '/api/console/gaps/dismiss?site=default', { key: target.key })).status).toBe(200);
    expect(await group('هزینه ارسال')).toBeUndefined();
    expect((await list()).groups).toEqual([]);
  });

  it('lists a reply sent three times, with the question before it, until it is saved', async () => {
    const listed = await call<RepeatedReplyList>(agent, 'GET', '/api/console/repeated-replies?site=default');
    expect(listed.status).toBe(200);
    expect(listed.body.replies).toHaveLength(1);
    expect(listed.body.replies[0]).toMatchObject({ text: RETURNS, count: 3, conversations: 3, agents: 1 });
    expect(listed.body.replies[0]!.question).toBe('Return an item please');

    const draft = await call<GapEntryResponse>(admin, 'POST', '/api/console/repeated-replies/draft?site=default', {
      text: RETURNS,
    });
    expect(draft.status).toBe(201);
    expect(draft.body.entry).toMatchObject({ status: 'draft', question: 'Return an item please', answer: RETURNS });

    expect((await call(agent, 'POST', '/api/saved-replies', { title: 'Returns', text: RETURNS })).status).toBe(201);
    expect((await call<RepeatedReplyList>(agent, 'GET', '/api/console/repeated-replies?site=default')).body.replies).toEqual([]);
  });
});
