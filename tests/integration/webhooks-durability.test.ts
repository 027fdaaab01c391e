/**
 * Deliveries are durable and single-flight: a server killed with SIGKILL between retries
 * delivers after restart, and two processes sharing PostgreSQL never deliver one event twice.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startServerChild, type ServerChild } from '../../bench/lib/server-process.js';
import { loadConfig } from '../../server/config.js';
import { createOutboxWorker } from '../../server/outbox/worker.js';
import { createPostgresStore } from '../../server/store/postgres.js';
import type { Store } from '../../server/store/store.js';
import { createWebhookChannel } from '../../server/webhooks/channel.js';
import { startReceiver, type Receiver } from './receivers.js';

const SECRET = 'whsec-0123456789abcdef';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function configFile(webhookUrl: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-hooks-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'pasokh.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      deliveryRetrySeconds: 0.3,
      sites: [{ key: 'default', webhooks: [{ url: webhookUrl, secret: SECRET, events: ['message.created'] }] }],
    }),
  );
  return file;
}

async function receiver(answer: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(answer);
  cleanups.push(() => started.close());
  return started;
}

describe('webhook durability', () => {
  it('delivers an event after the server is killed with SIGKILL between retries', { timeout: 90_000 }, async () => {
    let recovered = false;
    const hook = await receiver(() => (recovered ? 200 : 500));
    const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-hooks-data-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env = { PASOKH_CONFIG: configFile(hook.url) };
    let server: ServerChild = await startServerChild({ port, dataDir, env });
    cleanups.push(() => server.kill('SIGKILL'));

    const socket = io(`${server.url}/visitor`, {
      auth: { site: 'default' },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    cleanups.push(() => void socket.disconnect());
    const ack = await socket.timeout(10_000).emitWithAck('message:send', { clientId: randomUUID(), text: 'survive this' });
    expect(ack.ok).toBe(true);
    socket.disconnect();

    await hook.until('two failed attempts', (all) => all.length >= 2, 15_000);
    await server.kill('SIGKILL');
    const failed = hook.requests.length;
    const eventId = hook.requests[0]!.headers['x-pasokh-delivery'];
    recovered = true;

    server = await startServerChild({ port, dataDir, env });
    // A delivery claimed just before the kill waits out its lease (15 s) before a retry.
    await hook.until('the event is accepted', (all) => all.some((r) => r.status === 200), 35_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const accepted = hook.requests.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.headers['x-pasokh-delivery']).toBe(eventId);
    expect(JSON.parse(accepted[0]!.body)).toMatchObject({
      id: eventId,
      type: 'message.created',
      data: { message: { text: 'survive this' } },
    });
    expect(hook.requests.length).toBe(failed + 1);
  });
});

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('webhook workers on PostgreSQL', () => {
  it('never has two processes deliver the same event', async () => {
    const schema = `pasokh_test_${randomBytes(6).toString('hex')}`;
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    });
    const inFlight = new Set<string>();
    let overlapped = 0;
    const hook = await receiver(async (request) => {
      const id = String(request.headers['x-pasokh-delivery']);
      if (inFlight.has(id)) overlapped++;
      inFlight.add(id);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight.delete(id);
      return 200;
    });
    const config = loadConfig({ PASOKH_CONFIG: configFile(hook.url), NODE_ENV: 'test' });
    const stores: Store[] = [];
    for (let i = 0; i < 2; i++) {
      const store = await createPostgresStore({ url, schema, outbox: true });
      stores.push(store);
      cleanups.push(() => store.close());
    }
    const visitor = await stores[0]!.createVisitor({ site: 'default', tokenHash: 'h' });
    for (let i = 0; i < 40; i++) {
      await stores[i % 2]!.appendVisitorMessage({
        site: 'default',
        visitorId: visitor.id,
        message: { clientId: randomUUID(), author: { kind: 'visitor' }, text: `m${i}` },
      });
    }
    const workers = stores.map((store) =>
      createOutboxWorker({
        store,
        channels: [createWebhookChannel({ sites: () => config.sites, store, conversationUrl: () => 'x' })],
        logger: pino({ level: 'silent' }),
        pollMs: 10,
      }),
    );
    for (const worker of workers) {
      worker.start();
      cleanups.push(() => worker.stop());
    }
    await hook.until('40 events', (all) => all.length >= 40, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = hook.requests.map((r) => String(r.headers['x-pasokh-delivery']));
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(overlapped).toBe(0);
  });
});
