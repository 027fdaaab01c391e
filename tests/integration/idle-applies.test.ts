/**
 * Two Socket.IO servers on one Redis stream through the relay's adapter: a process skips
 * applying its own entries and broadcasts for rooms it has nobody in (idle-applies.ts), gives
 * its own sockets a broadcast without waiting for Redis (local-first.ts), and still delivers
 * every broadcast that has a recipient, once and in order; a server-side event written into the
 * stream (stream-emit.ts) reaches the other process in order with the broadcasts. Fails when an adapter upgrade moves
 * the internals these rely on (then the adapter is left unwrapped).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nobodyHere, skipsIdleApplies } from '../../server/relay/idle-applies.js';
import { deliversLocallyFirst } from '../../server/relay/local-first.js';
import { createRedisAdapter, type RedisAdapterHandle } from '../../server/relay/redis-adapter.js';
import { streamEmitter } from '../../server/relay/stream-emit.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const stream = `pasokh-test-idle-${randomUUID()}`;

interface Node {
  io: Server;
  http: HttpServer;
  redis: RedisAdapterHandle;
  url: string;
}

const nodes: Node[] = [];
const clients: Socket[] = [];

async function startNode(): Promise<Node> {
  const redis = await createRedisAdapter(REDIS_URL, pino({ level: 'silent' }), { streamName: stream });
  const http = createServer();
  const io = new Server(http, { adapter: redis.adapter });
  io.on('connection', (socket) => void socket.join(socket.handshake.auth.room as string));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { io, http, redis, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

function join(node: Node, room: string): Promise<Socket> {
  const socket = connect(node.url, { transports: ['websocket'], forceNew: true, auth: { room } });
  clients.push(socket);
  return new Promise((resolve) => socket.once('connect', () => resolve(socket)));
}

/** Counts the broadcasts `node` encodes for its sockets (the work a skipped apply saves). */
function countEncodes(node: Node): () => number {
  const adapter = node.io.of('/').adapter as unknown as { _encode: (...args: unknown[]) => unknown };
  const encode = adapter._encode.bind(adapter);
  let count = 0;
  adapter._encode = (...args) => {
    count++;
    return encode(...args);
  };
  return () => count;
}

beforeAll(async () => {
  nodes.push(await startNode(), await startNode());
  // The adapter's reader starts at the stream's end once connected: wait until each hears the other.
  const a = await join(nodes[1]!, 'probe');
  const deadline = Date.now() + 10_000;
  for (let heard = false; !heard;) {
    if (Date.now() > deadline) throw new Error('the two processes never heard each other through the stream');
    const probe = new Promise<boolean>((resolve) => a.once('probe', () => resolve(true)));
    nodes[0]!.io.to('probe').emit('probe');
    heard = await Promise.race([probe, new Promise<boolean>((r) => setTimeout(() => r(false), 200))]);
  }
});

afterAll(async () => {
  for (const socket of clients) socket.disconnect();
  for (const node of nodes) {
    await node.io.close();
    await node.redis.close();
  }
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  await redis.del(stream);
  await redis.quit();
});

describe('skipping idle applies of the Redis stream', () => {
  it('wraps the adapter of every namespace', () => {
    for (const node of nodes) {
      expect(skipsIdleApplies(node.io.of('/').adapter)).toBe(true);
      expect(skipsIdleApplies(node.io.of('/visitor').adapter)).toBe(true);
      expect(deliversLocallyFirst(node.io.of('/').adapter)).toBe(true);
      expect(streamEmitter(node.io.of('/').adapter)).toBeTypeOf('function');
    }
  });

  it("delivers to a process's own sockets in the same turn, without waiting for Redis", () => {
    const [a] = nodes as [Node, Node];
    const encodes = countEncodes(a);
    a.io.to('nobody-yet').emit('n', 0);
    // Encoded for the local sockets before the emit returned; Redis has not answered yet.
    expect(encodes()).toBe(1);
  });

  it('delivers each broadcast once and in order to sockets on both processes', async () => {
    const [a, b] = nodes as [Node, Node];
    const sockets = [await join(a, 'mixed'), await join(b, 'mixed')];
    const received = sockets.map((socket) => {
      const seen: number[] = [];
      socket.on('m', (n: number) => seen.push(n));
      return seen;
    });
    for (let n = 0; n < 100; n++) (n % 3 === 0 ? b : a).io.to('mixed').emit('m', n);
    await expect.poll(() => received.map((seen) => seen.length), { timeout: 5000 }).toEqual([100, 100]);
    await new Promise((r) => setTimeout(r, 200));
    for (const seen of received) {
      expect(seen).toHaveLength(100);
      // Each process's own emits keep their order wherever they are received.
      expect(seen.filter((n) => n % 3 === 0)).toEqual(Array.from({ length: 34 }, (_, i) => i * 3));
      expect(seen.filter((n) => n % 3 !== 0)).toEqual(Array.from({ length: 100 }, (_, n) => n).filter((n) => n % 3 !== 0));
    }
  });

  it('delivers a broadcast to a room on the other process, in order, and encodes none for an empty one', async () => {
    const [a, b] = nodes as [Node, Node];
    const onB = await join(b, 'visitor:x');
    const received: number[] = [];
    onB.on('n', (n: number) => received.push(n));
    const encodesOnB = countEncodes(b);
    for (let n = 0; n < 50; n++) {
      a.io.to('visitor:x').emit('n', n);
      a.io.to('visitor:elsewhere').emit('n', -1);
    }
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(50);
    expect(received).toEqual(Array.from({ length: 50 }, (_, n) => n));
    // B encoded the 50 broadcasts it had a socket for, not the 50 for a room it has nobody in.
    expect(encodesOnB()).toBe(50);
  });

  it('keeps a server-side event written into the stream in order with the broadcasts around it', async () => {
    const [a, b] = nodes as [Node, Node];
    const onB = await join(b, 'ordered');
    const received: string[] = [];
    onB.on('o', (what: string) => received.push(what));
    // B turns each event into a local delivery, as the message relay does.
    b.io.of('/').on('tick', (n: number) => void b.io.local.to('ordered').emit('o', `tick ${n}`));
    const emit = streamEmitter(a.io.of('/').adapter)!;
    const expected: string[] = [];
    for (let n = 0; n < 50; n++) {
      a.io.to('ordered').emit('o', `broadcast ${n}`);
      emit('tick', n);
      expected.push(`broadcast ${n}`, `tick ${n}`);
    }
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(100);
    expect(received).toEqual(expected);
  });

  it('does not apply its own entries', async () => {
    const [a] = nodes as [Node, Node];
    const onA = await join(a, 'own');
    const received: string[] = [];
    onA.on('own', (text: string) => received.push(text));
    a.io.to('own').emit('own', 'once');
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toEqual(['once']);
  });

  it('applies what has recipients or acknowledgements or no room', () => {
    const rooms = new Map([['here', new Set(['s1'])]]);
    const broadcast = (roomsOf: string[], requestId?: string) => ({
      type: 3,
      data: { opts: { rooms: roomsOf }, ...(requestId ? { requestId } : {}) },
    });
    expect(nobodyHere(rooms, broadcast(['elsewhere']))).toBe(true);
    expect(nobodyHere(rooms, broadcast(['elsewhere', 'here']))).toBe(false);
    expect(nobodyHere(rooms, broadcast([]))).toBe(false);
    expect(nobodyHere(rooms, broadcast(['elsewhere'], 'r1'))).toBe(false);
    expect(nobodyHere(rooms, { type: 4, data: { opts: { rooms: ['elsewhere'] } } })).toBe(false);
  });
});
