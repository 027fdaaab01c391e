/** bench:cluster's split of a node's CPU by part, from a V8 CPU profile's samples in a window. */
import { describe, expect, it } from 'vitest';
import { attribute, partsBetween, type CpuProfile } from '../../bench/lib/profile-breakdown.js';

const NM = 'file:///app/node_modules';
const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url },
  children,
});

/** root > pg query > node's stream write > writev; root > ws send; root > server handler > writev; idle; GC. */
const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', '', [2, 5, 6, 8, 9, 10]),
    frame(2, 'submit', `${NM}/pg/lib/query.js`, [3]),
    frame(3, 'Writable.uncork', 'node:internal/streams/writable', [4]),
    frame(4, 'writev', ''),
    frame(5, 'sendFrame', `${NM}/ws/lib/sender.js`),
    frame(6, 'onMessage', 'file:///app/server/relay/visitor-save.ts', [7]),
    frame(7, 'writev', ''),
    frame(8, '(idle)', ''),
    frame(9, '(garbage collector)', ''),
    frame(10, 'processImmediate', 'node:internal/timers'),
  ],
  startTime: 1000,
  // One sample of each leaf, 10 µs apart, then the same again after the window.
  samples: [4, 5, 7, 8, 9, 10, 2, 4, 5],
  timeDeltas: [10, 10, 10, 10, 10, 10, 10, 1000, 10],
};

describe('profile breakdown', () => {
  it('charges each sample to the nearest package or server frame, writes by destination', () => {
    const parts = partsBetween(profile, 1000, 1075);
    expect(parts).toMatchObject({
      postgresSocketWrites: 10,
      postgresClient: 10,
      clientFanOut: 10,
      // A write under the server's own code is a reply to a client.
      clientSocketWrites: 10,
      garbageCollection: 10,
      other: 10,
      redisClient: 0,
    });
    // Idle time is not busy time.
    expect(Object.values(parts).reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('counts only the samples inside the window', () => {
    const late = partsBetween(profile, 1075, 3000);
    // A sample stands for the time since the one before it.
    expect(late.postgresSocketWrites).toBe(1000);
    expect(late.clientFanOut).toBe(10);
    expect(late.postgresClient).toBe(0);
  });

  it('scales the shares to the measured CPU, per 1,000 messages', () => {
    const split = attribute(partsBetween(profile, 1000, 1075), 0.6, 1000);
    // 0.6 CPU-s over 1,000 messages, six equal parts of 0.1.
    expect(split.postgresClient).toBeCloseTo(0.1, 3);
    expect(Object.values(split).reduce((a, b) => a + b, 0)).toBeCloseTo(0.6, 3);
  });
});
