/**
 * Rate limits hold across processes: two app instances counting in one Redis give a client the
 * budget of one, not twice it. The login limit stands for all of them (they share the factory).
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.js';
import { addAgent } from '../../server/auth/agents.js';
import { hashToken, newToken } from '../../server/auth/tokens.js';
import { loadConfig } from '../../server/config.js';
import { createFaqLibrary, type FaqLibrary } from '../../server/faq/index.js';
import { memoryLimiters, redisLimiters, type LimiterFactory } from '../../server/rate-limits.js';
import { createSqliteStore } from '../../server/store/index.js';
import type { Store } from '../../server/store/store.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOGINS = 4;
const UPLOADS = 3;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

async function redisReason(): Promise<string | null> {
  const client = createClient({ url: redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    return null;
  } catch (error) {
    return `Redis at ${redisUrl}: ${(error as Error).message}`;
  } finally {
    await client.quit().catch(() => {});
  }
}

const reason = await redisReason();
const suite = reason === null || process.env.CI ? describe : describe.skip;

suite('rate limits across processes', () => {
  const prefix = `pasokh-test-${randomBytes(6).toString('hex')}`;
  const config = loadConfig(
    { LOG_LEVEL: 'silent', PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE: String(UPLOADS) },
    mkdtempSync(join(tmpdir(), 'pasokh-limits-')),
  );
  const logger = pino({ level: 'silent' });
  const redis = createClient({ url: redisUrl });
  let store: Store;
  const faqs = new Map<string, FaqLibrary>();
  const apps: App[] = [];

  async function twoInstances(limiters: LimiterFactory): Promise<string[]> {
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const app = await createApp({ config, store, faqs, logger, limits: { loginsPer15m: LOGINS }, limiters });
      apps.push(app);
      urls.push(`http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`);
    }
    return urls;
  }

  beforeAll(async () => {
    if (reason !== null) throw new Error(`${reason}: this suite needs Redis`);
    await redis.connect();
    store = await createSqliteStore({ file: join(mkdtempSync(join(tmpdir(), 'pasokh-limits-')), 'pasokh.db') });
    await addAgent(store, { email: 'admin@example.com', password: 'correct horse battery', name: 'Ada', role: 'admin' });
    for (const site of config.sites)
      faqs.set(site.key, await createFaqLibrary({ source: site.faq, site: site.key, watch: false }));
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const faq of faqs.values()) faq.close();
    await store?.close();
    if (redis.isOpen) {
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*` })) if (keys.length) await redis.del(keys);
      await redis.quit();
    }
  });

  /** Wrong-password attempts alternating between the instances; their status codes in order. */
  async function guesses(urls: string[], count: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${urls[i % urls.length]}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.com', password: `wrong ${i}` }),
      });
      statuses.push(response.status);
    }
    return statuses;
  }

  it('refuses the guess after the limit, wherever it lands, when the instances count in Redis', async () => {
    const urls = await twoInstances(redisLimiters(redis, prefix));
    const statuses = await guesses(urls, LOGINS + 2);
    expect(statuses).toEqual([...Array(LOGINS).fill(401), 429, 429]);
  });

  it('gives each instance its own budget when they count in memory (what Redis prevents)', async () => {
    const urls = await twoInstances(memoryLimiters);
    const statuses = await guesses(urls, LOGINS + 2);
    expect(statuses).toEqual(Array(LOGINS + 2).fill(401));
  });

  /** Uploads by one new visitor alternating between the instances; their status codes in order. */
  async function uploads(urls: string[], count: number): Promise<number[]> {
    const token = newToken();
    await store.createVisitor({ site: 'default', tokenHash: hashToken(token) });
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${urls[i % urls.length]}/api/attachments?site=default&name=shot-${i}.png`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: new Blob([PNG]),
      });
      statuses.push(response.status);
    }
    return statuses;
  }

  it('refuses the upload after the configured limit, wherever it lands, when the instances count in Redis', async () => {
    const urls = await twoInstances(redisLimiters(redis, prefix));
    expect(await uploads(urls, UPLOADS + 2)).toEqual([...Array(UPLOADS).fill(201), 429, 429]);
    expect(await uploads(await twoInstances(memoryLimiters), UPLOADS + 2)).toEqual(Array(UPLOADS + 2).fill(201));
  });
});
