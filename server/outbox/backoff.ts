/**
 * When to try a failed delivery again: exponential from `firstRetryMs`, at most an hour apart,
 * and not after `giveUpMs` from the event (24 hours by default).
 */
export interface RetryPolicy {
  /** Delay before the second attempt. @default 10 s */
  firstRetryMs: number;
  /** @default 1 hour */
  maxDelayMs: number;
  /** Counted from the event's time. @default 24 hours */
  giveUpMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstRetryMs: 10_000, maxDelayMs: 3_600_000, giveUpMs: 24 * 3_600_000 };

/** The time of the next attempt after `attempts` failed ones, or null to give up. */
export function nextAttemptAt(policy: RetryPolicy, eventAt: string, attempts: number, now: number): string | null {
  const delay = Math.min(policy.maxDelayMs, policy.firstRetryMs * 2 ** Math.max(0, attempts - 1));
  const next = now + delay;
  if (next > Date.parse(eventAt) + policy.giveUpMs) return null;
  return new Date(next).toISOString();
}
