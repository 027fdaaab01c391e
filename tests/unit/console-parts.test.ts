/**
 * The console controller's parts, each alone: what is saved in the browser, the typing signal,
 * read receipts, the HTTP calls, the agent outbox.
 */
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../protocol/events.js';
import type { Message } from '../../protocol/types.js';
import { memoryStorage } from '../../client/storage.js';
import { ApiError } from '../../console/lib/api.js';
import { createAdmin, type Api } from '../../console/state/admin.js';
import { createAgentOutbox, MAX_ATTEMPTS, type AgentOutboxItem } from '../../console/state/outbox.js';
import { agentPersistence, preferredLocale, saveLocale } from '../../console/state/persist.js';
import { createReadReceipts } from '../../console/state/read-receipts.js';
import { initialState, type ConsoleState } from '../../console/state/state.js';
import { createStore } from '../../console/state/store.js';
import { createTyping, TYPING_IDLE_MS, TYPING_THROTTLE_MS } from '../../console/state/typing.js';

const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId: `k${seq}`,
  author: { kind: 'visitor' },
  text: 't',
  createdAt: 'a',
  ...extra,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('what the console keeps in the browser', () => {
  it('remembers the language, else follows a Persian browser', () => {
    const storage = { local: memoryStorage() };
    expect(preferredLocale(storage, 'fa-IR')).toBe('fa');
    expect(preferredLocale(storage, 'en-GB')).toBe('en');
    saveLocale(storage, 'fa');
    expect(preferredLocale(storage, 'en-GB')).toBe('fa');
  });

  it('restores at most 20 tabs with an active one among them, and forgets them at sign-out', () => {
    const storage = { local: memoryStorage(), session: memoryStorage() };
    const saved = agentPersistence(storage, 'a1');
    const ids = Array.from({ length: 25 }, (_, i) => `c${i}`);
    saved.saveTabs({ tabs: [...ids, 7 as unknown as string], activeId: 'gone' });
    expect(saved.tabs()).toEqual({ tabs: ids.slice(0, 20), activeId: 'c0' });
    saved.saveReadSeq({ c1: 4 });
    saved.forgetSession();
    expect(saved.tabs()).toEqual({ tabs: [], activeId: null });
    expect(agentPersistence(storage, 'a1').readSeq()).toEqual({ c1: 4 });
    expect(agentPersistence(storage, 'other').readSeq()).toEqual({});
  });

  it('works without any storage at all', () => {
    const saved = agentPersistence({}, 'a1');
    saved.saveOutbox([{ x: 1 }]);
    expect(saved.outbox()).toBeNull();
    expect(preferredLocale({}, '')).toBe('en');
  });
});

describe('the typing signal', () => {
  function harness() {
    let now = 0;
    const sent: boolean[] = [];
    const timers: (() => void)[] = [];
    const typing = createTyping({
      emit: (p) => sent.push(p.typing),
      now: () => now,
      setTimer: (fn, ms) => (expect(ms).toBe(TYPING_IDLE_MS), timers.push(fn)),
      clearTimer: () => {},
    });
    return { typing, sent, timers, advance: (ms: number) => (now += ms) };
  }

  it('sends "typing" at most once per throttle window and "stopped" once', () => {
    const h = harness();
    h.advance(TYPING_THROTTLE_MS + 1);
    h.typing.note('c1');
    h.advance(1000);
    h.typing.note('c1');
    expect(h.sent).toEqual([true]);
    h.advance(TYPING_THROTTLE_MS);
    h.typing.note('c1');
    h.typing.stop('c1');
    h.typing.stop('c1');
    expect(h.sent).toEqual([true, true, false]);
  });

  it('says "stopped" by itself after a quiet spell', () => {
    const h = harness();
    h.advance(TYPING_THROTTLE_MS + 1);
    h.typing.note('c1');
    h.timers.at(-1)!();
    expect(h.sent).toEqual([true, false]);
  });
});

describe('read receipts', () => {
  it('marks read up to the last message, saves it, and tells the visitor up to its last visible one', () => {
    const store = createStore<ConsoleState>({
      ...initialState('en'),
      agent: { id: 'a1', email: 'a@x', name: 'A', role: 'agent', disabled: false, sites: null },
    });
    store.set({
      open: {
        c1: {
          detail: null,
          messages: [msg(1), msg(2), msg(3, { internal: true, author: { kind: 'agent' } })],
          loading: false,
          error: null,
          visitorReadSeq: 0,
        },
      },
    });
    const saved: Record<string, number>[] = [];
    const told: number[] = [];
    let online = false;
    const receipts = createReadReceipts({ store, save: (r) => saved.push(r), emit: (p) => online && told.push(p.seq) > 0 });
    receipts.markRead('c1');
    expect(store.get().readSeq).toEqual({ c1: 3 });
    expect(saved).toEqual([{ c1: 3 }]);
    expect(told).toEqual([]);
    online = true;
    receipts.markRead('c1');
    receipts.markRead('c1');
    expect(told).toEqual([2]);
    expect(saved).toHaveLength(1);
  });
});

describe('the HTTP calls', () => {
  it('refreshes the lists after a change, shows a failure, and ends the session on a 401', async () => {
    const store = createStore<ConsoleState>(initialState('en'));
    const notices: string[] = [];
    let signedOut = 0;
    let agentsCalls = 0;
    const api = {
      agents: async () => (agentsCalls++, { agents: [{ id: 'a1' }] }),
      updateAgent: async () => {
        throw new ApiError(409, 'conflict', 'last admin');
      },
      removeAgent: async () => {
        throw new ApiError(401, 'unauthorized', 'signed out');
      },
      addAgent: async () => ({}),
    } as unknown as Api;
    const admin = createAdmin({ store, api, notice: (m) => notices.push(m), onSignedOut: async () => void signedOut++ });
    expect(await admin.addAgent({ email: 'b@x', name: 'B', password: 'p', role: 'agent' })).toBeNull();
    expect(store.get().agents).toEqual([{ id: 'a1' }]);
    await admin.setAgentDisabled('a1', true);
    expect(notices).toEqual(['last admin']);
    await admin.removeAgent('a1');
    expect(signedOut).toBe(1);
    expect(agentsCalls).toBe(3);
  });
});

describe('the agent outbox', () => {
  type SendAck = Ack<{ seq: number; createdAt: string }>;
  function harness(replies: SendAck[]) {
    const lists: (readonly AgentOutboxItem[])[] = [];
    const sent: number[] = [];
    const shown: number[] = [];
    const outbox = createAgentOutbox({
      restored: null,
      onChange: (items) => lists.push(items),
      send: async (item) => (
        sent.push(item.attempts),
        replies.shift() ?? { ok: false, error: { code: 'internal', message: 'down' } }
      ),
      onSent: (_item, result) => shown.push(result.seq),
      timing: { sleep: async () => {}, random: () => 0 },
    });
    const add = (clientId: string) => outbox.add({ clientId, conversationId: 'c1', text: 'hi', internal: false, createdAt: 'a' });
    return { outbox, lists, sent, shown, add };
  }

  it('waits for the connection, then sends and shows the reply at its seq', async () => {
    const h = harness([{ ok: true, seq: 4, createdAt: 'b' }]);
    h.add('k1');
    await tick();
    expect(h.sent).toEqual([]);
    h.outbox.online();
    await tick();
    expect(h.shown).toEqual([4]);
    expect(h.lists.at(-1)).toEqual([]);
  });

  it('shows a reply failed after the last attempt, and Retry starts it again from zero', async () => {
    const h = harness([]);
    h.outbox.online();
    h.add('k1');
    await tick();
    expect(h.sent).toHaveLength(MAX_ATTEMPTS);
    expect(h.outbox.items()[0]).toMatchObject({ state: 'failed', error: { code: 'internal' } });
    h.outbox.retry('k1');
    await tick();
    expect(h.sent).toHaveLength(MAX_ATTEMPTS * 2);
    expect(h.sent[MAX_ATTEMPTS]).toBe(0);
  });

  it('shows a refusal for good at once, and Discard drops it', async () => {
    const h = harness([{ ok: false, error: { code: 'closed', message: 'closed' } }]);
    h.outbox.online();
    h.add('k1');
    await tick();
    expect(h.sent).toHaveLength(1);
    expect(h.outbox.items()[0]?.state).toBe('failed');
    h.outbox.discard('k1');
    expect(h.outbox.items()).toEqual([]);
  });
});
