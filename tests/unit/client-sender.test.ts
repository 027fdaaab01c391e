import { describe, expect, it } from 'vitest';
import type { Ack } from '../../protocol/events.js';
import { isRetryable, ERRORS, RETRYABLE_CODES } from '../../protocol/errors.js';
import { backoffDelay } from '../../client/backoff.js';
import { createOutbox, type OutboxItem } from '../../client/outbox.js';
import { createSender } from '../../client/sender.js';

interface Item extends OutboxItem {
  text: string;
}
type SendAck = Ack<{ seq: number }>;
const ok = (seq: number): SendAck => ({ ok: true, seq });
const refused = (code: string): SendAck => ({ ok: false, error: { code: code as 'internal', message: code } });
const timeout = () => Promise.reject(new Error('operation has timed out'));

function setup(replies: (() => Promise<SendAck>)[], options: { maxAttempts?: number; stored?: unknown } = {}) {
  const saved: (readonly Item[])[] = [];
  const outbox = createOutbox<Item>(options.stored ?? null, (items) => saved.push(items));
  const sent: string[] = [];
  const sleeps: number[] = [];
  const acked: { clientId: string; seq: number }[] = [];
  const sender = createSender<Item, { seq: number }>({
    outbox,
    emit: (item) => {
      sent.push(item.clientId);
      const reply = replies.shift();
      if (!reply) throw new Error('unexpected send');
      return reply();
    },
    onAcked: (item, ack) => acked.push({ clientId: item.clientId, seq: ack.seq }),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  const add = (clientId: string, text = 'hello') => outbox.add({ clientId, text, createdAt: 'a' });
  return { outbox, sender, sent, sleeps, acked, saved, add };
}

describe('backoff', () => {
  it('doubles each step from half a second, adds up to half a step of jitter and never passes 15 s', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { random: () => 0 }))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { random: () => 0.999999 }))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20, { random: () => 0.999999 })).toBe(15_000);
    expect(backoffDelay(20, { random: () => 0 })).toBe(7_500);
  });
});

describe('the error catalogue', () => {
  it('retries only what may succeed unchanged, and its list agrees with the catalogue', () => {
    expect(['rate_limited', 'internal'].map(isRetryable)).toEqual([true, true]);
    expect(['invalid_payload', 'too_large', 'conflict', 'forbidden', 'not_found', 'closed', 'made_up'].map(isRetryable)).toEqual(
      Array(7).fill(false),
    );
    const flagged = Object.entries(ERRORS)
      .filter(([, entry]) => entry.retryable)
      .map(([code]) => code);
    expect(flagged.sort()).toEqual([...RETRYABLE_CODES].sort());
  });
});

describe('sender', () => {
  it('retries a message whose ack timed out, waiting longer each time, until it is acked', async () => {
    const { sender, sent, sleeps, acked, outbox, add } = setup([timeout, timeout, () => Promise.resolve(ok(7))]);
    add('c1');
    await sender.pump();
    expect(sent).toEqual(['c1', 'c1', 'c1']);
    expect(sleeps).toEqual([375, 750]);
    expect(acked).toEqual([{ clientId: 'c1', seq: 7 }]);
    expect(outbox.list()).toEqual([]);
  });

  it('retries a rate limit but gives up at once on a conflict, showing the message as failed', async () => {
    const { sender, sent, sleeps, outbox, add } = setup([
      () => Promise.resolve(refused('rate_limited')),
      () => Promise.resolve(refused('conflict')),
    ]);
    add('c1');
    await sender.pump();
    expect(sent).toHaveLength(2);
    expect(sleeps).toEqual([375]);
    expect(outbox.get('c1')).toMatchObject({ state: 'failed', error: { code: 'conflict' }, attempts: 2 });
  });

  it.each(['invalid_payload', 'too_large', 'closed', 'not_found'])('never retries a message refused as %s', async (code) => {
    const { sender, sent, outbox, add } = setup([() => Promise.resolve(refused(code))]);
    add('c1');
    await sender.pump();
    expect(sent).toHaveLength(1);
    expect(outbox.get('c1')?.state).toBe('failed');
  });

  it('shows a message as failed after the last attempt when a limit is set', async () => {
    const { sender, sent, outbox, add } = setup([timeout, timeout], { maxAttempts: 2 });
    add('c1');
    await sender.pump();
    expect(sent).toHaveLength(2);
    expect(outbox.get('c1')).toMatchObject({ state: 'failed', error: { code: 'timeout' } });
  });

  it('sends messages one at a time in the order written, skipping failed ones', async () => {
    const { sender, sent, acked, outbox, add } = setup([() => Promise.resolve(ok(1)), timeout, () => Promise.resolve(ok(2))]);
    add('dead');
    outbox.update('dead', { state: 'failed' });
    add('first');
    add('second');
    await sender.pump();
    expect(sent).toEqual(['first', 'second', 'second']);
    expect(acked.map((item) => item.seq)).toEqual([1, 2]);
  });

  it('stops resending a message settled while its attempt was out', async () => {
    let answer!: (ack: SendAck) => void;
    const { sender, sent, acked, outbox, add } = setup([() => new Promise<SendAck>((resolve) => (answer = resolve))]);
    add('c1');
    const done = sender.pump();
    await Promise.resolve();
    outbox.remove('c1');
    answer(refused('internal'));
    await done;
    expect(sent).toEqual(['c1']);
    expect(acked).toEqual([]);
  });

  it('waits for the connection before each attempt, and wake() cuts a backoff short', async () => {
    const outbox = createOutbox<Item>(null);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const replies: (() => Promise<SendAck>)[] = [timeout, () => Promise.resolve(ok(1))];
    const sender = createSender<Item, { seq: number }>({
      outbox,
      ready: () => gate,
      emit: (item) => (sent.push(item.text), replies.shift()!()),
      onAcked: () => {},
      sleep: () => new Promise(() => {}), // a backoff that would never end by itself
    });
    outbox.add({ clientId: 'c1', text: 'offline', createdAt: 'a' });
    const done = sender.pump();
    await Promise.resolve();
    expect(sent).toEqual([]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual(['offline']);
    sender.wake();
    await done;
    expect(sent).toEqual(['offline', 'offline']);
  });
});

describe('outbox', () => {
  it('keeps an unacked message across a reload, back in line unless it had failed for good', () => {
    const first = setup([]);
    first.add('c1');
    first.outbox.update('c1', { attempts: 2, state: 'retrying' });
    first.add('c2');
    first.outbox.update('c2', { state: 'failed', error: { code: 'too_large', message: 'x' } });
    const after = createOutbox<Item>(JSON.parse(JSON.stringify(first.saved.at(-1))));
    expect(after.list().map((item) => [item.clientId, item.state, item.attempts])).toEqual([
      ['c1', 'sending', 2],
      ['c2', 'failed', 0],
    ]);
  });

  it('adds a clientId only once and drops what is unreadable', () => {
    const outbox = createOutbox<Item>([
      { nope: true },
      { clientId: 'ok', text: 'kept', createdAt: 'a', attempts: 0, state: 'sending' },
    ]);
    outbox.add({ clientId: 'ok', text: 'again', createdAt: 'b' });
    expect(outbox.list().map((item) => item.text)).toEqual(['kept']);
    expect(createOutbox<Item>('{not json').list()).toEqual([]);
  });
});
