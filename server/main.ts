/**
 * env → config → store → FAQ → createApp → listen. Everything `npm start` and `pasokh serve` do.
 */
import type { Logger } from 'pino';
import { createApp, type App } from './app.js';
import { NO_AGENTS_HINT, ensureAdmin } from './auth/agents.js';
import type { Config } from './config.js';
import { createFaqLibrary, type FaqLibrary } from './faq/index.js';
import { createLogger, faqReloadMessage, startBanner } from './logging.js';
import type { RelayLimits } from './relay/deps.js';
import { createRedisAdapter } from './relay/redis-adapter.js';
import { openStore } from './store/index.js';
import type { Store } from './store/store.js';
import { tuneOldGenerationGrowth } from './gc-tuning.js';

export interface RunningServer {
  app: App;
  store: Store;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts everything `pasokh serve` runs. `limits` raises the relay's rate limits (benchmarks do).
 */
export async function startServer(config: Config, options: { logger?: Logger; limits?: Partial<RelayLimits> } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  tuneOldGenerationGrowth(config.heapGrowthPercent);
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  if (config.admin) await ensureAdmin(store, config.admin, logger);
  else if ((await store.listAgents()).length === 0) logger.warn(NO_AGENTS_HINT);

  const faqs = new Map<string, FaqLibrary>();
  for (const site of config.sites) {
    faqs.set(
      site.key,
      await createFaqLibrary({
        source: site.faq,
        site: site.key,
        vocabulary: site.vocabulary,
        watch: true,
        onReload: (error) => (error ? logger.warn({ site: site.key }, faqReloadMessage(site.key, error)) : logger.info({ site: site.key }, 'FAQ reloaded')),
      }),
    );
  }
  const redis = config.redisUrl ? await createRedisAdapter(config.redisUrl, logger, { streamName: config.redisStream }) : undefined;
  const app = await createApp({ config, store, faqs, logger, ...(options.limits ? { limits: options.limits } : {}), ...(redis ? { adapter: redis.adapter } : {}) });
  const port = await app.listen(config.port, config.host);
  const hasAgents = (await store.listAgents()).length > 0;
  // Email is configured by PASOKH_SMTP_URL (DESIGN.md "Integrations").
  const email = Boolean(process.env.PASOKH_SMTP_URL);
  logger.info({ port, database: config.databaseUrl ? 'postgresql' : `sqlite (${config.dataDir})`, redis: Boolean(redis), email }, startBanner(config, { port, email, redis: Boolean(redis), hasAgents }));

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
