/**
 * `pasokh serve` for benchmarks and the chaos run: the same startServer, with the relay's rate
 * limits raised (PASOKH_BENCH_LIMITS, JSON of RelayLimits) because a load generator on
 * 127.0.0.1 is one "IP" sending for hundreds of users. Never used by `npm start`.
 */
import { loadConfig } from '../../server/config.js';
import { tuneOldGenerationGrowth } from '../../server/gc-tuning.js';
import { startServer } from '../../server/main.js';
import type { RelayLimits } from '../../server/relay/deps.js';

/** Limits no bench client reaches. */
const BENCH_LIMITS: Partial<RelayLimits> = {
  visitorMessagesPer10s: 1_000_000,
  agentMessagesPer10s: 1_000_000,
  eventsPer5s: 1_000_000,
  connectionsPerMinute: 1_000_000,
  // Every agent of the bench signs in as the admin, at once, from 127.0.0.1.
  loginsPer15m: 1_000_000,
  reconnectsPerMinute: 1_000_000,
};

const limits = process.env.PASOKH_BENCH_LIMITS
  ? (JSON.parse(process.env.PASOKH_BENCH_LIMITS) as Partial<RelayLimits>)
  : BENCH_LIMITS;
const config = loadConfig();
// As `pasokh serve` does: PASOKH_HEAP_GROWTH_PERCENT (bench:relay --heap-growth) is the process's.
tuneOldGenerationGrowth(config.heapGrowthPercent);
// bench:relay --write-batching off measures what one writev per socket per turn is worth.
const batchWrites = process.env.PASOKH_BENCH_WRITE_BATCHING !== 'off';
const server = await startServer(config, { limits, batchWrites });
const stop = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
// bench:relay asks for a collection before it reads RSS, the same for both servers.
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
