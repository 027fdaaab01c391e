/**
 * Webhook and Slack endpoints added in the console, on SQLite and PostgreSQL: a real HTTP
 * receiver on 127.0.0.1 gets signed events once an admin adds it through the API (with no
 * endpoint in the config, so the store starts writing events when the first one appears);
 * editing, turning off, deleting and "Send test event"; what the API refuses; the audit log.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookSaved, WebhooksResponse, WebhookTestResult } from '../../protocol/integrations.js';
import { createPostgresStore } from '../../server/store/postgres.js';
import { startHarness, type Harness } from './harness.js';
import { startReceiver, type Receiver } from './receivers.js';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONFIG_HOOK = 'https://crm.example/pasokh?token=abc';
let harness: Harness | undefined;
const receivers: Receiver[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  for (const receiver of receivers.splice(0)) await receiver.close();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receiver(answer?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(answer);
  receivers.push(started);
  return started;
}

/** A fresh PostgreSQL schema, dropped after the test. */
function postgresStore(outbox: boolean) {
  const schema = `pasokh_test_${randomBytes(6).toString('hex')}`;
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });
  return createPostgresStore({ url: PG_URL, schema, outbox });
}

async function start(database: 'sqlite' | 'postgres', configWebhooks: object[] = []): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-hooks-console-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'pasokh.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      deliveryRetrySeconds: 0.05,
      sites: [
        { key: 'default', name: 'Shop', webhooks: configWebhooks },
        { key: 'blog', name: 'Blog', allowedOrigins: ['https://blog.example'] },
      ],
    }),
  );
  harness = await startHarness({
    env: { PASOKH_CONFIG: file },
    ...(database === 'postgres' && { openStore: postgresStore }),
  });
  return harness;
}

async function api<T>(
  h: Harness,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function signedBy(secret: string, headers: Record<string, unknown>, body: string): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(`${headers['x-pasokh-timestamp']}.${body}`).digest('hex')}`;
  const given = String(headers['x-pasokh-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function visitorSays(h: Harness, text: string): Promise<void> {
  const { socket } = await h.visitor();
  const sent = await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text });
  expect(sent.ok).toBe(true);
  socket.disconnect();
}

describe.each(['sqlite', 'postgres'] as const)('webhook endpoints added in the console (%s)', (database) => {
  it('delivers signed events to an endpoint added through the API, with the secret shown once', async () => {
    const hook = await receiver();
    const h = await start(database);
    const cookie = await h.login();
    // Nothing consumes events yet: a message now is never delivered anywhere.
    await visitorSays(h, 'before any endpoint');

    const added = await api<WebhookSaved>(h, cookie, 'POST', '/api/console/webhooks', {
      site: 'default',
      type: 'webhook',
      url: hook.url,
      events: ['message.created'],
    });
    expect(added.status).toBe(201);
    const secret = added.body.secret!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(added.body.endpoint).toMatchObject({
      source: 'console',
      site: 'default',
      type: 'webhook',
      url: hook.url,
      enabled: true,
    });

    await visitorSays(h, 'Is the samovar in stock?');
    await hook.until('the event arrived', (all) => all.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    const body = JSON.parse(request!.body) as { type: string; site: string; data: { message: { text: string } } };
    expect(body).toMatchObject({
      type: 'message.created',
      site: 'default',
      data: { message: { text: 'Is the samovar in stock?' } },
    });
    expect(request!.headers['x-pasokh-event']).toBe('message.created');
    expect(signedBy(secret, request!.headers, request!.body)).toBe(true);
    expect(signedBy('whsec_another-secret-entirely', request!.headers, request!.body)).toBe(false);

    // The list never carries the secret; the audit log names who added what, without it.
    const listed = await api<WebhooksResponse>(h, cookie, 'GET', '/api/console/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.endpoints).toEqual([added.body.endpoint]);
    expect(listed.body.sites.map((s) => s.key)).toEqual(['default', 'blog']);
    const audit = await h.store.listAudit();
    expect(audit[0]).toMatchObject({ actor: 'admin@example.com', action: 'webhook.add', target: added.body.endpoint.id });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('edits, turns off, tests and deletes an endpoint, each change in the audit log', async () => {
    const hook = await receiver();
    const h = await start(database);
    const cookie = await h.login();
    const added = await api<WebhookSaved>(h, cookie, 'POST', '/api/console/webhooks', {
      site: 'default',
      type: 'webhook',
      url: hook.url,
      secret: 'my-own-secret-0123456789',
      events: ['conversation.created'],
    });
    expect(added.body.secret).toBe('my-own-secret-0123456789');
    const id = added.body.endpoint.id!;

    const tested = await api<WebhookTestResult>(h, cookie, 'POST', `/api/console/webhooks/${id}/test`, {});
    expect(tested.body).toEqual({ ok: true, responseCode: 200, error: null });
    expect(JSON.parse(hook.requests[0]!.body)).toMatchObject({ type: 'webhook.test', site: 'default' });
    expect(signedBy('my-own-secret-0123456789', hook.requests[0]!.headers, hook.requests[0]!.body)).toBe(true);

    // Edited to message.created, secret kept (none given): the next message is signed with it.
    const edited = await api<WebhookSaved>(h, cookie, 'PUT', `/api/console/webhooks/${id}`, {
      site: 'default',
      type: 'webhook',
      url: hook.url,
      events: ['message.created'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.secret).toBeNull();
    await visitorSays(h, 'first');
    await hook.until('the message event', (all) => all.length === 2);
    expect(JSON.parse(hook.requests[1]!.body)).toMatchObject({ type: 'message.created' });
    expect(signedBy('my-own-secret-0123456789', hook.requests[1]!.headers, hook.requests[1]!.body)).toBe(true);

    // Turned off: nothing more arrives.
    const off = await api<WebhookSaved>(h, cookie, 'PUT', `/api/console/webhooks/${id}`, {
      site: 'default',
      type: 'webhook',
      events: ['message.created'],
      enabled: false,
    });
    expect(off.body.endpoint.enabled).toBe(false);
    await visitorSays(h, 'second');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(hook.requests).toHaveLength(2);

    expect((await api(h, cookie, 'DELETE', `/api/console/webhooks/${id}`)).status).toBe(204);
    expect((await api(h, cookie, 'DELETE', `/api/console/webhooks/${id}`)).status).toBe(404);
    expect((await api<WebhooksResponse>(h, cookie, 'GET', '/api/console/webhooks')).body.endpoints).toEqual([]);
    expect((await h.store.listAudit()).slice(0, 4).map((e) => [e.action, e.target])).toEqual([
      ['webhook.remove', id],
      ['webhook.update', id],
      ['webhook.update', id],
      ['webhook.add', id],
    ]);
  });
});

describe('the console webhooks API', () => {
  it('shows config endpoints read-only, and refuses bad input, non-admins and other origins', async () => {
    const h = await start('sqlite', [{ url: CONFIG_HOOK, secret: 'whsec-0123456789abcdef', events: ['message.created'] }]);
    const cookie = await h.login();
    const listed = await api<WebhooksResponse>(h, cookie, 'GET', '/api/console/webhooks');
    expect(listed.body.endpoints).toEqual([
      {
        id: null,
        source: 'config',
        site: 'default',
        type: 'webhook',
        url: 'https://crm.example/pasokh',
        events: ['message.created'],
        enabled: true,
      },
    ]);

    const good = { site: 'default', type: 'webhook', url: 'https://hooks.example/in', events: ['message.created'] };
    const refusals: [object, RegExp][] = [
      [{ ...good, url: 'ftp://hooks.example/in' }, /http/],
      [{ ...good, url: 'javascript:alert(1)' }, /http/],
      [{ ...good, url: 'https://user:pass@hooks.example/in' }, /user name or password/],
      [{ ...good, events: ['message.deleted'] }, /must be among/],
      [{ ...good, events: [] }, /at least one event/],
      [{ ...good, site: 'nowhere' }, /no site "nowhere"/],
      [{ ...good, secret: 'short' }, /at least 16/],
      [{ ...good, extra: true }, /.+/],
    ];
    for (const [body, message] of refusals) {
      const refused = await api<{ error: { code: string; message: string } }>(h, cookie, 'POST', '/api/console/webhooks', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.message).toMatch(message);
    }
    const twice = await api(h, cookie, 'POST', '/api/console/webhooks', { ...good, url: CONFIG_HOOK });
    expect(twice.status).toBe(409);

    const agentCookie = await h.addAgent('sam@example.com', 'Sam');
    expect((await api(h, agentCookie, 'GET', '/api/console/webhooks')).status).toBe(403);
    expect((await api(h, agentCookie, 'POST', '/api/console/webhooks', good)).status).toBe(403);
    expect((await api(h, '', 'GET', '/api/console/webhooks')).status).toBe(401);
    const forged = await api(h, cookie, 'POST', '/api/console/webhooks', good, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);

    // Slack: no secret, and its URL (the credential) is never sent back.
    const slack = await api<WebhookSaved>(h, cookie, 'POST', '/api/console/webhooks', {
      site: 'blog',
      type: 'slack',
      url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET',
      events: ['offline.message'],
    });
    expect(slack.status).toBe(201);
    expect(slack.body.secret).toBeNull();
    expect(slack.body.endpoint.url).toBe('https://hooks.slack.com/…');
    const all = await api<WebhooksResponse>(h, cookie, 'GET', '/api/console/webhooks');
    expect(JSON.stringify(all.body)).not.toContain('XXXXSECRET');
    expect(JSON.stringify(await h.store.listAudit())).not.toContain('XXXXSECRET');
  });

  it('posts a Slack test message to a Slack endpoint', async () => {
    const slack = await receiver();
    const h = await start('sqlite');
    const cookie = await h.login();
    const added = await api<WebhookSaved>(h, cookie, 'POST', '/api/console/webhooks', {
      site: 'default',
      type: 'slack',
      url: slack.url,
      events: ['offline.message'],
    });
    const tested = await api<WebhookTestResult>(h, cookie, 'POST', `/api/console/webhooks/${added.body.endpoint.id}/test`, {});
    expect(tested.body.ok).toBe(true);
    expect(JSON.parse(slack.requests[0]!.body)).toEqual({
      text: '*Test from Pasokh* · Shop\nThis channel will get: offline.message',
    });
    expect(slack.requests[0]!.headers['x-pasokh-signature']).toBeUndefined();
  });
});

describe('endpoints added in another process', () => {
  it('make a PostgreSQL store opened without outbox events start writing them within seconds', { timeout: 30_000 }, async () => {
    const schema = `pasokh_test_${randomBytes(6).toString('hex')}`;
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    });
    const adding = await createPostgresStore({ url: PG_URL, schema, outbox: false });
    cleanups.push(() => adding.close());
    const writing = await createPostgresStore({ url: PG_URL, schema, outbox: false });
    cleanups.push(() => writing.close());
    const visitor = await writing.createVisitor({ site: 'default', tokenHash: 'h' });
    const say = (text: string) =>
      writing.appendVisitorMessage({
        site: 'default',
        visitorId: visitor.id,
        message: { clientId: randomUUID(), author: { kind: 'visitor' }, text },
      });
    await say('nobody listens yet');
    expect(await writing.pendingEvents(10)).toEqual([]);

    await adding.saveWebhookEndpoint({
      site: 'default',
      type: 'webhook',
      url: 'https://hooks.example/in',
      secret: 'whsec-0123456789abcdef',
      events: ['message.created'],
      enabled: true,
    });
    const started = Date.now();
    while ((await writing.pendingEvents(10)).length === 0) {
      expect(Date.now() - started, 'the other store noticed the endpoint').toBeLessThan(10_000);
      await say(`after ${Date.now() - started} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const events = await writing.pendingEvents(10);
    expect(events.map((e) => e.type)).toContain('message.created');
  });
});
