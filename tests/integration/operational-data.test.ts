/**
 * Operational data is not public: /metrics needs the bearer token when one is set and answers
 * only direct loopback requests when none is, and the widget's build manifest is not served.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const TOKEN = 'a-metrics-token-of-some-length';

describe('/metrics', () => {
  it('without a token, answers a direct loopback request but not one a proxy forwarded', async () => {
    h = await startHarness();
    const direct = await fetch(`${h.url}/metrics`);
    expect(direct.status).toBe(200);
    expect(await direct.text()).toMatch(/^pasokh_messages_total /m);
    for (const header of [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }] as Record<string, string>[]) {
      const forwarded = await fetch(`${h.url}/metrics`, { headers: header });
      expect(forwarded.status).toBe(403);
      expect(await forwarded.text()).not.toMatch(/pasokh_/);
    }
  });

  it('with PASOKH_METRICS_TOKEN, answers only the right bearer token, even on loopback', async () => {
    h = await startHarness({ env: { PASOKH_METRICS_TOKEN: TOKEN } });
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const refused = await fetch(`${h.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(refused.status, String(authorization)).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    const allowed = await fetch(`${h.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.9' },
    });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^pasokh_messages_total /m);
  });
});

it('does not serve the widget’s build manifest, while its chunks stay public', async () => {
  h = await startHarness();
  const manifest = await fetch(`${h.url}/widget/.vite/manifest.json`);
  expect(manifest.status).toBe(404);
  await manifest.arrayBuffer();
  const chunk = /app-[\w-]+\.js/.exec(await (await fetch(`${h.url}/pasokh.js`)).text())?.[0];
  const served = await fetch(`${h.url}/widget/${chunk}`);
  expect(served.status).toBe(200);
  await served.arrayBuffer();
});
