/**
 * Retry delays for unacknowledged sends: exponential with jitter so a room full of agents that
 * lost the server at once does not come back in lockstep.
 */

/** @default 500 */
export const BACKOFF_BASE_MS = 500;
/** @default 15000 */
export const BACKOFF_MAX_MS = 15_000;

/**
 * Delay before retry number `attempt` (0-based): base·2^attempt capped at the maximum, then
 * scaled into [50 %, 100 %] by `random` (injected so tests can pin it).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + random() / 2));
}
