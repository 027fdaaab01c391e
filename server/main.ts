/**
 * env → config → store → FAQ → createApp → listen. Everything `npm start` and `pasokh serve` do.
 */
import pino, { type Logger } from 'pino';
import { createApp, type App } from './app.js';
import { ensureAdmin } from './auth/agents.js';
import type { Config } from './config.js';
import { openFaqLibraries } from './faq/site-libraries.js';
import type { RelayDeps, RelayLimits } from './relay/deps.js';
import { createRedisAdapter } from './relay/redis-adapter.js';
import { openStore } from './store/index.js';
import type { Store } from './store/store.js';

export interface RunningServer {
  app: App;
  store: Store;
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Raises the relay's rate limits (benchmarks do). */
  limits?: Partial<RelayLimits>;
  /** @see AppDeps.batchWrites @default true */
  batchWrites?: boolean;
  /** A test entry's fault injection after each commit (see RelayDeps.afterCommit); none in production. */
  afterCommit?: RelayDeps['afterCommit'];
}

/** Starts everything `pasokh serve` runs. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const store = await openStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.databaseSchema ? { databaseSchema: config.databaseSchema } : {}),
  });
  if (config.admin) await ensureAdmin(store, config.admin, logger);

  const faqs = await openFaqLibraries({ sites: config.sites, store, logger });
  const redis = config.redisUrl ? await createRedisAdapter(config.redisUrl, logger, config.redisStream ? { streamName: config.redisStream } : {}) : undefined;
  const app = await createApp({
    config,
    store,
    faqs,
    logger,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}),
    ...(options.batchWrites === false ? { batchWrites: false } : {}),
    ...(redis ? { adapter: redis.adapter } : {}),
  });
  const port = await app.listen(config.port, config.host);
  logger.info({ port, database: config.databaseUrl ? 'postgresql' : `sqlite (${config.dataDir})`, redis: Boolean(redis) }, `Pasokh is running: http://localhost:${port}/ (console at /console)`);

  return {
    app,
    store,
    port,
    async stop() {
      await app.close();
      for (const faq of faqs.values()) faq.close();
      await redis?.close();
      await store.close();
    },
  };
}
