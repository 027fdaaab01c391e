/**
 * Webhooks and Slack against real HTTP receivers on 127.0.0.1: signed bodies a receiver can
 * verify, retries until an endpoint recovers, each event accepted once, Slack-format posts,
 * and the deliveries the console lists and resends.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveriesResponse } from '../../protocol/integrations.js';
import { startHarness, type Harness } from './harness.js';
import { startReceiver, type Receiver } from './receivers.js';

const SECRET = 'whsec-0123456789abcdef';
let harness: Harness | undefined;
const receivers: Receiver[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  for (const receiver of receivers.splice(0)) await receiver.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function receiver(answer?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(answer);
  receivers.push(started);
  return started;
}

async function start(webhooks: object[], extra: object = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-hooks-'));
  dirs.push(dir);
  const file = join(dir, 'pasokh.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      deliveryRetrySeconds: 0.05,
      publicUrl: 'https://help.shop.example',
      sites: [{ key: 'default', webhooks }],
      ...extra,
    }),
  );
  harness = await startHarness({ env: { PASOKH_CONFIG: file } });
  return harness;
}

/** The check the README gives receivers, written from the spec rather than imported. */
function signedBy(secret: string, headers: Record<string, unknown>, body: string): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(`${headers['x-pasokh-timestamp']}.${body}`).digest('hex')}`;
  const given = String(headers['x-pasokh-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** The README's five-line check, run as written: the ```js block after "five lines of Node". */
function readmeCheck(): (secret: string, timestamp: unknown, rawBody: string, signature: unknown) => boolean {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const code = /five lines of Node:\n\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (code === undefined) throw new Error('the README has no five-line signature check');
  expect(code.trim().split('\n')).toHaveLength(5);
  return new Function('require', `${code}\nreturn fromPasokh;`)(createRequire(import.meta.url));
}

function bodies(r: Receiver): { id: string; type: string; createdAt: string; site: string; data: Record<string, unknown> }[] {
  return r.requests.filter((q) => q.status === 200).map((q) => JSON.parse(q.body));
}

describe('webhooks', () => {
  it('posts each subscribed event once, signed with the endpoint secret, with the X-Pasokh headers', async () => {
    const hook = await receiver();
    const h = await start([
      {
        url: hook.url,
        secret: SECRET,
        events: ['conversation.created', 'message.created', 'conversation.assigned', 'conversation.closed', 'survey.answered'],
      },
    ]);
    const { socket } = await h.visitor();
    const sent = await socket.timeout(5000).emitWithAck('message:send', {
      clientId: randomUUID(),
      text: 'Where is my order?',
      context: { url: 'https://shop.example/orders', title: 'Orders' },
    });
    expect(sent.ok).toBe(true);
    const conversationId = sent.ok ? sent.conversationId : '';
    const agent = await h.agent();
    expect((await agent.timeout(5000).emitWithAck('conversation:claim', { conversationId })).ok).toBe(true);
    expect(
      (
        await agent
          .timeout(5000)
          .emitWithAck('message:send', { conversationId, clientId: randomUUID(), text: 'Looking now', internal: true })
      ).ok,
    ).toBe(true);
    expect((await agent.timeout(5000).emitWithAck('conversation:close', { conversationId })).ok).toBe(true);
    expect((await socket.timeout(5000).emitWithAck('survey:answer', { conversationId, score: 10 })).ok).toBe(true);

    await hook.until('five events arrived', (all) => all.length >= 5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const events = bodies(hook);
    expect(events.map((e) => e.type)).toEqual([
      'conversation.created',
      'message.created',
      'conversation.assigned',
      'conversation.closed',
      'survey.answered',
    ]);
    expect(events[1]).toMatchObject({
      site: 'default',
      data: {
        conversationId,
        page: { url: 'https://shop.example/orders', title: 'Orders' },
        message: { text: 'Where is my order?', seq: 1 },
      },
    });
    expect(Object.keys(events[0]!)).toEqual(['id', 'type', 'createdAt', 'site', 'data']);
    for (const request of hook.requests) {
      const body = JSON.parse(request.body) as { id: string; type: string };
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-pasokh-event']).toBe(body.type);
      expect(request.headers['x-pasokh-delivery']).toBe(body.id);
      expect(Math.abs(Number(request.headers['x-pasokh-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
      expect(signedBy(SECRET, request.headers, request.body)).toBe(true);
      expect(signedBy('another-secret-of-16+', request.headers, request.body)).toBe(false);
    }
  });

  it('delivers bodies that the README’s five-line check accepts, and the check refuses a changed body or secret', async () => {
    const check = readmeCheck();
    const hook = await receiver();
    const h = await start([{ url: hook.url, secret: SECRET, events: ['message.created'] }]);
    const { socket } = await h.visitor();
    expect((await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'Check me' })).ok).toBe(true);
    await hook.until('the event arrived', (all) => all.length === 1);
    const [request] = hook.requests;
    const { headers, body } = request!;
    expect(check(SECRET, headers['x-pasokh-timestamp'], body, headers['x-pasokh-signature'])).toBe(true);
    expect(
      check(SECRET, headers['x-pasokh-timestamp'], body.replace('Check me', 'Check you'), headers['x-pasokh-signature']),
    ).toBe(false);
    expect(check('another-secret-of-16+', headers['x-pasokh-timestamp'], body, headers['x-pasokh-signature'])).toBe(false);
    expect(check(SECRET, headers['x-pasokh-timestamp'], body, undefined)).toBe(false);
  });

  it('retries an endpoint that fails its first three answers until each event is accepted exactly once', async () => {
    const accepted = new Map<string, number>();
    const hook = await receiver((request, before) => {
      if (before.length < 3) return 503;
      const id = String(request.headers['x-pasokh-delivery']);
      // Dedup by delivery id, as the README tells receivers to.
      accepted.set(id, (accepted.get(id) ?? 0) + 1);
      return 200;
    });
    const h = await start([{ url: hook.url, secret: SECRET, events: ['message.created'] }]);
    const { socket } = await h.visitor();
    const texts = ['one', 'two', 'three', 'four'];
    for (const text of texts)
      expect((await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text })).ok).toBe(true);

    await hook.until('all four accepted', () => accepted.size === 4, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...accepted.values()]).toEqual([1, 1, 1, 1]);
    expect(
      bodies(hook)
        .map((e) => (e.data.message as { text: string }).text)
        .sort(),
    ).toEqual([...texts].sort());
    expect(hook.requests.filter((r) => r.status === 503)).toHaveLength(3);

    const admin = await h.login();
    const listed = (await (await fetch(`${h.url}/api/deliveries`, { headers: { cookie: admin } })).json()) as DeliveriesResponse;
    expect(listed.deliveries).toHaveLength(4);
    expect(listed.deliveries.every((d) => d.status === 'delivered' && d.responseCode === 200 && d.nextAttemptAt === null)).toBe(
      true,
    );
    expect(listed.deliveries.reduce((n, d) => n + d.attempts, 0)).toBe(7);
    expect(listed.deliveries.every((d) => d.destination === hook.url)).toBe(true);
  });

  it('lists deliveries to admins only, and resends one with the same delivery id', async () => {
    const hook = await receiver();
    const h = await start([{ url: hook.url, secret: SECRET, events: ['conversation.created'] }]);
    const { socket } = await h.visitor();
    await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'hi' });
    await hook.until('the event arrived', (all) => all.length === 1);
    const first = JSON.parse(hook.requests[0]!.body) as { id: string };

    const agentCookie = await h.addAgent('sam@example.com', 'Sam');
    expect((await fetch(`${h.url}/api/deliveries`, { headers: { cookie: agentCookie } })).status).toBe(403);
    expect((await fetch(`${h.url}/api/deliveries`)).status).toBe(401);

    const admin = await h.login();
    const listed = (await (await fetch(`${h.url}/api/deliveries`, { headers: { cookie: admin } })).json()) as DeliveriesResponse;
    expect(listed).toMatchObject({ email: 'off', webhooks: 1 });
    expect(listed.deliveries[0]).toMatchObject({
      eventId: first.id,
      eventType: 'conversation.created',
      status: 'delivered',
      attempts: 1,
      target: 'webhook',
    });

    const resent = await fetch(`${h.url}/api/deliveries/${listed.deliveries[0]!.id}/resend`, {
      method: 'POST',
      headers: { cookie: admin },
    });
    expect(resent.status).toBe(200);
    await hook.until('the resend arrived', (all) => all.length === 2);
    expect(hook.requests[1]!.headers['x-pasokh-delivery']).toBe(first.id);
    expect(hook.requests[1]!.body).toBe(hook.requests[0]!.body);
    expect((await fetch(`${h.url}/api/deliveries/nope/resend`, { method: 'POST', headers: { cookie: admin } })).status).toBe(404);
  });
});

describe('Slack', () => {
  it('posts a readable message: the visitor, the page, the message and a link to the conversation', async () => {
    const slack = await receiver();
    const h = await start([{ type: 'slack', url: slack.url, events: ['message.created'] }]);
    const { socket } = await h.visitor({ user: { id: 'u-1', name: 'Reza <b>', email: 'reza@example.com' } });
    const sent = await socket.timeout(5000).emitWithAck('message:send', {
      clientId: randomUUID(),
      text: 'Refund for order #42 & more',
      context: { url: 'https://shop.example/orders/42', title: 'Order 42' },
    });
    const conversationId = sent.ok ? sent.conversationId : '';
    await slack.until('the post arrived', (all) => all.length === 1);
    const request = slack.requests[0]!;
    expect(request.headers['x-pasokh-signature']).toBeUndefined();
    const { text } = JSON.parse(request.body) as { text: string };
    expect(text).toContain('*New message* · Reza &lt;b&gt; (reza@example.com)');
    expect(text).toContain('Page: <https://shop.example/orders/42|Order 42>');
    expect(text).toContain('> Refund for order #42 &amp; more');
    expect(text).toContain(`<https://help.shop.example/console?conversation=${conversationId}|Open the conversation>`);
  });
});

describe('webhook config', () => {
  it('refuses an endpoint without a secret, or with an unknown event, in a sentence', async () => {
    await expect(start([{ url: 'https://hooks.example/x', events: ['message.created'] }])).rejects.toThrow(/webhooks\[0\]/);
    await expect(start([{ url: 'https://hooks.example/x', secret: SECRET, events: ['message.sent'] }])).rejects.toThrow(
      /must be among conversation\.created/,
    );
  });
});
