/**
 * Password guessing: the limit holds against a parallel wave, and an unknown email takes as long
 * to refuse as a known one (no email enumeration by timing).
 */
import { afterEach, expect, it } from 'vitest';
import { ADMIN, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const attempt = (url: string, email: string, password: string) =>
  fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

it('judges only as many guesses of a parallel wave as the limit allows; the rest are rate_limited', async () => {
  h = await startHarness({ deps: { limits: { loginsPer15m: 10 } } });
  const wave = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(h!.url, ADMIN.email, `wrong-guess-${i}`)));
  const statuses = wave.map((r) => r.status);
  expect(statuses.filter((s) => s === 401)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(30);
  // Even the right password now waits out the window.
  expect((await attempt(h.url, ADMIN.email, ADMIN.password)).status).toBe(429);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeOne(url: string, email: string): Promise<number> {
  const started = performance.now();
  const response = await attempt(url, email, 'not-the-password');
  await response.arrayBuffer();
  expect(response.status).toBe(401);
  return performance.now() - started;
}

it('takes about as long to refuse an unknown email as a known one', async () => {
  h = await startHarness({ deps: { limits: { loginsPer15m: 1000 } } });
  const known: number[] = [];
  const unknown: number[] = [];
  // Interleaved, so a burst of load on the machine hits both alike.
  for (let i = 0; i < 15; i++) {
    known.push(await timeOne(h.url, ADMIN.email));
    unknown.push(await timeOne(h.url, `nobody-${i}@example.com`));
  }
  const ratio = median(unknown) / median(known);
  console.log(
    `login refusal median: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
  );
  expect(ratio).toBeGreaterThan(0.6);
  expect(ratio).toBeLessThan(1.67);
});
