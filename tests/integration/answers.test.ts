/**
 * Answers at the last step, on a real server: helpful votes teach search a visitor's wording only
 * after enough distinct visitors, keeping few of one spammer's wordings; an agent's suggested answers, answer card and the phrasing the
 * card teaches at once; owners list and remove what was learned.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SuggestedAnswer } from '../../protocol/answers.js';
import type { FaqPayload } from '../../protocol/faq.js';
import type { Message } from '../../protocol/types.js';
import { createFaqSearch } from '../../widget/search/faq-search.js';
import { nextEvent, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const SHOP = 'https://shop.example';
const QUERY = 'wombat gizmo vanished';
const ENTRY = 'en-package-not-received';
const start = () => startHarness({ env: { PASOKH_ALLOWED_ORIGINS: SHOP } });

function postText(path: string, body: unknown) {
  return fetch(`${h!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SHOP },
    body: JSON.stringify(body),
  });
}

async function newVisitorToken(): Promise<string> {
  const response = await postText('/api/visitors', { site: 'default' });
  return ((await response.json()) as { token: string }).token;
}

/** A visitor searches, opens the answer and votes it helpful, in one beacon as the widget would. */
async function voteHelpful(token: string, query = QUERY): Promise<void> {
  const events = [
    { kind: 'search', query, hits: 0, locale: 'en' },
    { kind: 'view', articleId: ENTRY, locale: 'en' },
    { kind: 'helpful', articleId: ENTRY, helpful: true, locale: 'en' },
  ];
  const response = await postText('/api/events', { site: 'default', token, events });
  expect(response.status).toBe(202);
}

/** What the widget would find for `query` in the payload it downloads now. */
async function widgetFinds(query: string): Promise<{ ids: string[]; etag: string | null }> {
  const response = await fetch(`${h!.url}/api/faq?site=default`);
  const payload = (await response.json()) as FaqPayload;
  const search = createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary });
  return { ids: search.search(query).map((hit) => hit.id), etag: response.headers.get('etag') };
}

describe('search learned from helpful votes', () => {
  it('learns a query only once three distinct visitors voted the answer it led to helpful', async () => {
    h = await start();
    const before = await widgetFinds(QUERY);
    expect(before.ids).not.toContain(ENTRY);

    const first = await newVisitorToken();
    // One visitor voting again and again is still one visitor.
    for (let i = 0; i < 3; i++) await voteHelpful(first);
    await voteHelpful(await newVisitorToken());
    expect(await h.store.listLearnedPhrasings('default')).toMatchObject([
      { entryId: ENTRY, text: QUERY, visitors: 2, promoted: false },
    ]);
    expect((await widgetFinds(QUERY)).etag).toBe(before.etag);

    await voteHelpful(await newVisitorToken());
    expect(await h.store.listLearnedPhrasings('default')).toMatchObject([{ visitors: 3, promoted: true, source: 'visitor' }]);
    const after = await widgetFinds(QUERY);
    expect(after.etag).not.toBe(before.etag);
    expect(after.ids[0]).toBe(ENTRY);
  });

  it('learns nothing from a "not helpful" vote or a vote with no query before it', async () => {
    h = await start();
    const token = await newVisitorToken();
    const events = [
      { kind: 'view', articleId: ENTRY },
      { kind: 'helpful', articleId: ENTRY, helpful: true },
      { kind: 'search', query: 'some other words', hits: 0 },
      { kind: 'helpful', articleId: ENTRY, helpful: false },
    ];
    expect((await postText('/api/events', { site: 'default', token, events })).status).toBe(202);
    expect(await h.store.listLearnedPhrasings('default')).toEqual([]);
  });

  it('records a deflection and learns from the chat draft that led to a helpful answer', async () => {
    h = await start();
    const token = await newVisitorToken();
    const events = [
      { kind: 'deflect', query: 'gizmo wombat went missing', articleId: ENTRY, locale: 'en' },
      { kind: 'helpful', articleId: ENTRY, helpful: true, locale: 'en' },
    ];
    expect((await postText('/api/events', { site: 'default', token, events })).status).toBe(202);
    expect((await h.store.listLearnedPhrasings('default'))[0]).toMatchObject({ text: 'gizmo wombat went missing', visitors: 1 });
    const bad = await postText('/api/events', { site: 'default', token, events: [{ kind: 'deflect', query: 'x'.repeat(201) }] });
    expect(bad.status).toBe(400);
  });
});

describe('a flood of wordings for one answer', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("keeps learnCandidatesPerAnswer wordings, dropping a spammer's oldest but not one two visitors used", async () => {
    dir = mkdtempSync(join(tmpdir(), 'pasokh-answers-'));
    const config = join(dir, 'pasokh.config.json');
    const site = { key: 'default', allowedOrigins: [SHOP], learnCandidatesPerAnswer: 2, autoAcknowledge: false };
    writeFileSync(config, JSON.stringify({ sites: [site] }));
    h = await startHarness({ env: { PASOKH_CONFIG: config } });
    await voteHelpful(await newVisitorToken());
    await voteHelpful(await newVisitorToken());

    const spammer = await newVisitorToken();
    const spam = ['wombat one', 'wombat two', 'wombat three', 'wombat four', 'wombat five'];
    const events = spam.flatMap((query) => [
      { kind: 'search', query, hits: 0, locale: 'en' },
      { kind: 'helpful', articleId: ENTRY, helpful: true, locale: 'en' },
    ]);
    expect((await postText('/api/events', { site: 'default', token: spammer, events })).status).toBe(202);
    expect((await h.store.listLearnedPhrasings('default')).map((p) => [p.text, p.visitors])).toEqual([
      [QUERY, 2],
      ['wombat five', 1],
    ]);

    await voteHelpful(await newVisitorToken());
    expect(await h.store.listLearnedPhrasings('default', { promotedOnly: true })).toMatchObject([{ text: QUERY, visitors: 3 }]);
    expect((await widgetFinds(QUERY)).ids[0]).toBe(ENTRY);
  });
});

describe('suggested answers and answer cards in the console', () => {
  it("suggests FAQ entries and saved replies for the visitor's latest message; a card reaches the visitor and teaches the wording", async () => {
    h = await start();
    const cookie = await h.login();
    await h.store.saveSavedReply({
      site: null,
      title: 'Parcel missing',
      text: 'Sorry your parcel was not received: we will trace it.',
      createdBy: null,
    });
    const { socket: visitor } = await h.visitor();
    const agent = await h.agent(cookie);
    const sent = await visitor
      .timeout(5000)
      .emitWithAck('message:send', { clientId: randomUUID(), text: 'my parcel says delivered but I did not receive it' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.conversationId;

    const suggested = await agent.timeout(5000).emitWithAck('answers:suggest', { conversationId });
    if (!suggested.ok) throw new Error(suggested.error.message);
    expect(suggested.query).toBe('my parcel says delivered but I did not receive it');
    expect(suggested.answers[0]).toMatchObject({
      kind: 'faq',
      id: ENTRY,
      title: "My order says delivered but I didn't receive it",
    });
    expect(suggested.answers.some((a: SuggestedAnswer) => a.kind === 'reply' && a.title === 'Parcel missing')).toBe(true);
    expect(suggested.answers.length).toBeLessThanOrEqual(5);

    const arrives = nextEvent<Message>(visitor, 'message:new', (m) => m.author.kind === 'agent');
    const ack = await agent.timeout(5000).emitWithAck('message:send', {
      conversationId,
      clientId: randomUUID(),
      text: "My order says delivered but I didn't receive it",
      card: { entryId: ENTRY },
    });
    expect(ack.ok).toBe(true);
    expect((await arrives).card).toEqual({ entryId: ENTRY, title: "My order says delivered but I didn't receive it" });
    const learned = await h.store.listLearnedPhrasings('default');
    expect(learned).toMatchObject([
      { entryId: ENTRY, source: 'agent', promoted: true, text: 'my parcel says delivered but I did not receive it' },
    ]);
    const sync = await visitor.timeout(5000).emitWithAck('messages:sync', { conversationId, afterSeq: 0 });
    expect(sync.ok && sync.messages.at(-1)?.card?.entryId).toBe(ENTRY);
  });

  it('suggests the answer to a question told at the end of a long message, past its fortieth word', async () => {
    h = await start();
    const cookie = await h.login();
    const { socket: visitor } = await h.visitor();
    const agent = await h.agent(cookie);
    const story =
      'Hello, I hope you are well. I have shopped with you for years and always told my friends and family about you. ' +
      'Last week something happened that I did not expect at all, and I spent the whole weekend trying to sort it out myself without any luck. ';
    const text = `${story}My parcel says delivered but I did not receive it.`;
    const sent = await visitor.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text });
    if (!sent.ok) throw new Error(sent.error.message);
    const suggested = await agent.timeout(5000).emitWithAck('answers:suggest', { conversationId: sent.conversationId });
    if (!suggested.ok) throw new Error(suggested.error.message);
    expect(text.split(' ').length).toBeGreaterThan(40);
    expect(suggested.answers[0]).toMatchObject({ kind: 'faq', id: ENTRY });
  });

  it("suggests answers in the language of the visitor's page, for a message of Latin letters too", async () => {
    h = await start();
    const cookie = await h.login();
    const agent = await h.agent(cookie);
    // "PDF" is in the demo's invoice answer in both languages: the page says which one to send.
    for (const [locale, id] of [
      ['fa-IR', 'fa-invoices'],
      ['en-GB', 'en-invoices'],
    ] as const) {
      const { socket: visitor } = await h.visitor();
      const sent = await visitor
        .timeout(5000)
        .emitWithAck('message:send', { clientId: randomUUID(), text: 'PDF', context: { locale } });
      if (!sent.ok) throw new Error(sent.error.message);
      const suggested = await agent.timeout(5000).emitWithAck('answers:suggest', { conversationId: sent.conversationId });
      if (!suggested.ok) throw new Error(suggested.error.message);
      expect(suggested.answers[0]).toMatchObject({ kind: 'faq', id });
    }
  });

  it('refuses a card for an entry the FAQ lacks, a card on an internal note, and a malformed request', async () => {
    h = await start();
    const { socket: visitor } = await h.visitor();
    const agent = await h.agent();
    const sent = await visitor.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'hello' });
    if (!sent.ok) throw new Error(sent.error.message);
    const send = (extra: object) =>
      agent
        .timeout(5000)
        .emitWithAck('message:send', { conversationId: sent.conversationId, clientId: randomUUID(), text: 'x', ...extra });
    expect(await send({ card: { entryId: 'no-such-answer' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await send({ card: { entryId: ENTRY }, internal: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await send({ card: { entryId: ENTRY, title: 'forged' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    const bad = await agent.timeout(5000).emitWithAck('answers:suggest', { conversationId: 42 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const missing = await agent.timeout(5000).emitWithAck('answers:suggest', { conversationId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('learns a wording typed with the keyboard on the other language as its keys meant it', async () => {
    h = await start();
    const admin = await h.login();
    // "package lost" typed with the keyboard still on Persian.
    for (let i = 0; i < 3; i++) await voteHelpful(await newVisitorToken(), 'حشزنشلث مخسف');
    const list = await fetch(`${h.url}/api/console/faq-learned?site=default&entry=${ENTRY}`, { headers: { cookie: admin } });
    expect(((await list.json()) as { phrasings: { text: string }[] }).phrasings).toMatchObject([{ text: 'package lost' }]);
  });

  it('lists learned phrasings to agents and lets an admin (not an agent) remove one, which search then drops', async () => {
    h = await start();
    const admin = await h.login();
    const agentCookie = await h.addAgent('agent@example.com', 'Sam');
    for (let i = 0; i < 3; i++) await voteHelpful(await newVisitorToken());
    expect((await widgetFinds(QUERY)).ids[0]).toBe(ENTRY);

    const list = await fetch(`${h.url}/api/console/faq-learned?site=default&entry=${ENTRY}`, {
      headers: { cookie: agentCookie },
    });
    const listed = (await list.json()) as { phrasings: { id: string; text: string }[]; removable: boolean };
    expect(listed).toMatchObject({ removable: false, phrasings: [{ text: QUERY }] });
    const id = listed.phrasings[0]!.id;
    const remove = (cookie: string) =>
      fetch(`${h!.url}/api/console/faq-learned/${id}?site=default`, { method: 'DELETE', headers: { cookie, origin: h!.url } });
    expect((await remove(agentCookie)).status).toBe(403);
    expect((await remove(admin)).status).toBe(200);
    expect((await remove(admin)).status).toBe(404);
    expect((await widgetFinds(QUERY)).ids).not.toContain(ENTRY);
    // Removed for good: more votes do not bring it back.
    await voteHelpful(await newVisitorToken());
    expect(await h.store.listLearnedPhrasings('default')).toEqual([]);
  });
});
