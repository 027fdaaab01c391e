/**
 * Clickjacking: every path that answers with the console's HTML forbids framing and is
 * revalidated, and neither the console nor the demo page is readable from any origin.
 * Needs the built console (`npm run build`, which `npm test` runs first).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

it.each(['/console', '/console/', '/console/index.html'])(
  'serves %s with the console’s CSP, X-Frame-Options and no long cache',
  async (path) => {
    const response = await fetch(`${h.url}${path}`, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/<div id="app"|<script/);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  },
);

it.each(['/', '/fa'])('never lets another origin read the demo page %s', async (path) => {
  const response = await fetch(`${h.url}${path}`, { headers: { origin: 'https://evil.example' } });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
});
