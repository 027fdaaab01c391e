/**
 * A bug in a middleware or a listener becomes a refused connection or an ignored event, never an
 * uncaught exception (which vitest would report as an error of this file).
 */
import { io } from 'socket.io-client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

it('refuses a connection with code internal when a middleware throws, and keeps serving', async () => {
  h.app.io.of('/agent').use(() => {
    throw new TypeError('a bug in a middleware');
  });
  const socket = io(`${h.url}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: await h.login() },
  });
  const refusal = await new Promise<{ data?: { code?: string } }>((resolve) => socket.once('connect_error', resolve));
  socket.disconnect();
  expect(refusal.data?.code).toBe('internal');
  expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
});

it('refuses a connection when an async middleware rejects', async () => {
  h.app.io.of('/agent').use(async () => {
    throw new TypeError('a bug in an async middleware');
  });
  const socket = io(`${h.url}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: await h.login() },
  });
  const refusal = await new Promise<{ data?: { code?: string } }>((resolve) => socket.once('connect_error', resolve));
  socket.disconnect();
  expect(refusal.data?.code).toBe('internal');
});

it('ignores a throwing event listener and goes on answering the same socket', async () => {
  h.app.io.of('/visitor').on('connection', (socket) => {
    socket.on('typing', () => {
      throw new TypeError('a bug in a listener');
    });
  });
  const { socket } = await h.visitor();
  socket.emit('typing', { conversationId: 'c0ffee00-0000-4000-8000-000000000009', typing: true });
  const ack = await socket
    .timeout(5000)
    .emitWithAck('message:send', { clientId: 'c0ffee00-0000-4000-8000-00000000000a', text: 'still here?' });
  expect(ack).toMatchObject({ ok: true, seq: 1 });
});
