/**
 * Exponential backoff with jitter, with the clock and randomness injected so tests assert the
 * exact delays (the pattern of chatwoot's retryWithBackoff). Every client waits with this one
 * formula: message resends, syncs, and reconnects after a refusal.
 */

export interface BackoffOptions {
  /** First delay before jitter, in ms. @default 500 */
  baseMs?: number;
  /** Ceiling for any one delay, in ms. @default 15000 */
  maxMs?: number;
  /** Returns a number in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry): "equal jitter", the step
 * base·2^attempt capped at `maxMs`, half of it fixed and half random, so a crowd of clients
 * spreads out but nobody retries at once. Never more than `maxMs`.
 * @example backoffDelay(2, { random: () => 0 }) // 1000
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, maxMs = 15_000, random = Math.random } = options;
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Resolves after `ms`: the default `sleep` of everything that waits. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
