/**
 * Scaled out, a message is one entry in the Redis stream however many rooms it goes to: the
 * visitor's tabs and the site's agents, on every process, each get it once and in commit
 * order, and in the same order relative to other broadcasts as the sockets next to its sender.
 * Two app instances on one PostgreSQL schema and a Redis stream of the test's own.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/types.js';
import { streamEmitter } from '../../server/relay/stream-emit.js';
import { AgentClient, login, VisitorClient } from '../../bench/lib/protocol-client.js';
import { ADMIN, redisUrl, startTwoInstances, type Instance, type TwoInstances } from './two-instances.js';

type RawSocket = {
  on(event: string, listener: (payload: never) => void): void;
  emit(event: string, payload: object): void;
  emitWithAck(event: string, payload: object): Promise<{ ok: boolean }>;
};
const socketOf = (client: VisitorClient | AgentClient) => (client as unknown as { socket: RawSocket }).socket;

/** What a socket received, in arrival order: `message:new` as `m:<seq>`, typing as `typing`, by conversation. */
function record(client: VisitorClient | AgentClient): (conversationId: string) => string[] {
  const seen: [string, string][] = [];
  const socket = socketOf(client);
  socket.on('message:new', (m: Message) => void seen.push([m.conversationId, `m:${m.seq}`]));
  socket.on('typing', (t: { conversationId: string }) => void seen.push([t.conversationId, 'typing']));
  return (conversationId) => seen.filter(([id]) => id === conversationId).map(([, event]) => event);
}

const messages = (seen: string[]) => seen.filter((event) => event.startsWith('m:'));
const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m:${from + i}`);

/** The ids of the messages an entry carries as `message:new` broadcasts or a `message:relay` event. */
function carried(fields: Record<string, string>): string[] {
  if (!fields.data?.startsWith('{')) return [];
  const data = JSON.parse(fields.data) as { packet?: { data?: unknown[] } | unknown[] };
  const args = Array.isArray(data.packet) ? data.packet : data.packet?.data;
  if (!Array.isArray(args)) return [];
  const [event, payload] = args as [string, { id?: string; message?: { id: string } }];
  if (event === 'message:new' && payload.id) return [payload.id];
  if (event === 'message:relay' && payload.message) return [payload.message.id];
  return [];
}

describe('one stream entry per message across processes', () => {
  let two: TwoInstances;
  let instances: Instance[] = [];
  let clients: { close(): void }[] = [];
  const redis = createClient({ url: redisUrl });

  beforeAll(async () => {
    await redis.connect();
    // The automatic acknowledgement is on: it is relayed like any message.
    two = await startTwoInstances({ PASOKH_AUTO_ACK: 'true' });
    ({ instances, clients } = two);
  }, 30_000);

  afterAll(async () => {
    await two?.stop();
    if (redis.isOpen) await redis.quit();
  });

  it('relays through the stream, not as one broadcast per room', () => {
    for (const { app } of instances) {
      expect(streamEmitter(app.io.of('/agent').adapter)).toBeTypeOf('function');
      expect(streamEmitter(app.io.of('/visitor').adapter)).toBeTypeOf('function');
    }
  });

  it("writes one entry per message, and the visitor's tabs and the agents on both processes get each once, in order", async () => {
    const [a, b] = instances as [Instance, Instance];
    const tabOnA = new VisitorClient({ url: a.url });
    clients.push(tabOnA);
    await tabOnA.ready();
    const tabOnB = new VisitorClient({ url: b.url, token: tabOnA.token! });
    clients.push(tabOnB);
    await tabOnB.ready();
    const cookie = await login(a.url, ADMIN.email, ADMIN.password);
    const agentOnA = new AgentClient({ url: a.url, cookie });
    const agentOnB = new AgentClient({ url: b.url, cookie });
    clients.push(agentOnA, agentOnB);
    await Promise.all([agentOnA.ready(), agentOnB.ready()]);

    const recorders = [tabOnA, tabOnB, agentOnA, agentOnB].map(record);
    // The visitor's first message on A, and its automatic acknowledgement (seq 2).
    const { conversationId } = await tabOnA.send('first, from the tab on A');
    const [onTabA, onTabB, onAgentA, onAgentB] = recorders.map((of) => () => of(conversationId)) as [
      () => string[],
      () => string[],
      () => string[],
      () => string[],
    ];
    const all = () => [onTabA(), onTabB(), onAgentA(), onAgentB()];
    const length = (list: string[]) => messages(list).length;
    await expect.poll(() => all().map(length), { timeout: 8000 }).toEqual([2, 2, 2, 2]);

    // A burst from the visitor's tab on A (seqs 3-12), then from the agent on B (13-22) with
    // typing broadcasts to the visitor's room between its replies; then a note (23) from A.
    await Promise.all(Array.from({ length: 10 }, (_, i) => tabOnA.send(`visitor ${i}`)));
    await expect.poll(() => all().map(length), { timeout: 8000 }).toEqual([12, 12, 12, 12]);
    const agentSocket = socketOf(agentOnB);
    const replies: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      replies.push(agentOnB.send(conversationId, `agent ${i}`));
      agentSocket.emit('typing', { conversationId, typing: i % 2 === 0 });
    }
    await Promise.all(replies);
    const note = await socketOf(agentOnA).emitWithAck('message:send', {
      conversationId,
      clientId: randomUUID(),
      text: 'an internal note',
      internal: true,
    });
    expect(note).toMatchObject({ seq: 23 });
    await expect.poll(() => all().map(length), { timeout: 8000 }).toEqual([22, 22, 23, 23]);
    await new Promise((r) => setTimeout(r, 300));

    // Once each, in seq order; the note reached the agents only.
    for (const list of [onTabA(), onTabB()]) expect(messages(list)).toEqual(seqs(1, 22));
    for (const list of [onAgentA(), onAgentB()]) expect(messages(list)).toEqual(seqs(1, 23));
    // The tab on A got the agent's replies and typing through the stream, the tab on B next to
    // the agent: the same interleaving means the message entries kept their place among the
    // visitor namespace's broadcasts.
    expect(onTabA().filter((e) => e === 'typing').length).toBe(10);
    expect(onTabA()).toEqual(onTabB());

    // Exactly one stream entry for each of the 23 messages.
    const stored = await a.store.listMessages(conversationId, { includeInternal: true });
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    const entries = await redis.xRange(two.streamName, '-', '+');
    const perMessage = new Map<string, number>();
    for (const { message } of entries)
      for (const id of carried(message as Record<string, string>)) perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
    expect(stored.map((m) => perMessage.get(m.id) ?? 0)).toEqual(Array(23).fill(1));
    expect(perMessage.size).toBe(23);
  }, 30_000);
});
