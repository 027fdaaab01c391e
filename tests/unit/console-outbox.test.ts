import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_MAX_MS } from '../../console/lib/backoff.js';
import { createOutbox, type OutboxDeps, type OutboxEntry, type SendResult } from '../../console/lib/outbox.js';

/** A manual clock: timers run only when the test says so, and their delays are recorded. */
function harness(results: SendResult[], options: Partial<OutboxDeps> = {}) {
  const timers: { fn: () => void; ms: number }[] = [];
  const sent: OutboxEntry[] = [];
  const acked: { clientId: string; seq: number }[] = [];
  let snapshot: readonly OutboxEntry[] = [];
  const outbox = createOutbox({
    send: async (entry) => {
      sent.push(entry);
      return results.shift() ?? { ok: false, retryable: true, message: 'timeout' };
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }) - 1,
    clearTimer: () => undefined,
    onChange: (entries) => {
      snapshot = entries;
    },
    onSent: (entry, result) => acked.push({ clientId: entry.clientId, seq: result.seq }),
    random: () => 1,
    ...options,
  });
  const runNextTimer = async () => {
    const timer = timers.shift();
    timer?.fn();
    await flushPromises();
  };
  return { outbox, timers, sent, acked, entries: () => snapshot, runNextTimer };
}
const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));
const input = (clientId: string) => ({ clientId, conversationId: 'c1', text: 'hello', internal: false, createdAt: '2026-01-01T00:00:00Z' });

describe('retry backoff', () => {
  it('doubles from half a second and stops growing at the cap', () => {
    const top = () => 1;
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, top))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20, top)).toBe(BACKOFF_MAX_MS);
  });

  it('jitters down to half the delay', () => {
    expect(backoffDelay(2, () => 0)).toBe(1000);
  });
});

describe('the agent outbox', () => {
  it('removes a message once the server acks it and reports its seq', async () => {
    const h = harness([{ ok: true, seq: 7, createdAt: '2026-01-01T00:00:01Z' }]);
    h.outbox.add(input('client-1'));
    expect(h.entries().map((e) => e.state)).toEqual(['sending']);
    await flushPromises();
    expect(h.entries()).toEqual([]);
    expect(h.acked).toEqual([{ clientId: 'client-1', seq: 7 }]);
  });

  it('resends the same clientId with growing delays until acked', async () => {
    const h = harness([
      { ok: false, retryable: true, message: 'timeout' },
      { ok: false, retryable: true, message: 'timeout' },
      { ok: true, seq: 3, createdAt: '2026-01-01T00:00:01Z' },
    ]);
    h.outbox.add(input('client-2'));
    await flushPromises();
    expect(h.timers.map((t) => t.ms)).toEqual([500]);
    await h.runNextTimer();
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    await h.runNextTimer();
    expect(h.sent.map((e) => [e.clientId, e.attempts])).toEqual([
      ['client-2', 1],
      ['client-2', 2],
      ['client-2', 3],
    ]);
    expect(h.acked).toEqual([{ clientId: 'client-2', seq: 3 }]);
  });

  it('marks a message failed at once when the server refuses it for good', async () => {
    const h = harness([{ ok: false, retryable: false, message: 'too long' }]);
    h.outbox.add(input('client-3'));
    await flushPromises();
    expect(h.entries().map((e) => [e.state, e.error])).toEqual([['failed', 'too long']]);
    expect(h.timers).toEqual([]);
  });

  it('gives up after the last attempt, and sends again from scratch on retry', async () => {
    const h = harness([], { maxAttempts: 2 });
    h.outbox.add(input('client-4'));
    await flushPromises();
    await h.runNextTimer();
    expect(h.entries()[0]?.state).toBe('failed');
    expect(h.sent).toHaveLength(2);
    h.outbox.retry('client-4');
    await flushPromises();
    expect(h.sent.at(-1)?.attempts).toBe(1);
  });

  it('waits while offline instead of spending attempts, and sends on flush', async () => {
    let online = false;
    const h = harness([{ ok: true, seq: 1, createdAt: '2026-01-01T00:00:01Z' }], { canSend: () => online });
    h.outbox.add(input('client-5'));
    await flushPromises();
    expect(h.sent).toHaveLength(0);
    online = true;
    h.outbox.flush();
    await flushPromises();
    expect(h.acked.map((a) => a.clientId)).toEqual(['client-5']);
  });

  it('stops resending a message the server already delivered live', async () => {
    const h = harness([{ ok: false, retryable: true, message: 'timeout' }]);
    h.outbox.add(input('client-6'));
    await flushPromises();
    h.outbox.settle('client-6');
    expect(h.entries()).toEqual([]);
    await h.runNextTimer();
    expect(h.sent).toHaveLength(1);
  });

  it('restores entries kept from before a reload and sends them on flush', async () => {
    const restored: OutboxEntry[] = [{ ...input('client-7'), attempts: 3, state: 'sending' }];
    const acked: string[] = [];
    const outbox = createOutbox(
      {
        send: async () => ({ ok: true, seq: 9, createdAt: '2026-01-01T00:00:01Z' }),
        setTimer: () => 0,
        clearTimer: () => undefined,
        onChange: () => undefined,
        onSent: (entry) => acked.push(entry.clientId),
      },
      restored,
    );
    outbox.flush();
    await flushPromises();
    expect(acked).toEqual(['client-7']);
  });
});
