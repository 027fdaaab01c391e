/**
 * The console's open conversations and its socket lifecycle, each driven through a fake
 * transport: gap filling, loading, queue rows, and what happens when the server refuses.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../protocol/events.js';
import type { ConversationDetail, ConversationSummary, Message } from '../../protocol/types.js';
import { createConnection, type AgentSocket, type Connection } from '../../console/state/connection.js';
import { createConversations, liveHandlers, tabActions, withMessages } from '../../console/state/conversations.js';
import { initialState, type ConsoleState } from '../../console/state/state.js';
import { createStore } from '../../console/state/store.js';

const msg = (seq: number, kind: 'visitor' | 'agent' = 'visitor'): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId: `k${seq}`,
  author: { kind },
  text: `t${seq}`,
  createdAt: 'a',
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const summary = (id: string, lastSeq = 1): ConversationSummary =>
  ({ id, lastSeq, status: 'open', visitor: { id: 'v1' } }) as unknown as ConversationSummary;

/** A server holding seqs 1…last of conversation c1, answering sync and get. */
function fakeConnection(server: { last: number; asked: number[] }): Connection {
  const answer = (event: string, payload: { afterSeq?: number }): Ack<Record<string, unknown>> => {
    if (event === 'messages:sync') {
      server.asked.push(payload.afterSeq!);
      return {
        ok: true,
        messages: Array.from({ length: server.last - payload.afterSeq! }, (_, i) => msg(payload.afterSeq! + i + 1)),
      };
    }
    const messages = Array.from({ length: server.last }, (_, i) => msg(i + 1));
    return { ok: true, conversation: { ...summary('c1', server.last), messages } as unknown as ConversationDetail };
  };
  const socket = {
    timeout: () => ({ emitWithAck: async (event: string, payload: { afterSeq?: number }) => answer(event, payload) }),
  } as unknown as AgentSocket;
  return { start() {}, stop() {}, connected: () => true, ack: (emit) => emit(socket) as never, signal: () => true };
}

function setup(last: number) {
  const store = createStore<ConsoleState>(initialState('en'));
  const server = { last, asked: [] as number[] };
  const conversations = createConversations({
    store,
    connection: fakeConnection(server),
    offlineText: () => 'offline',
    timing: { sleep: async () => {} },
  });
  const alerts: string[] = [];
  const live = liveHandlers(conversations, {
    alert: { newMessage: (row) => alerts.push(`message ${row.id}`), newConversation: (row) => alerts.push(`new ${row.id}`) },
    now: () => 1000,
  });
  const tabs = tabActions(conversations);
  const seqs = () => (store.get().open.c1?.messages ?? []).map((m) => m.seq);
  return { store, server, conversations, live, tabs, alerts, seqs };
}

describe('open conversations', () => {
  it('loads a conversation opened in a tab, then fills a gap from before it', async () => {
    const h = setup(2);
    h.tabs.open('c1');
    await tick();
    expect(h.seqs()).toEqual([1, 2]);
    h.server.last = 5;
    h.live.onMessage(msg(5)); // 3 and 4 never arrived live
    await tick();
    expect(h.server.asked).toEqual([2]);
    expect(h.seqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it('brings every open tab up to date after a reconnect', async () => {
    const h = setup(1);
    h.tabs.open('c1');
    await tick();
    h.server.last = 3;
    h.conversations.resync();
    await tick();
    expect(h.seqs()).toEqual([1, 2, 3]);
  });

  it('counts visitor messages and previews for queue rows without an open tab, and alerts on a known row', () => {
    const h = setup(0);
    h.live.onQueue([summary('c1')]);
    h.live.onMessage(msg(2));
    h.live.onMessage(msg(3, 'agent'));
    const s = h.store.get();
    expect(s.visitorSeqs.c1).toEqual([2]);
    expect(s.open.c1).toBeUndefined();
    expect(h.alerts).toEqual(['message c1']);
    h.live.onUpdated(summary('c9'));
    expect(h.alerts).toEqual(['message c1', 'new c9']);
  });

  it('shows and clears the visitor typing mark', () => {
    const h = setup(0);
    h.live.onVisitorTyping('c1', true);
    expect(h.store.get().typingUntil.c1).toBeGreaterThan(1000);
    h.live.onMessage(msg(1));
    expect(h.store.get().typingUntil.c1).toBe(0);
  });

  it('closes a tab and moves to its neighbour', async () => {
    const h = setup(1);
    h.tabs.open('c1');
    h.tabs.open('c2');
    h.tabs.open('c3');
    h.tabs.open('c2');
    h.tabs.closeTab('c2');
    expect(h.store.get().tabs).toEqual(['c1', 'c3']);
    expect(h.store.get().activeId).toBe('c3');
  });

  it('merges without touching the state when nothing is new', () => {
    const s = {
      ...initialState('en'),
      open: { c1: { detail: null, messages: [msg(1)], loading: false, error: null, visitorReadSeq: 0 } },
      visitorSeqs: { c1: [1] },
    };
    const patch = withMessages(s, 'c1', [msg(1)]);
    expect(patch.open).toBeUndefined();
  });
});

/** Just enough of a socket.io client socket for the lifecycle. */
class FakeSocket extends EventEmitter {
  active = false;
  connected = false;
  connects = 0;
  connect() {
    this.connects++;
    return this;
  }
  disconnect() {
    return this;
  }
}

describe('the socket lifecycle', () => {
  function setupConnection() {
    const store = createStore<ConsoleState>(initialState('en'));
    const socket = new FakeSocket();
    const sleeps: number[] = [];
    const wakes: (() => void)[] = [];
    const events: string[] = [];
    const connection = createConnection({
      store,
      open: () => socket as unknown as AgentSocket,
      bind: () => events.push('bound'),
      onConnect: () => events.push('connect'),
      onDisconnect: () => events.push('disconnect'),
      onSignedOut: () => events.push('signed out'),
      sessionAlive: async () => true,
      timing: { sleep: (ms) => (sleeps.push(ms), new Promise<void>((resolve) => wakes.push(resolve))), random: () => 0 },
    });
    connection.start();
    return { store, socket, sleeps, wakes, events, connection };
  }

  it('tries again after a refusal, at least after retryAfterMs, and says it is reconnecting', async () => {
    const h = setupConnection();
    h.socket.emit('connect_error', Object.assign(new Error('busy'), { data: { code: 'rate_limited', retryAfterMs: 2500 } }));
    expect(h.store.get().connection).toBe('reconnecting');
    expect(h.sleeps).toEqual([2500]);
    h.wakes.shift()!();
    await tick();
    expect(h.socket.connects).toBe(1);
    h.socket.emit('connect');
    expect(h.store.get().connection).toBe('online');
    expect(h.events).toEqual(['bound', 'connect']);
  });

  it('still comes back after a refusal in a session started after a sign-out', () => {
    const h = setupConnection();
    h.connection.stop();
    h.connection.start();
    h.socket.emit('connect_error', Object.assign(new Error('busy'), { data: { code: 'rate_limited' } }));
    expect(h.sleeps).toEqual([500]);
  });

  it('leaves a failed transport to socket.io, which retries it itself', () => {
    const h = setupConnection();
    h.socket.active = true;
    h.socket.emit('connect_error', new Error('websocket error'));
    expect(h.store.get().connection).toBe('offline');
    expect(h.sleeps).toEqual([]);
  });

  it('ends the session when the server says the agent is signed out', () => {
    const h = setupConnection();
    h.socket.emit('connect_error', Object.assign(new Error('no'), { data: { code: 'unauthorized' } }));
    expect(h.events).toContain('signed out');
    expect(h.sleeps).toEqual([]);
  });

  it('comes back after the server hung up on purpose if the session is still good', async () => {
    const h = setupConnection();
    h.socket.emit('disconnect', 'io server disconnect');
    await tick();
    expect(h.sleeps).toHaveLength(1);
    expect(h.events).toContain('disconnect');
  });
});
