/**
 * socket.io does not reconnect after its server's middleware refused a connection: the widget
 * and the console must come back by themselves, with jittered backoff, never sooner than the
 * server's `retryAfterMs`, and say so meanwhile. A small socket.io server in the test speaks
 * the relay's handshake and refuses the first attempts as a limiter would.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { memoryStorage } from '../../client/storage.js';
import { createChatClient, type VisitorSocket } from '../../widget/chat/client.js';
import type { ConsoleState } from '../../console/state/state.js';
import type { AgentSocket } from './harness.js';
import { waitFor } from './client-support.js';

const RETRY_AFTER_MS = 1200;

/** A relay stand-in whose namespaces refuse the first `refusals` handshakes each. */
async function refusingServer(refusals: number) {
  const http = createServer();
  const server = new Server(http);
  const attempts: Record<string, number[]> = { '/visitor': [], '/agent': [] };
  const received: string[] = [];
  for (const name of ['/visitor', '/agent'] as const) {
    server.of(name).use((_socket, next) => {
      attempts[name]!.push(Date.now());
      if (attempts[name]!.length > refusals) return next();
      next(Object.assign(new Error('Too many connections'), { data: { code: 'rate_limited', retryAfterMs: RETRY_AFTER_MS } }));
    });
  }
  server.of('/visitor').on('connection', (socket) => {
    socket.emit('hello', { visitorId: 'v1', token: 'token-1', conversation: null, presence: { online: true, replyMinutes: 1 } });
    socket.on('message:send', (payload: { clientId: string }, ack: (response: object) => void) => {
      received.push(payload.clientId);
      ack({ ok: true, conversationId: 'conv-1', seq: received.length, createdAt: new Date().toISOString() });
    });
  });
  server.of('/agent').on('connection', (socket) => {
    socket.emit('hello', { agent: { id: 'a1', email: 'a@example.com', name: 'Ada', role: 'admin' }, status: 'online' });
    socket.emit('queue', []);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { url, attempts, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('a connection the server turned away', () => {
  it('the widget tries again after the server says, shows it is reconnecting, and then sends what waited', async () => {
    const server = await refusingServer(2);
    close = server.close;
    const seen = new Set<string>();
    const client = createChatClient({
      origin: server.url,
      site: 'default',
      storage: memoryStorage(),
      random: () => 0,
      connect: (url, options) => io(url, { ...options, transports: ['websocket'], forceNew: true }) as VisitorSocket,
    });
    client.subscribe((state) => seen.add(state.connection));
    try {
      const item = client.send('typed while refused');
      await waitFor(() => server.received.length === 1 && client.getState().pending.length === 0, 8000);
      expect(server.received).toEqual([item.clientId]);
      expect(seen.has('reconnecting')).toBe(true);
      expect(client.getState().connection).toBe('online');
      const [first, second, third] = server.attempts['/visitor']!;
      expect(server.attempts['/visitor']).toHaveLength(3);
      // Never sooner than the server asked, even though the backoff alone would be shorter.
      expect(second! - first!).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 20);
      expect(third! - second!).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 20);
      expect(client.getState().pending).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('the console tries again after the server says and shows it is reconnecting', async () => {
    const server = await refusingServer(2);
    close = server.close;
    const { createConsole } = await import('../../console/state/console.js');
    const agent = { id: 'a1', email: 'a@example.com', name: 'Ada', role: 'admin' as const };
    const api = {
      me: async () => ({ agent }),
      logout: async () => ({}),
      agents: async () => ({ agents: [] }),
      replies: async () => ({ replies: [] }),
    };
    const controller = createConsole({
      api: api as unknown as NonNullable<Parameters<typeof createConsole>[0]>['api'],
      storage: {},
      timing: { random: () => 0 },
      connect: (path, options) =>
        io(`${server.url}${path}`, { ...options, transports: ['websocket'], forceNew: true }) as AgentSocket,
    });
    const seen = new Set<ConsoleState['connection']>();
    controller.store.subscribe((state) => seen.add(state.connection));
    try {
      await controller.boot();
      await waitFor(() => controller.store.get().connection === 'online', 8000);
      expect(seen.has('reconnecting')).toBe(true);
      const [first, second, third] = server.attempts['/agent']!;
      expect(server.attempts['/agent']).toHaveLength(3);
      expect(second! - first!).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 20);
      expect(third! - second!).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 20);
    } finally {
      await controller.actions.signOut().catch(() => undefined);
    }
  });
});
