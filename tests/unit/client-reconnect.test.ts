import { describe, expect, it } from 'vitest';
import { createReconnector, refusalOf } from '../../client/reconnect.js';

function harness() {
  const sleeps: number[] = [];
  const wakes: (() => void)[] = [];
  let connects = 0;
  const reconnector = createReconnector({
    connect: () => connects++,
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise<void>((resolve) => wakes.push(resolve));
    },
    random: () => 0.5,
  });
  const elapse = async () => {
    wakes.shift()?.();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { reconnector, sleeps, elapse, connects: () => connects };
}

describe('reconnecting after a refusal', () => {
  it('tries again with growing jittered delays from about a second, and starts over once connected', async () => {
    const h = harness();
    for (let i = 0; i < 4; i++) {
      h.reconnector.schedule({ code: 'rate_limited' });
      await h.elapse();
    }
    expect(h.sleeps).toEqual([750, 1500, 3000, 6000]);
    expect(h.connects()).toBe(4);
    h.reconnector.connected();
    h.reconnector.schedule();
    expect(h.sleeps.at(-1)).toBe(750);
  });

  it("waits at least the server's retryAfterMs, and ignores a hint that is not a sane number", () => {
    const h = harness();
    h.reconnector.schedule({ retryAfterMs: 20_000 });
    expect(h.sleeps).toEqual([20_000]);
    const other = harness();
    other.reconnector.schedule({ retryAfterMs: -5 });
    other.reconnector.schedule();
    expect(other.sleeps).toEqual([750]);
    const third = harness();
    third.reconnector.schedule(refusalOf({ data: { retryAfterMs: 'soon' } }));
    expect(third.sleeps).toEqual([750]);
  });

  it('schedules one try at a time and none after stop', async () => {
    const h = harness();
    expect(h.reconnector.schedule()).toBe(750);
    expect(h.reconnector.schedule()).toBeNull();
    h.reconnector.stop();
    await h.elapse();
    expect(h.connects()).toBe(0);
    expect(h.reconnector.schedule()).toBeNull();
  });

  it('reads the refusal of a connect_error, whatever the error holds', () => {
    expect(refusalOf(Object.assign(new Error('refused'), { data: { code: 'rate_limited', retryAfterMs: 3000 } }))).toEqual({
      code: 'rate_limited',
      retryAfterMs: 3000,
    });
    expect(refusalOf(new Error('xhr poll error'))).toEqual({});
    expect(refusalOf(null)).toEqual({});
    expect(refusalOf({ data: 'text' })).toEqual({});
  });
});
