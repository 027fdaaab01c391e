/**
 * Exponential backoff with jitter, with the clock and randomness injected so tests can assert
 * the exact delays (issue 4; the pattern follows chatwoot's retryWithBackoff).
 */

export interface BackoffOptions {
  /** First delay before jitter, in ms. @default 500 */
  baseMs?: number;
  /** Ceiling for any one delay, in ms. @default 30000 */
  maxMs?: number;
  /** Returns a number in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry): "equal jitter", half of the
 * exponential step fixed and half random, so a crowd of clients spreads out but nobody retries
 * at once.
 * @example backoffDelay(2, { random: () => 0 }) // 1000
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, maxMs = 30_000, random = Math.random } = options;
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Resolves after `ms`; the default `sleep` for everything that waits. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
