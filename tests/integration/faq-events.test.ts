/**
 * The FAQ analytics beacon cannot be used to poison insights: it takes events only from an
 * allowed page with a real visitor token, keeps only articles the site has, and caps each visitor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const SHOP = 'https://shop.example';
const start = (limits: Record<string, number> = {}) => startHarness({ env: { PASOKH_ALLOWED_ORIGINS: SHOP }, deps: { limits } });

function postText(path: string, body: unknown, origin?: string) {
  return fetch(`${h!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...(origin ? { origin } : {}) },
    body: JSON.stringify(body),
  });
}

async function visitorToken(): Promise<string> {
  const response = await postText('/api/visitors', { site: 'default' }, SHOP);
  expect(response.status).toBe(201);
  expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
  const { token } = (await response.json()) as { token: string };
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return token;
}

const search = (query: string) => ({ kind: 'search', query, hits: 0 });
const searches = async () => (await h!.store.faqInsights('default', new Date(0).toISOString())).searches;

describe('POST /api/events', () => {
  it('refuses a beacon without an allowed Origin or without a real visitor token, and stores nothing', async () => {
    h = await start();
    const token = await visitorToken();
    const refusals: [unknown, string | undefined, number, string][] = [
      [{ site: 'default', token, events: [search('no origin')] }, undefined, 403, 'origin_not_allowed'],
      [{ site: 'default', token, events: [search('foreign')] }, 'https://evil.example', 403, 'origin_not_allowed'],
      [{ site: 'default', events: [search('no token')] }, SHOP, 401, 'unauthorized'],
      [{ site: 'default', token: 'A'.repeat(43), events: [search('made up')] }, SHOP, 401, 'unauthorized'],
    ];
    for (const [body, origin, status, code] of refusals) {
      const response = await postText('/api/events', body, origin);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    }
    expect(await searches()).toBe(0);
  });

  it('stores events of known articles under the visitor and drops unknown article ids', async () => {
    h = await start();
    const token = await visitorToken();
    const events = [
      search('gift wrap'),
      { kind: 'view', articleId: 'en-refund-policy' },
      { kind: 'view', articleId: 'made-up-article' },
      { kind: 'helpful', articleId: 'made-up-article', helpful: false },
      { kind: 'helpful', articleId: 'en-refund-policy', helpful: true },
    ];
    const response = await postText('/api/events', { site: 'default', token, events }, SHOP);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ok: true, stored: 3, dropped: 2 });
    const insights = await h.store.faqInsights('default', new Date(0).toISOString());
    expect(insights.searches).toBe(1);
    expect(JSON.stringify(insights)).not.toContain('made-up-article');
    expect(insights.helpful).toContainEqual(expect.objectContaining({ articleId: 'en-refund-policy', yes: 1 }));
  });

  it('caps the events of each visitor, without stopping another visitor', async () => {
    h = await start({ beaconsPerMinute: 5 });
    const [first, second] = [await visitorToken(), await visitorToken()];
    const three = [search('a'), search('b'), search('c')];
    expect((await postText('/api/events', { site: 'default', token: first, events: three }, SHOP)).status).toBe(202);
    const over = await postText('/api/events', { site: 'default', token: first, events: three }, SHOP);
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await postText('/api/events', { site: 'default', token: second, events: three }, SHOP)).status).toBe(202);
    expect(await searches()).toBe(6);
  });
});

describe('POST /api/visitors', () => {
  it('gives a token only to allowed pages, and only so many new visitors per address', async () => {
    h = await start({ connectionsPerMinute: 2 });
    expect((await postText('/api/visitors', { site: 'default' }, 'https://evil.example')).status).toBe(403);
    expect((await postText('/api/visitors', { site: 'default' })).status).toBe(403);
    expect((await postText('/api/visitors', { site: 'nope' }, SHOP)).status).toBe(404);
    const token = await visitorToken();
    await visitorToken();
    const limited = await postText('/api/visitors', { site: 'default' }, SHOP);
    expect(limited.status).toBe(429);
    // The token is a visitor's: the chat accepts it and keeps it.
    const { hello } = await h.visitor({ token }, { origin: SHOP });
    expect(hello.token).toBe(token);
  });
});
