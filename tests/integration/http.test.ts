import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextEvent, startHarness, ADMIN, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { PASOKH_ALLOWED_ORIGINS: 'https://shop.example' } });
});
afterEach(async () => {
  await h.stop();
});

const json = (body: unknown, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...extra },
  body: JSON.stringify(body),
});

describe('the FAQ API', () => {
  it('serves the search payload with an ETag and answers 304 when nothing changed', async () => {
    const first = await fetch(`${h.url}/api/faq?site=default`, { headers: { origin: 'https://shop.example' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const payload = (await first.json()) as { docs: { id: string; excerpt: string }[]; index: unknown };
    expect(payload.docs.length).toBeGreaterThanOrEqual(40);
    expect(payload.index).toBeTruthy();
    const again = await fetch(`${h.url}/api/faq?site=default`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('lists the most viewed answers first in the payload, for the list shown with no query or no hit', async () => {
    const views = ['en-shipping-cost', 'en-shipping-cost', 'en-refund-policy'].map((articleId) => ({ kind: 'view', articleId }));
    // Analytics count only for a visitor the server issued a token to.
    const minted = await fetch(`${h.url}/api/visitors`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
      body: JSON.stringify({ site: 'default' }),
    });
    const { token } = (await minted.json()) as { token: string };
    const sent = await fetch(`${h.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
      body: JSON.stringify({ site: 'default', token, events: views }),
    });
    expect(sent.status).toBe(202);
    const response = await fetch(`${h.url}/api/faq?site=default`);
    const payload = (await response.json()) as { popular?: string[]; version: string };
    expect(payload.popular).toEqual(['en-shipping-cost', 'en-refund-policy']);
    expect(response.headers.get('etag')).not.toBe(`"${payload.version}"`);
    const again = await fetch(`${h.url}/api/faq?site=default`, { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('serves one answer as sanitised HTML and a JSON 404 for an unknown one', async () => {
    const payload = (await (await fetch(`${h.url}/api/faq?site=default`)).json()) as { docs: { id: string }[] };
    const id = payload.docs[0]!.id;
    const article = (await (await fetch(`${h.url}/api/faq/${encodeURIComponent(id)}?site=default`)).json()) as {
      id: string;
      html: string;
    };
    expect(article.id).toBe(id);
    expect(article.html).toMatch(/<p>|<ul>|<ol>/);
    expect(article.html).not.toMatch(/<script/i);
    const missing = await fetch(`${h.url}/api/faq/nope?site=default`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses pages from origins the site does not allow, and unknown sites', async () => {
    const evil = await fetch(`${h.url}/api/faq?site=default`, { headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect((await fetch(`${h.url}/api/faq?site=nope`)).status).toBe(404);
    expect((await fetch(`${h.url}/api/faq`)).status).toBe(400);
  });

  it('stores analytics beacons sent as text/plain and shows them in insights', async () => {
    const minted = await fetch(`${h.url}/api/visitors`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' },
      body: JSON.stringify({ site: 'default' }),
    });
    const { token } = (await minted.json()) as { token: string };
    const beacon = {
      site: 'default',
      token,
      events: [
        { kind: 'search', query: 'gift wrapping', hits: 0 },
        { kind: 'search', query: 'Gift wrapping ', hits: 0 },
        { kind: 'view', articleId: 'en-refund-policy' },
        { kind: 'helpful', articleId: 'en-refund-policy', helpful: false },
      ],
    };
    const sent = await fetch(`${h.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' },
      body: JSON.stringify(beacon),
    });
    expect(sent.status).toBe(202);
    const cookie = await h.login();
    const insights = (await (await fetch(`${h.url}/api/insights?days=7`, { headers: { cookie } })).json()) as {
      faq: { searches: number; zeroHit: { query: string; count: number }[]; helpful: { articleId: string; no: number }[] };
    };
    expect(insights.faq.searches).toBe(2);
    expect(insights.faq.zeroHit[0]).toEqual({ query: 'gift wrapping', count: 2 });
    expect(insights.faq.helpful).toContainEqual(expect.objectContaining({ articleId: 'en-refund-policy', no: 1 }));
  });

  it('rejects bad beacons with a clear error and stores nothing', async () => {
    for (const body of [
      '{not json',
      JSON.stringify({ site: 'default', events: [] }),
      JSON.stringify({ site: 'default', events: [{ kind: 'hack' }] }),
    ]) {
      const response = await fetch(`${h.url}/api/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_payload' } });
    }
    const insights = await h.store.faqInsights('default', new Date(0).toISOString());
    expect(insights.searches).toBe(0);
  });

  it('refuses a body over the size cap with too_large', async () => {
    const response = await fetch(`${h.url}/api/login`, json({ email: 'a@b.c', password: 'x'.repeat(70 * 1024) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'too_large' } });
  });
});

describe('agent sign-in', () => {
  it('sets an httpOnly SameSite session cookie and knows who is signed in', async () => {
    const response = await fetch(`${h.url}/api/login`, json(ADMIN));
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/pasokh_session=[A-Za-z0-9_-]{43}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${h.url}/api/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toMatchObject({ agent: { email: ADMIN.email, role: 'admin' } });
  });

  it('says "Wrong email or password" for either mistake, and stops guessing after 10 tries', async () => {
    const wrong = await fetch(`${h.url}/api/login`, json({ email: ADMIN.email, password: 'nope-nope' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { code: 'unauthorized', message: 'Wrong email or password.' } });
    const unknown = await fetch(`${h.url}/api/login`, json({ email: 'who@example.com', password: 'nope-nope' }));
    expect(await unknown.json()).toEqual({ error: { code: 'unauthorized', message: 'Wrong email or password.' } });
    for (let i = 0; i < 9; i++) await fetch(`${h.url}/api/login`, json({ email: ADMIN.email, password: 'nope-nope' }));
    const locked = await fetch(`${h.url}/api/login`, json(ADMIN));
    expect(locked.status).toBe(429);
  });

  it('ends the session on logout', async () => {
    const cookie = await h.login();
    expect((await fetch(`${h.url}/api/logout`, { method: 'POST', headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${h.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('lets an admin add an agent, and disabling that agent closes its socket', async () => {
    const admin = await h.login();
    const created = await fetch(
      `${h.url}/api/agents`,
      json({ email: 'Bob@Example.com', name: 'Bob', password: 'bob-password-1' }, { cookie: admin }),
    );
    expect(created.status).toBe(201);
    const { agent } = (await created.json()) as { agent: { id: string; email: string; role: string } };
    expect(agent).toMatchObject({ email: 'bob@example.com', role: 'agent' });

    const bobCookie = await h.login('bob@example.com', 'bob-password-1');
    const bob = await h.agent(bobCookie);
    const forbidden = await fetch(
      `${h.url}/api/agents`,
      json({ email: 'eve@example.com', name: 'Eve', password: 'eve-password-1' }, { cookie: bobCookie }),
    );
    expect(forbidden.status).toBe(403);

    const gone = nextEvent<string>(bob, 'disconnect');
    const disabled = await fetch(`${h.url}/api/agents/${agent.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await fetch(`${h.url}/api/me`, { headers: { cookie: bobCookie } })).status).toBe(401);
  });

  it('keeps saved replies for the team', async () => {
    const cookie = await h.login();
    const created = await fetch(
      `${h.url}/api/saved-replies`,
      json({ title: 'Greeting', text: 'Hi {name}, I am {agent}.' }, { cookie }),
    );
    expect(created.status).toBe(201);
    const list = (await (await fetch(`${h.url}/api/saved-replies`, { headers: { cookie } })).json()) as {
      replies: { title: string; text: string }[];
    };
    expect(list.replies).toEqual([expect.objectContaining({ title: 'Greeting', text: 'Hi {name}, I am {agent}.' })]);
    const bad = await fetch(`${h.url}/api/saved-replies`, json({ title: '', text: 'x' }, { cookie }));
    expect(bad.status).toBe(400);
  });
});

describe('operations', () => {
  it('answers health and Prometheus metrics', async () => {
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({ ok: true });
    const { socket } = await h.visitor();
    await socket
      .timeout(5000)
      .emitWithAck('message:send', { clientId: 'c0ffee00-0000-4000-8000-000000000001', text: 'count me' });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/^pasokh_messages_total 1$/m);
    expect(metrics).toMatch(/^pasokh_visitor_sockets 1$/m);
    // One durable commit observed: counted once, in the +Inf bucket and in every bucket at or
    // above its time; the buckets are cumulative, so they never decrease.
    expect(metrics).toMatch(/^# TYPE pasokh_message_commit_seconds histogram$/m);
    expect(metrics).toMatch(/^pasokh_message_commit_seconds_count 1$/m);
    expect(metrics).toMatch(/^pasokh_message_commit_seconds_bucket\{le="\+Inf"\} 1$/m);
    const buckets = [...metrics.matchAll(/^pasokh_message_commit_seconds_bucket\{le="([\d.]+)"\} (\d+)$/gm)].map((m) =>
      Number(m[2]),
    );
    expect(buckets.length).toBeGreaterThan(5);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(buckets.at(-1)).toBe(1);
  });

  it('answers unknown routes with a JSON 404, never a stack trace', async () => {
    const response = await fetch(`${h.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('widget assets', () => {
  it('serves the loader and the ES module revalidated, hashed chunks immutable, all embeddable from any origin', async () => {
    const loader = await fetch(`${h.url}/pasokh.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    const module = await fetch(`${h.url}/widget/pasokh.mjs`);
    expect(module.status).toBe(200);
    expect(module.headers.get('cache-control')).toBe('public, max-age=300');
    await module.arrayBuffer();
    const source = await loader.text();
    const chunk = /app-[\w-]+\.js/.exec(source)?.[0];
    expect(chunk, 'the loader names its hashed app chunk').toBeTruthy();
    const app = await fetch(`${h.url}/widget/${chunk}`);
    expect(app.status).toBe(200);
    expect(app.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    expect(app.headers.get('access-control-allow-origin')).toBe('*');
    await app.arrayBuffer();
  });

  it('gives the widget its site’s look and presence', async () => {
    const config = (await (await fetch(`${h.url}/api/widget-config?site=default`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      site: 'default',
      locale: 'en',
      color: '#0f766e',
      position: 'right',
      presence: { online: false, replyMinutes: null },
    });
  });
});
