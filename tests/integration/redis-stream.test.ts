/** Two installs may share a Redis: each relays through the stream its settings name. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/main.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

describe('the Redis stream setting', () => {
  it('relays through the stream PASOKH_REDIS_STREAM names', async () => {
    const stream = `pasokh-test-${randomUUID()}`;
    const config = loadConfig({
      PASOKH_DATA: mkdtempSync(join(tmpdir(), 'pasokh-stream-')),
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL,
      PASOKH_REDIS_STREAM: stream,
    });
    const server = await startServer(config, { logger: pino({ level: 'silent' }) });
    servers.push(server);
    // Any room broadcast goes through the adapter, and so into the stream.
    server.app.io.of('/agent').to('nobody').emit('queue', []);
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      await expect.poll(() => redis.exists(stream), { timeout: 5000 }).toBe(1);
      await redis.del(stream);
    } finally {
      await redis.quit();
    }
  });
});
