/**
 * Several server processes on one PostgreSQL schema and one Redis stream of their own, behind
 * nginx with the shipped deploy/nginx/pasokh.conf: what the cluster test, the cluster bench and
 * the cross-node chaos run stand up. Clients reach it at `url`; a node can be killed and
 * started again on its port.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { nginxUnavailable, startNginx, type NginxProcess } from './nginx.js';
import { freePort, startServerChild, type ServerChild } from './server-process.js';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  text: string;
  authorKind: string;
}

export interface Cluster {
  /** nginx, where clients connect. */
  url: string;
  /** The nginx master process (its workers are its children). */
  nginxPid: number;
  schema: string;
  nodes: (ServerChild | undefined)[];
  /** Starts node i again on its port (after a kill). */
  startNode(i: number): Promise<ServerChild>;
  /** Every stored message, by conversation and seq. */
  messages(): Promise<StoredMessage[]>;
  /** Stops nginx and the nodes, drops the schema and the stream. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** @default 2 */
  nodes?: number;
  /** Script and arguments after `node --import tsx`. @default the server's own `serve` */
  args?: string[];
  /** More environment for every node. */
  env?: Record<string, string>;
  /** Node flags for every node, e.g. --expose-gc. */
  nodeArgs?: string[];
  /** Redis for the adapter and the limits. @default true with more than one node */
  redis?: boolean;
}

/** Why a cluster cannot run here (no nginx, PostgreSQL or Redis), or null. */
export async function clusterUnavailable(): Promise<string | null> {
  const nginx = nginxUnavailable();
  if (nginx) return nginx;
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    return `PostgreSQL at ${DATABASE_URL}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
  const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    return `Redis at ${REDIS_URL}: ${(error as Error).message}`;
  } finally {
    await redis.quit().catch(() => {});
  }
  return null;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.nodes ?? 2;
  const useRedis = options.redis ?? count > 1;
  const schema = `pasokh_cluster_${randomBytes(6).toString('hex')}`;
  const stream = `pasokh-cluster-${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-cluster-'));
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const nodes: (ServerChild | undefined)[] = ports.map(() => undefined);
  let nginx: NginxProcess | undefined;

  const startNode = async (i: number) =>
    (nodes[i] = await startServerChild({
      port: ports[i]!,
      dataDir,
      ...(options.args ? { args: options.args } : {}),
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
      env: {
        DATABASE_URL,
        PASOKH_DATABASE_SCHEMA: schema,
        PASOKH_TRUST_PROXY: '1',
        ...(useRedis ? { REDIS_URL, PASOKH_REDIS_STREAM: stream, PASOKH_REDIS_PREFIX: stream } : {}),
        ...options.env,
      },
    }));

  async function stop(): Promise<void> {
    await nginx?.stop();
    for (const node of nodes) await node?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    await db.query(`drop schema if exists "${schema}" cascade`);
    await db.end();
    if (!useRedis) return;
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(stream);
    for await (const keys of redis.scanIterator({ MATCH: `${stream}:*` })) if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  }

  try {
    // One after the other: the first creates the schema and the admin.
    for (let i = 0; i < count; i++) await startNode(i);
    nginx = await startNginx(ports.map((p) => `127.0.0.1:${p}`));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: nginx.url,
    nginxPid: nginx.child.pid!,
    schema,
    nodes,
    startNode,
    async messages() {
      const db = new pg.Client({ connectionString: DATABASE_URL });
      await db.connect();
      try {
        const { rows } = await db.query<StoredMessage>(
          `select id, conversation_id as "conversationId", seq, client_id as "clientId", text, author_kind as "authorKind"
             from "${schema}".messages order by conversation_id, seq`,
        );
        return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
      } finally {
        await db.end();
      }
    },
    stop,
  };
}

/** 127.0.0.2 … 127.0.0.251: enough addresses for nginx's address hash to spread clients over nodes. */
export const spreadAddress = (i: number) => `127.0.0.${2 + (i % 250)}`;
