/**
 * The short form of `npm run chaos`: 10 visitors and 2 agents exchange 300 messages
 * through the real server process while connections drop at random and the server is
 * SIGKILLed and restarted once. Nothing may be lost, duplicated or shown out of order.
 */
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos.js';

describe('delivery under chaos', () => {
  it('loses, duplicates and reorders nothing while connections drop and the server is killed and restarted', async () => {
    const report = await runChaos({ visitors: 10, agents: 2, messages: 300, restarts: 1, spanMs: 6000, deadlineMs: 60_000 });
    expect(report.restarts).toBe(1);
    expect(report.drops).toBeGreaterThan(0);
    expect(report.stored).toBe(300);
    expect({
      lost: report.lost,
      duplicated: report.duplicated,
      orderMismatches: report.orderMismatches,
      ackMismatches: report.ackMismatches,
      seqGaps: report.seqGaps,
      viewConflicts: report.viewConflicts,
    }).toEqual({ lost: 0, duplicated: 0, orderMismatches: 0, ackMismatches: 0, seqGaps: 0, viewConflicts: 0 });
  }, 90_000);
});
