import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Message } from '../../protocol/types.js';
import type { ConversationSummary } from '../../protocol/types.js';
import { collect, nextEvent, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const send = (text: string, clientId = randomUUID()) => ({ clientId, text });

describe('the relay between a visitor and an agent', () => {
  it('saves a visitor message, acknowledges its seq and shows it to the agent with the context', async () => {
    const agent = await h.agent();
    const { socket: visitor, hello } = await h.visitor();
    expect(hello.conversation).toBeNull();
    expect(hello.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const updated = nextEvent<ConversationSummary>(agent, 'conversation:updated');
    const relayed = nextEvent<Message>(agent, 'message:new');
    const ack = await visitor.timeout(5000).emitWithAck('message:send', {
      ...send('Where is my order?'),
      context: { url: 'https://shop.example/orders', title: 'My orders', searches: [{ query: 'order status', hits: 0 }] },
    });
    expect(ack).toMatchObject({ ok: true, seq: 1 });
    if (!ack.ok) return;

    const message = await relayed;
    expect(message).toMatchObject({
      conversationId: ack.conversationId,
      seq: 1,
      text: 'Where is my order?',
      author: { kind: 'visitor', id: hello.visitorId },
    });
    const summary = await updated;
    expect(summary.context.url).toBe('https://shop.example/orders');
    expect(summary.context.searches?.[0]?.query).toBe('order status');
    expect(summary.waitingSince).toBe(message.createdAt);

    const stored = await h.store.listMessages(ack.conversationId, { afterSeq: 0, includeInternal: true });
    expect(stored.map((m) => m.text)).toEqual(['Where is my order?']);
  });

  it('relays an agent reply live to the visitor and keeps the history for a returning visitor', async () => {
    const agent = await h.agent();
    const { socket: visitor, hello } = await h.visitor();
    const first = await visitor.timeout(5000).emitWithAck('message:send', send('Hello?'));
    if (!first.ok) throw new Error(first.error.message);

    const claim = await agent.timeout(5000).emitWithAck('conversation:claim', { conversationId: first.conversationId });
    expect(claim).toMatchObject({ ok: true, conversation: { assignee: { name: 'Ada Admin' } } });
    const live = nextEvent<Message>(visitor, 'message:new', (m) => m.author.kind === 'agent');
    const reply = await agent
      .timeout(5000)
      .emitWithAck('message:send', { conversationId: first.conversationId, clientId: randomUUID(), text: 'Hi! How can I help?' });
    expect(reply).toMatchObject({ ok: true, seq: 2 });
    expect(await live).toMatchObject({ seq: 2, text: 'Hi! How can I help?', author: { kind: 'agent', name: 'Ada Admin' } });

    visitor.disconnect();
    const { socket: again, hello: back } = await h.visitor({ token: hello.token });
    expect(back.visitorId).toBe(hello.visitorId);
    expect(back.conversation).toEqual({ id: first.conversationId, status: 'open', lastSeq: 2 });
    const sync = await again.timeout(5000).emitWithAck('messages:sync', { conversationId: first.conversationId, afterSeq: 0 });
    expect(sync.ok && sync.messages.map((m: Message) => [m.seq, m.text])).toEqual([
      [1, 'Hello?'],
      [2, 'Hi! How can I help?'],
    ]);
  });

  it('stores a resent clientId once and acknowledges it with the same seq', async () => {
    const { socket: visitor } = await h.visitor();
    const message = send('Only once please');
    const a = await visitor.timeout(5000).emitWithAck('message:send', message);
    const b = await visitor.timeout(5000).emitWithAck('message:send', message);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.seq).toBe(a.seq);
    expect(await h.store.listMessages(a.conversationId, { afterSeq: 0, includeInternal: true })).toHaveLength(1);

    const conflict = await visitor
      .timeout(5000)
      .emitWithAck('message:send', { clientId: message.clientId, text: 'Different words' });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('never lets a visitor read or hear another visitor’s conversation', async () => {
    const { socket: alice } = await h.visitor();
    const { socket: mallory } = await h.visitor();
    const heard = collect<Message>(mallory, 'message:new');
    const sent = await alice.timeout(5000).emitWithAck('message:send', send('my address is secret'));
    if (!sent.ok) throw new Error(sent.error.message);

    const stolen = await mallory.timeout(5000).emitWithAck('messages:sync', { conversationId: sent.conversationId, afterSeq: 0 });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const rated = await mallory.timeout(5000).emitWithAck('survey:answer', { conversationId: sent.conversationId, score: 0 });
    expect(rated).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual([]);

    // A forged token is a new visitor, not a way in.
    const { hello } = await h.visitor({ token: 'A'.repeat(43) });
    expect(hello.conversation).toBeNull();
  });

  it('keeps internal notes away from the visitor', async () => {
    const agent = await h.agent();
    const { socket: visitor } = await h.visitor();
    const heard = collect<Message>(visitor, 'message:new');
    const first = await visitor.timeout(5000).emitWithAck('message:send', send('Can I get a discount?'));
    if (!first.ok) throw new Error(first.error.message);
    const note = await agent.timeout(5000).emitWithAck('message:send', {
      conversationId: first.conversationId,
      clientId: randomUUID(),
      text: 'VIP customer, offer 10%',
      internal: true,
    });
    expect(note).toMatchObject({ ok: true, seq: 2 });
    const third = nextEvent<Message>(visitor, 'message:new', (m) => m.seq === 3);
    const reply = await agent
      .timeout(5000)
      .emitWithAck('message:send', { conversationId: first.conversationId, clientId: randomUUID(), text: 'Yes: 10% off today.' });
    expect(reply).toMatchObject({ ok: true, seq: 3 });
    await third;

    expect(heard.map((m) => m.text)).toEqual(['Can I get a discount?', 'Yes: 10% off today.']);
    const sync = await visitor.timeout(5000).emitWithAck('messages:sync', { conversationId: first.conversationId, afterSeq: 0 });
    expect(sync.ok && sync.messages.map((m: Message) => m.text)).toEqual(['Can I get a discount?', 'Yes: 10% off today.']);
    const agentView = await agent
      .timeout(5000)
      .emitWithAck('messages:sync', { conversationId: first.conversationId, afterSeq: 0 });
    expect(agentView.ok && agentView.messages.filter((m: Message) => m.internal).map((m: Message) => m.text)).toEqual([
      'VIP customer, offer 10%',
    ]);
  });

  it('tells the visitor when the conversation is closed and records the survey answer', async () => {
    const agent = await h.agent();
    const { socket: visitor } = await h.visitor();
    const first = await visitor.timeout(5000).emitWithAck('message:send', send('Thanks, solved'));
    if (!first.ok) throw new Error(first.error.message);
    const closed = nextEvent<{ conversationId: string; survey: boolean }>(visitor, 'conversation:closed');
    const ack = await agent.timeout(5000).emitWithAck('conversation:close', { conversationId: first.conversationId });
    expect(ack).toMatchObject({ ok: true, conversation: { status: 'closed' } });
    expect(await closed).toEqual({ conversationId: first.conversationId, survey: true });

    expect(
      await visitor.timeout(5000).emitWithAck('survey:answer', { conversationId: first.conversationId, score: 11 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(
      await visitor
        .timeout(5000)
        .emitWithAck('survey:answer', { conversationId: first.conversationId, score: 9, comment: 'quick!' }),
    ).toEqual({ ok: true });
    const stored = await h.store.getConversation(first.conversationId);
    expect(stored).toMatchObject({ status: 'closed', surveyScore: 9, surveyComment: 'quick!' });

    const reply = await agent
      .timeout(5000)
      .emitWithAck('message:send', { conversationId: first.conversationId, clientId: randomUUID(), text: 'late' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('lets only one of two agents claim a conversation', async () => {
    const one = await h.agent();
    const two = await h.agent(await h.addAgent('bob@example.com', 'Bob'));
    const { socket: visitor } = await h.visitor();
    const first = await visitor.timeout(5000).emitWithAck('message:send', send('anyone?'));
    if (!first.ok) throw new Error(first.error.message);
    const results = await Promise.all([
      one.timeout(5000).emitWithAck('conversation:claim', { conversationId: first.conversationId }),
      two.timeout(5000).emitWithAck('conversation:claim', { conversationId: first.conversationId }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'conflict')).toHaveLength(1);
  });

  it('takes a message when nobody is online and shows it to agents as offline', async () => {
    const { socket: visitor, hello } = await h.visitor();
    expect(hello.presence.online).toBe(false);
    const left = await visitor
      .timeout(5000)
      .emitWithAck('offline:leave', { clientId: randomUUID(), email: 'sara@example.com', text: 'Please call me back' });
    expect(left.ok).toBe(true);
    if (!left.ok) return;
    const conversation = await h.store.getConversation(left.conversationId);
    expect(conversation).toMatchObject({ offline: true, status: 'open' });
    expect((await h.store.getVisitor(hello.visitorId))?.email).toBe('sara@example.com');

    const agent = await h.agent();
    expect(h.queueOf(agent).map((c) => [c.id, c.offline])).toEqual([[left.conversationId, true]]);
    const detail = await agent.timeout(5000).emitWithAck('conversation:get', { conversationId: left.conversationId });
    expect(detail).toMatchObject({ ok: true, conversation: { offline: true, visitor: { email: 'sara@example.com' } } });
  });

  it('reports presence to visitors when an agent comes online or goes away', async () => {
    const { socket: visitor } = await h.visitor();
    const online = nextEvent<{ online: boolean }>(visitor, 'presence', (p) => p.online);
    const agent = await h.agent();
    expect(await online).toMatchObject({ online: true });
    const away = nextEvent<{ online: boolean }>(visitor, 'presence', (p) => !p.online);
    expect(await agent.timeout(5000).emitWithAck('status:set', { status: 'away' })).toEqual({ ok: true });
    expect(await away).toMatchObject({ online: false });
  });
});

describe('bad input on the sockets', () => {
  it('rejects malformed payloads with invalid_payload and keeps serving', async () => {
    const { socket: visitor } = await h.visitor();
    const bad: unknown[] = [
      null,
      'text',
      42,
      {},
      { clientId: 'short', text: 'hi' },
      { clientId: randomUUID(), text: '   ' },
      { clientId: randomUUID(), text: 7 },
      { clientId: randomUUID(), text: 'hi', extra: true },
    ];
    for (const payload of bad) {
      const ack = await (
        visitor as unknown as { timeout(ms: number): { emitWithAck(event: string, p: unknown): Promise<unknown> } }
      )
        .timeout(5000)
        .emitWithAck('message:send', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    const fine = await visitor.timeout(5000).emitWithAck('message:send', send('still works'));
    expect(fine).toMatchObject({ ok: true, seq: 1 });
  });

  it('refuses text over 4,000 characters as too_large and stores nothing', async () => {
    const { socket: visitor, hello } = await h.visitor();
    const ack = await visitor.timeout(5000).emitWithAck('message:send', send('x'.repeat(4001)));
    expect(ack).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(await h.store.findOpenConversation(hello.visitorId)).toBeNull();
    expect(await visitor.timeout(5000).emitWithAck('message:send', send('x'.repeat(4000)))).toMatchObject({ ok: true });
  });

  it('answers an unknown event with an error ack', async () => {
    const { socket: visitor } = await h.visitor();
    const raw = visitor as unknown as { timeout(ms: number): { emitWithAck(event: string, p: unknown): Promise<unknown> } };
    expect(await raw.timeout(5000).emitWithAck('conversation:close', { conversationId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: 'Unknown event "conversation:close".' },
    });
  });

  it('disconnects a flooding socket and says why', async () => {
    await h.stop();
    h = await startHarness({ deps: { limits: { eventsPer5s: 10 } } });
    const { socket: visitor } = await h.visitor();
    const reason = nextEvent<{ code: string }>(visitor, 'error');
    const gone = new Promise<string>((resolve) => visitor.on('disconnect', resolve));
    for (let i = 0; i < 30; i++) visitor.emit('typing', { conversationId: 'abc', typing: true });
    expect(await reason).toMatchObject({ code: 'rate_limited' });
    expect(await gone).toBe('io server disconnect');
  });

  it('refuses a handshake from a page whose origin the site does not allow', async () => {
    await h.stop();
    h = await startHarness({ env: { PASOKH_ALLOWED_ORIGINS: 'https://shop.example' } });
    // No site allows it, so the Engine.IO gate refuses the transport before any namespace.
    await expect(h.visitor({}, { origin: 'https://evil.example' })).rejects.toMatchObject({ message: 'websocket error' });
    const { hello } = await h.visitor({}, { origin: 'https://shop.example' });
    expect(hello.visitorId).toBeTruthy();
  });

  it('refuses an unknown site and a malformed handshake', async () => {
    await expect(h.visitor({ site: 'nope' })).rejects.toMatchObject({ data: { code: 'unknown_site' } });
    await expect(h.visitor({ site: 42 as unknown as string })).rejects.toMatchObject({ data: { code: 'invalid_payload' } });
  });

  it('refuses an agent socket without a session', async () => {
    const socket = io(`${h.url}/agent`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(error.data).toEqual({ code: 'unauthorized' });
  });
});
