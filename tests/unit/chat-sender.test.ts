import { describe, expect, it } from 'vitest';
import type { VisitorMessageSend } from '../../protocol/events.js';
import { backoffDelay } from '../../widget/chat/backoff.js';
import { createOutbox } from '../../widget/chat/outbox.js';
import { createSender, type SendAck } from '../../widget/chat/sender.js';
import { memoryStorage } from '../../widget/chat/storage.js';

const ok = (seq: number): SendAck => ({ ok: true, conversationId: 'conv1', seq, createdAt: '2025-01-01T00:00:00Z' });
const timeout = () => Promise.reject(new Error('operation has timed out'));

function setup(replies: (() => Promise<SendAck>)[]) {
  const storage = memoryStorage();
  const outbox = createOutbox(storage, 'k');
  const sent: VisitorMessageSend[] = [];
  const sleeps: number[] = [];
  const acked: { clientId: string; seq: number }[] = [];
  const sender = createSender({
    outbox,
    emit: (payload) => {
      sent.push(payload);
      const reply = replies.shift();
      if (!reply) throw new Error('unexpected send');
      return reply();
    },
    onAcked: (item, ack) => acked.push({ clientId: item.clientId, seq: ack.seq }),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  });
  return { storage, outbox, sender, sent, sleeps, acked };
}

describe('backoff', () => {
  it('doubles each step, adds up to half a step of jitter and stops at the ceiling', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { random: () => 0 }))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { random: () => 0.999999 }))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20, { random: () => 0 })).toBe(15_000);
  });
});

describe('sender', () => {
  it('retries a message whose ack timed out, waiting longer each time, until it is acked', async () => {
    const { outbox, sender, sent, sleeps, acked } = setup([timeout, timeout, () => Promise.resolve(ok(7))]);
    outbox.add({ clientId: 'c1-aaaaaaaa', text: 'hello', createdAt: 'a' });
    await sender.pump();
    expect(sent.map((payload) => payload.clientId)).toEqual(['c1-aaaaaaaa', 'c1-aaaaaaaa', 'c1-aaaaaaaa']);
    expect(sleeps).toEqual([375, 750]);
    expect(acked).toEqual([{ clientId: 'c1-aaaaaaaa', seq: 7 }]);
    expect(outbox.list()).toEqual([]);
  });

  it('retries a rate limit but gives up at once on a conflict, showing the message as failed', async () => {
    const limited = () => Promise.resolve<SendAck>({ ok: false, error: { code: 'rate_limited', message: 'slow down' } });
    const conflict = () => Promise.resolve<SendAck>({ ok: false, error: { code: 'conflict', message: 'same clientId, other text' } });
    const { outbox, sender, sent, sleeps } = setup([limited, conflict]);
    outbox.add({ clientId: 'c1-aaaaaaaa', text: 'hello', createdAt: 'a' });
    await sender.pump();
    expect(sent).toHaveLength(2);
    expect(sleeps).toEqual([375]);
    expect(outbox.get('c1-aaaaaaaa')).toMatchObject({ state: 'failed', error: 'conflict', attempts: 2 });
  });

  it.each(['invalid_payload', 'too_large'] as const)('never retries a message refused as %s', async (code) => {
    const { outbox, sender, sent } = setup([() => Promise.resolve<SendAck>({ ok: false, error: { code, message: 'no' } })]);
    outbox.add({ clientId: 'c1-aaaaaaaa', text: 'hello', createdAt: 'a' });
    await sender.pump();
    expect(sent).toHaveLength(1);
    expect(outbox.get('c1-aaaaaaaa')?.state).toBe('failed');
  });

  it('sends messages one at a time in the order they were written, skipping failed ones', async () => {
    const { outbox, sender, sent, acked } = setup([() => Promise.resolve(ok(1)), timeout, () => Promise.resolve(ok(2))]);
    outbox.add({ clientId: 'dead-0000', text: 'failed before', createdAt: 'a' });
    outbox.update('dead-0000', { state: 'failed', error: 'too_large' });
    outbox.add({ clientId: 'first-000', text: 'one', createdAt: 'b', context: { url: 'https://shop.example/help' } });
    outbox.add({ clientId: 'second-00', text: 'two', createdAt: 'c' });
    await sender.pump();
    expect(sent.map((payload) => payload.clientId)).toEqual(['first-000', 'second-00', 'second-00']);
    expect(sent[0]?.context).toEqual({ url: 'https://shop.example/help' });
    expect(sent[1]?.context).toBeUndefined();
    expect(acked.map((item) => item.seq)).toEqual([1, 2]);
  });

  it('sends what a previous page left in the outbox after a reload', async () => {
    const storage = memoryStorage();
    createOutbox(storage, 'k').add({ clientId: 'left-0000', text: 'typed before reload', createdAt: 'a' });
    const outbox = createOutbox(storage, 'k');
    const sent: string[] = [];
    const sender = createSender({
      outbox,
      emit: async (payload) => (sent.push(payload.text), ok(3)),
      onAcked: () => {},
      sleep: async () => {},
    });
    await sender.pump();
    expect(sent).toEqual(['typed before reload']);
    expect(createOutbox(storage, 'k').list()).toEqual([]);
  });

  it('waits for the connection before each attempt', async () => {
    const outbox = createOutbox(memoryStorage(), 'k');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const sender = createSender({ outbox, ready: () => gate, emit: async (p) => (sent.push(p.text), ok(1)), onAcked: () => {} });
    outbox.add({ clientId: 'c1-aaaaaaaa', text: 'offline', createdAt: 'a' });
    const done = sender.pump();
    await Promise.resolve();
    expect(sent).toEqual([]);
    release();
    await done;
    expect(sent).toEqual(['offline']);
  });
});
