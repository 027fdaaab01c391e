/**
 * env → config → store → FAQ → createApp → listen. Everything `npm start` and `pasokh serve` do.
 */
import type { Logger } from 'pino';
import { createApp, type App } from './app.js';
import { openAttachmentStorage } from './attachments/storage.js';
import { NO_AGENTS_HINT, ensureAdmin } from './auth/agents.js';
import type { Config } from './config.js';
import { openFaqLibraries } from './faq/site-libraries.js';
import type { RelayDeps, RelayLimits } from './relay/deps.js';
import { redisLimiters } from './rate-limits.js';
import { createLogger, startBanner } from './logging.js';
import { createRedisAdapter } from './relay/redis-adapter.js';
import { openStore } from './store/index.js';
import type { Store } from './store/store.js';
import { integrationsEnabled, startIntegrations } from './outbox/index.js';
import { startHousekeeping } from './privacy/housekeeping.js';

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
  const logger = options.logger ?? createLogger(config.logLevel);
  const outbox = integrationsEnabled(config);
  const store = await openStore({
    dataDir: config.dataDir,
    outbox,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.databaseSchema ? { databaseSchema: config.databaseSchema } : {}),
  });
  if (config.admin) await ensureAdmin(store, config.admin, logger);
  else if ((await store.listAgents()).length === 0) logger.warn(NO_AGENTS_HINT);

  const faqs = await openFaqLibraries({ sites: config.sites, store, logger });
  const redis = config.redisUrl
    ? await createRedisAdapter(config.redisUrl, logger, config.redisStream ? { streamName: config.redisStream } : {})
    : undefined;
  const app = await createApp({
    config,
    store,
    faqs,
    logger,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}),
    ...(options.batchWrites === false ? { batchWrites: false } : {}),
    ...(redis ? { adapter: redis.adapter, limiters: redisLimiters(redis.client, config.redisKeyPrefix) } : {}),
  });
  const port = await app.listen(config.port, config.host);
  // Always: endpoints added in the console need the worker even when the config has none.
  const integrations = await startIntegrations({ config, store, app, logger });
  const housekeeping = startHousekeeping({
    store,
    storage: openAttachmentStorage(config, store),
    logger,
    retentionDays: config.retentionDays,
  });
  const hasAgents = (await store.listAgents()).length > 0;
  const email = config.mail.transport.kind === 'smtp';
  logger.info(
    { port, database: config.databaseUrl ? 'postgresql' : `sqlite (${config.dataDir})`, redis: Boolean(redis), email },
    startBanner(config, { port, email, redis: Boolean(redis), hasAgents }),
  );

  return {
    app,
    store,
    port,
    async stop() {
      housekeeping.stop();
      await integrations.stop();
      await app.close();
      for (const faq of faqs.values()) faq.close();
      await redis?.close();
      await store.close();
    },
  };
}
