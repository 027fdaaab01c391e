/**
 * Where the rate limits keep their counts: in this process, or in Redis when the relay is
 * scaled out, so that N processes give a client the same budget as one. Per-socket flood limits
 * stay in memory: a socket lives on one process.
 */
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Makes the limiter called `name` (unique per kind of limit): `points` per `durationSeconds`. */
export type LimiterFactory = (name: string, points: number, durationSeconds: number) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (_name, points, duration) => new RateLimiterMemory({ points, duration });

/**
 * Limiters on a connected node-redis client, under `${prefix}:rl:${name}:`. While Redis cannot
 * be reached each process falls back to counting alone, rather than refusing everyone.
 */
export function redisLimiters(client: unknown, prefix: string): LimiterFactory {
  return (name, points, duration) =>
    new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      keyPrefix: `${prefix}:rl:${name}`,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ points, duration }),
    });
}
