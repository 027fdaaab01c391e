/**
 * Who may open a visitor connection how often: returning visitors per token, new visitors per
 * address with a burst, and every refusal says `rate_limited` with when to try again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The `err.data` of a refused handshake. */
async function refusal(connecting: Promise<unknown>): Promise<{ code: string; retryAfterMs?: number }> {
  const error = await connecting.then(
    () => {
      throw new Error('the connection was accepted');
    },
    (reason: unknown) => reason as { data?: { code: string; retryAfterMs?: number } },
  );
  return error.data ?? { code: 'none' };
}

describe('visitor connection limits', () => {
  it('lets new visitors from one address in at the steady rate plus the burst, then refuses with rate_limited and a retry time', async () => {
    h = await startHarness({ deps: { limits: { connectionsPerMinute: 3, newVisitorBurstPer10m: 2, reconnectsPerMinute: 5 } } });
    for (let i = 0; i < 5; i++) await h.visitor();
    const refused = await refusal(h.visitor());
    expect(refused.code).toBe('rate_limited');
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('lets every returning visitor back in after the address has used up its new-visitor allowance', async () => {
    h = await startHarness({ deps: { limits: { connectionsPerMinute: 3, newVisitorBurstPer10m: 0, reconnectsPerMinute: 5 } } });
    const first = await Promise.all([h.visitor(), h.visitor(), h.visitor()]);
    expect((await refusal(h.visitor())).code).toBe('rate_limited');
    for (const { socket } of first) socket.disconnect();

    const back = await Promise.all(first.map(({ hello }) => h!.visitor({ token: hello.token })));
    expect(back.map((b) => b.hello.visitorId)).toEqual(first.map((f) => f.hello.visitorId));
  });

  it('counts a returning visitor per token, and charges a token nobody holds to the address', async () => {
    h = await startHarness({ deps: { limits: { connectionsPerMinute: 1, newVisitorBurstPer10m: 0, reconnectsPerMinute: 2 } } });
    const { hello } = await h.visitor();
    await h.visitor({ token: hello.token });
    await h.visitor({ token: hello.token });
    const refused = await refusal(h.visitor({ token: hello.token }));
    expect(refused).toMatchObject({ code: 'rate_limited', retryAfterMs: expect.any(Number) });
    const madeUp = await refusal(h.visitor({ token: 'A'.repeat(43) }));
    expect(madeUp.code).toBe('rate_limited');
  });
});
