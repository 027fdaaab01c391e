/**
 * Hostile input against the real `pasokh serve` process on 127.0.0.1: random and malformed
 * handshakes (auth objects, Origin and Cookie headers), raw Engine.IO / Socket.IO packets over
 * HTTP long-polling, and random payloads for every client → server event of both namespaces
 * (taken from protocol/events.ts, so a new event is fuzzed without touching this file). After
 * each batch the process must be alive and answer /healthz, and it must not have logged an
 * error that escaped a guard. Bounded: a few hundred cases, well under 30 s.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLIENT_EVENTS, VISITOR_CLIENT_EVENTS } from '../../protocol/events.js';
import { login } from '../../bench/lib/protocol-client.js';
import { ADMIN, freePort, startServerChild, type ServerChild } from '../../bench/lib/server-process.js';

let dataDir: string;
let server: ServerChild;
let cookie: string;
const ALLOWED = 'https://shop.example';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pasokh-fuzz-'));
  server = await startServerChild({ port: await freePort(), dataDir, env: { PASOKH_ALLOWED_ORIGINS: ALLOWED } });
  cookie = await login(server.url, ADMIN.email, ADMIN.password);
}, 30_000);
afterAll(async () => {
  await server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process is up, healthy, and logged nothing that only the last-resort net caught. */
async function expectStillServing(): Promise<void> {
  expect(server.alive(), server.output()).toBe(true);
  const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5000) });
  expect(health.status).toBe(200);
  expect(server.output()).not.toMatch(/unhandled rejection|uncaught exception|listener failed|middleware failed/);
}

const origins = fc.option(
  fc.oneof(
    fc.constantFrom(
      'null',
      '',
      ALLOWED,
      'https://evil.example',
      'file://',
      'http://[::1',
      'http://127.0.0.1',
      'javascript:alert(1)',
      'https://a b',
    ),
    fc.string({ maxLength: 40 }),
    fc.webUrl(),
  ),
  { nil: undefined },
);
const auths = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.record(
    {
      site: fc.oneof(fc.constant('default'), fc.string({ maxLength: 70 }), fc.anything({ maxDepth: 1 })),
      token: fc.oneof(fc.string({ minLength: 43, maxLength: 43 }), fc.anything({ maxDepth: 1 })),
      user: fc.oneof(
        fc.record({ id: fc.string(), hash: fc.string(), name: fc.string(), email: fc.string() }, { requiredKeys: [] }),
        fc.anything({ maxDepth: 2 }),
      ),
      locale: fc.anything({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
);

/** Opens a socket, waits for it to connect or be refused (or 1.5 s), and closes it. */
async function handshake(
  namespace: string,
  transport: 'polling' | 'websocket',
  auth: unknown,
  headers: Record<string, string>,
): Promise<void> {
  let socket: Socket | undefined;
  try {
    socket = io(`${server.url}${namespace}`, {
      transports: [transport],
      reconnection: false,
      forceNew: true,
      timeout: 1500,
      auth: auth as object,
      extraHeaders: headers,
    });
    await new Promise<void>((resolve) => {
      socket!.once('connect', () => resolve());
      socket!.once('connect_error', () => resolve());
      setTimeout(resolve, 1500);
    });
  } catch {
    // The client refused to send it (an illegal header value): nothing reached the server.
  } finally {
    socket?.disconnect();
  }
}

const packets = fc.oneof(
  fc.constantFrom(
    '40/agent,',
    '40/visitor,{"site":"default"}',
    '40/visitor,',
    '40',
    '41',
    '42["message:send",{}]',
    '42/visitor,["typing"]',
    '42[]',
    '43/agent,1[]',
    '2',
    '3',
    '5',
    '6',
    '1',
    '4',
    '0',
    '44/agent,{}',
    '45-["x",{"_placeholder":true,"num":9}]',
  ),
  fc.string({ maxLength: 80 }),
  fc
    .tuple(
      fc.constantFrom('4', '40/agent,', '40/visitor,', '42', '42/visitor,', '42/agent,', '43/visitor,7'),
      fc.json({ maxDepth: 3 }),
    )
    .map(([prefix, json]) => prefix + json),
);

/** A long-polling session opened by hand: GET the handshake, POST the packets, read once. */
async function rawPolling(query: string, origin: string | undefined, bodies: string[]): Promise<void> {
  const headers: Record<string, string> = origin === undefined ? {} : { origin };
  try {
    const open = await fetch(`${server.url}/socket.io/?${query}`, { headers, signal: AbortSignal.timeout(2000) });
    const sid = /"sid":"([^"]+)"/.exec(await open.text())?.[1];
    if (!sid) return;
    const session = `${server.url}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`;
    for (const body of bodies) {
      await fetch(session, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/plain;charset=UTF-8' },
        body,
        signal: AbortSignal.timeout(2000),
      }).then((r) => r.text());
    }
    await fetch(session, { headers, signal: AbortSignal.timeout(300) }).then((r) => r.text());
  } catch {
    // Refused, closed or timed out: all fine; only the server's survival is under test.
  }
}

/** A connected socket of `namespace`, made again after the flood guard disconnects it. */
function reconnecting(namespace: '/visitor' | '/agent'): () => Promise<Socket> {
  let socket: Socket | undefined;
  let token: string | undefined;
  return async () => {
    if (socket?.connected) return socket;
    socket?.disconnect();
    const next = io(`${server.url}${namespace}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(namespace === '/visitor' ? { auth: { site: 'default', ...(token ? { token } : {}) } } : { extraHeaders: { cookie } }),
    });
    next.on('hello', (hello: { token?: string }) => (token = hello.token ?? token));
    await new Promise<void>((resolve, reject) => {
      next.once('connect', () => resolve());
      next.once('connect_error', reject);
    });
    socket = next;
    return next;
  };
}

describe('hostile input', () => {
  it('survives random and malformed handshakes on both transports', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/visitor', '/agent', '/nope', '/'),
        fc.constantFrom('polling' as const, 'websocket' as const),
        auths,
        origins,
        fc.option(fc.oneof(fc.string({ maxLength: 60 }), fc.constant('pasokh_session=x'), fc.constant(cookie)), {
          nil: undefined,
        }),
        async (namespace, transport, auth, origin, cookieHeader) => {
          await handshake(namespace, transport, auth, {
            ...(origin === undefined ? {} : { origin }),
            ...(cookieHeader === undefined ? {} : { cookie: cookieHeader }),
          });
        },
      ),
      { numRuns: 70, interruptAfterTimeLimit: 10_000 },
    );
    await expectStillServing();
  }, 30_000);

  it('survives raw Engine.IO and Socket.IO packets over long-polling', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant('EIO=4&transport=polling'),
          fc.constant('EIO=3&transport=polling'),
          fc.constant('EIO=4&transport=websocket'),
          fc.string({ maxLength: 40 }),
        ),
        origins,
        fc.array(packets, { minLength: 1, maxLength: 4 }),
        async (query, origin, bodies) => rawPolling(query, origin, bodies),
      ),
      { numRuns: 70, interruptAfterTimeLimit: 10_000 },
    );
    await expectStillServing();
  }, 30_000);

  it('survives random payloads for every client event of /visitor and /agent', async () => {
    const sockets = { '/visitor': reconnecting('/visitor'), '/agent': reconnecting('/agent') };
    const events = [
      ...VISITOR_CLIENT_EVENTS.map((event) => ['/visitor', event] as const),
      ...AGENT_CLIENT_EVENTS.map((event) => ['/agent', event] as const),
    ];
    const payloads = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        {
          conversationId: fc.oneof(fc.uuid(), fc.string(), fc.anything({ maxDepth: 1 })),
          clientId: fc.oneof(fc.uuid(), fc.string(), fc.integer()),
          text: fc.oneof(
            fc.string({ maxLength: 50 }),
            fc.string({ minLength: 4001, maxLength: 4100 }),
            fc.anything({ maxDepth: 1 }),
          ),
          afterSeq: fc.oneof(fc.integer(), fc.double(), fc.anything({ maxDepth: 1 })),
          seq: fc.oneof(fc.integer(), fc.anything({ maxDepth: 1 })),
          typing: fc.anything({ maxDepth: 1 }),
          email: fc.oneof(fc.emailAddress(), fc.string()),
          score: fc.oneof(fc.integer({ min: -5, max: 15 }), fc.anything({ maxDepth: 1 })),
          status: fc.oneof(fc.constantFrom('online', 'away'), fc.anything({ maxDepth: 1 })),
          agentId: fc.oneof(fc.uuid(), fc.anything({ maxDepth: 1 })),
          internal: fc.anything({ maxDepth: 1 }),
          context: fc.anything({ maxDepth: 3 }),
        },
        { requiredKeys: [] },
      ),
    );
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...events),
        payloads,
        fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 2 }),
        async ([namespace, event], payload, extra) => {
          const socket = await sockets[namespace]();
          sent++;
          await Promise.race([
            socket
              .timeout(500)
              .emitWithAck(event, payload, ...extra)
              .catch(() => {}),
            sleep(150),
          ]);
        },
      ),
      { numRuns: 160, interruptAfterTimeLimit: 9_000 },
    );
    expect(sent).toBeGreaterThan(50);
    for (const get of Object.values(sockets)) (await get()).disconnect();
    await expectStillServing();
  }, 30_000);
});
