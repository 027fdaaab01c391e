/**
 * What the relay sends, and how: agents get a queue summary only when a message
 * changes more than the row's last message and wait, and a burst to one socket leaves in one
 * system call.
 */
import { randomUUID } from 'node:crypto';
import type { Socket as TcpSocket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from '../../protocol/types.js';
import { collect, nextEvent, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than the update notifier's coalescing window (500 ms), so a due summary would have come. */
const QUIET_MS = 1200;

describe('queue summaries after messages', () => {
  it('come for a new conversation and an assignment, not for a plain follow-up the console derives itself', async () => {
    const agent = await h.agent();
    const { socket: visitor } = await h.visitor();
    const updates = collect<ConversationSummary>(agent, 'conversation:updated');

    const first = await visitor.timeout(5000).emitWithAck('message:send', {
      clientId: randomUUID(),
      text: 'Where is my parcel?',
      context: { url: 'https://shop.example/orders' },
    });
    if (!first.ok) throw new Error(first.error.message);
    await sleep(QUIET_MS);
    expect(updates.map((u) => u.id)).toEqual([first.conversationId]);
    expect(updates[0]).toMatchObject({ context: { url: 'https://shop.example/orders' }, lastSeq: 1 });

    const live = nextEvent<Message>(agent, 'message:new', (m) => m.seq === 2);
    await visitor.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'It was due Monday.' });
    expect(await live).toMatchObject({ seq: 2, text: 'It was due Monday.' });
    await sleep(QUIET_MS);
    expect(updates).toHaveLength(1);

    // The first reply to an unassigned conversation takes it: that a message cannot tell.
    // Listening before sending: the summary may arrive before the ack.
    const assignment = nextEvent<ConversationSummary>(agent, 'conversation:updated', (u) => u.assignee !== null);
    const reply = await agent
      .timeout(5000)
      .emitWithAck('message:send', { conversationId: first.conversationId, clientId: randomUUID(), text: 'Let me look.' });
    expect(reply).toMatchObject({ ok: true, seq: 3 });
    expect(await assignment).toMatchObject({
      id: first.conversationId,
      lastSeq: 3,
      waitingSince: null,
      assignee: { name: 'Ada Admin' },
    });

    // A busy conversation right after a summary: its plain messages bring no further ones.
    const count = updates.length;
    for (const text of ['Thanks!', 'The number is 42.']) {
      const sent = await visitor.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text });
      expect(sent.ok).toBe(true);
    }
    await agent
      .timeout(5000)
      .emitWithAck('message:send', { conversationId: first.conversationId, clientId: randomUUID(), text: 'Found it.' });
    await sleep(QUIET_MS);
    expect(updates).toHaveLength(count);
  });
});

describe('writes to a socket', () => {
  it('send a burst of frames in one system call, every frame intact and in order', async () => {
    const agent = await h.agent();
    const [server] = await h.app.io.of('/agent').fetchSockets();
    const local = h.app.io.of('/agent').sockets.get(server!.id)!;
    const tcp = (
      local.conn as unknown as {
        transport: {
          socket: { _socket: TcpSocket & { _writev: (...args: unknown[]) => unknown; _write: (...args: unknown[]) => unknown } };
        };
      }
    ).transport.socket._socket;
    let writes = 0;
    for (const name of ['_write', '_writev'] as const) {
      const original = tcp[name].bind(tcp);
      tcp[name] = (...args: unknown[]) => {
        writes++;
        return original(...args);
      };
    }

    const received = collect<{ conversationId: string }>(agent, 'typing');
    for (let i = 0; i < 10; i++) local.emit('typing', { conversationId: `c${i}`, typing: true, from: 'visitor' });
    await sleep(300);

    expect(received.map((t) => t.conversationId)).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`));
    // Without the batching: the first frame alone, then one write for each of the other nine.
    expect(writes).toBe(1);
  });
});
