/**
 * Two app instances scaled out as in production, in one test process: each on its own port,
 * sharing one PostgreSQL schema and one Redis stream of the test's own (so other runs on the
 * same services cannot talk to them), with an admin agent. `stop` closes what the test opened.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { createClient } from 'redis';
import { createApp, type App } from '../../server/app.js';
import { addAgent } from '../../server/auth/agents.js';
import { loadConfig } from '../../server/config.js';
import { createFaqLibrary, type FaqLibrary } from '../../server/faq/index.js';
import { createRedisAdapter, type RedisAdapterHandle } from '../../server/relay/redis-adapter.js';
import { createPostgresStore } from '../../server/store/postgres.js';
import type { Store } from '../../server/store/store.js';

export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };

export interface Instance {
  app: App;
  store: Store;
  redis: RedisAdapterHandle;
  url: string;
}

export interface TwoInstances {
  instances: [Instance, Instance];
  /** The test's own stream. */
  streamName: string;
  /** Clients to close before the instances stop. */
  clients: { close(): void }[];
  stop(): Promise<void>;
}

/** @param env the settings both instances load (as environment variables) */
export async function startTwoInstances(env: Record<string, string>): Promise<TwoInstances> {
  const id = randomBytes(6).toString('hex');
  const schema = `pasokh_two_${id}`;
  const streamName = `pasokh-test-${id}`;
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const faqs = new Map<string, FaqLibrary>();
  for (const site of config.sites) faqs.set(site.key, await createFaqLibrary({ source: site.faq, site: site.key, watch: false }));
  const instances: Instance[] = [];
  for (let i = 0; i < 2; i++) {
    const store = await createPostgresStore({ url: databaseUrl, schema, poolSize: 4 });
    if (i === 0) await addAgent(store, { ...ADMIN, name: 'Ada Admin', role: 'admin' });
    const redis = await createRedisAdapter(redisUrl, logger, { streamName });
    const app = await createApp({ config, store, faqs, logger, adapter: redis.adapter });
    instances.push({ app, store, redis, url: `http://127.0.0.1:${await app.listen(0)}` });
  }
  // Each process has read an entry of the other's (their heartbeats): both readers are live.
  const deadline = Date.now() + 15_000;
  for (const { app } of instances)
    while ((await app.io.of('/agent').adapter.serverCount()) < 2) {
      if (Date.now() > deadline) throw new Error('the two processes never heard each other through the stream');
      await new Promise((r) => setTimeout(r, 100));
    }
  const clients: { close(): void }[] = [];
  return {
    instances: instances as [Instance, Instance],
    streamName,
    clients,
    async stop() {
      for (const client of clients) client.close();
      for (const { app, store, redis } of instances) {
        await app.close();
        await redis.close();
        await store.close();
      }
      for (const faq of faqs.values()) faq.close();
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      await redis.del(streamName);
      await redis.quit();
    },
  };
}
