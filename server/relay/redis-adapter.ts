/**
 * The Socket.IO Redis streams adapter for a scaled-out relay: every process reads one Redis
 * stream, so a room emit or a fetchSockets on one process reaches sockets on all of them.
 * Entries a process wrote itself, and broadcasts for nobody on it, are skipped unapplied
 * (idle-applies.ts); a process's own sockets get its broadcasts without waiting for Redis
 * (local-first.ts). A server-side event can go into the stream too, in order with the
 * broadcasts (stream-emit.ts): a message reaches both its rooms through one entry.
 */
import type { Logger } from 'pino';
import type { Namespace, ServerOptions } from 'socket.io';
import { skipIdleApplies } from './idle-applies.js';
import { deliverLocallyFirst } from './local-first.js';
import { enableStreamEmits } from './stream-emit.js';

/** Entries the stream keeps (the adapter's default), about 450 bytes each. */
const STREAM_MAX_LEN = 10_000;

export interface RedisAdapterHandle {
  adapter: ServerOptions['adapter'];
  /** The connected node-redis client, for other shared state (rate limits); not for blocking reads. */
  client: unknown;
  /** Disconnects from Redis; call after the Socket.IO server is closed. */
  close(): Promise<void>;
}

/**
 * Connects to Redis and builds the adapter. Loaded lazily: a single-process install never
 * loads the Redis client.
 * @param options.streamName the stream the processes share @default "socket.io"
 */
export async function createRedisAdapter(
  url: string,
  logger: Logger,
  options: { streamName?: string } = {},
): Promise<RedisAdapterHandle> {
  const [{ createClient }, { createAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-streams-adapter')]);
  const client = createClient({ url });
  client.on('error', (error: unknown) => logger.error({ err: error }, 'redis error'));
  await client.connect();
  const streamName = options.streamName ?? 'socket.io';
  const streams = createAdapter(client, { streamName, maxLen: STREAM_MAX_LEN });
  // The client the adapter publishes with, so these entries keep call order with its own.
  const append = (entry: Record<string, string>) =>
    void client
      .xAdd(streamName, '*', entry, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: STREAM_MAX_LEN } })
      .catch((error: unknown) => logger.error({ err: error }, 'writing to the Redis stream failed'));
  return {
    // A function, not an arrow: Socket.IO calls it with `new`, and the object it returns is the adapter.
    adapter: function (nsp: Namespace) {
      const adapter = streams(nsp);
      skipIdleApplies(adapter);
      deliverLocallyFirst(adapter);
      enableStreamEmits(adapter, append);
      return adapter;
    },
    client,
    close: () =>
      client.quit().then(
        () => undefined,
        () => undefined,
      ),
  };
}
