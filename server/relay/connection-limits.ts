/**
 * How often a visitor may open a connection. A returning visitor (its token names a stored
 * visitor) is counted per token, not per address: after a restart or a network blip a whole
 * office or mobile carrier comes back at once from one address, and none of them is new. New
 * visitors are counted per address, with a burst allowance on top of the steady rate.
 */
import { BurstyRateLimiter, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimiterFactory } from '../rate-limits.js';
import type { RelayLimits } from './deps.js';

/** A refused connection: `data` reaches the client as `err.data` of its `connect_error`. */
export class ConnectionRefused extends Error {
  readonly data: { code: 'rate_limited'; retryAfterMs: number };
  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.data = { code: 'rate_limited', retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)) };
  }
}

export interface ConnectionLimits {
  /** Resolves when a visitor with this (stored) token hash may connect; rejects with ConnectionRefused. */
  returning(tokenHash: string): Promise<void>;
  /** Resolves when a new visitor from this address may connect; rejects with ConnectionRefused. */
  fresh(address: string): Promise<void>;
}

type ConnectionLimitSettings = Pick<RelayLimits, 'connectionsPerMinute' | 'newVisitorBurstPer10m' | 'reconnectsPerMinute'>;

async function consume(limit: RateLimiterAbstract | BurstyRateLimiter, key: string, refusal: string): Promise<void> {
  try {
    await limit.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new ConnectionRefused(refusal, error.msBeforeNext);
    throw error;
  }
}

export function createConnectionLimits(limits: ConnectionLimitSettings, limiter: LimiterFactory): ConnectionLimits {
  const perToken = limiter('reconnect', limits.reconnectsPerMinute, 60);
  const perAddress = new BurstyRateLimiter(
    limiter('connect', limits.connectionsPerMinute, 60),
    limiter('connect-burst', limits.newVisitorBurstPer10m, 600),
  );
  return {
    returning: (tokenHash) => consume(perToken, tokenHash, 'This visitor reconnects too often; try again shortly.'),
    fresh: (address) => consume(perAddress, address, 'Too many new chats from this address; try again shortly.'),
  };
}
