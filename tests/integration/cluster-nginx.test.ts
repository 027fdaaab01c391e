/**
 * Two server processes behind Debian's nginx running the shipped deploy/nginx/pasokh.conf,
 * sharing PostgreSQL and a Redis stream. Visitors and agents connect through nginx from
 * different loopback addresses, so they land on both nodes. While messages flow, one node is
 * killed with SIGKILL, brought back, then the other: every acknowledged message is stored
 * once, in the order its sender typed it, and reaches both sides; clients fail over through
 * nginx by themselves. In CI a missing nginx, PostgreSQL or Redis fails the suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient, login, VisitorClient } from '../../bench/lib/protocol-client.js';
import { nginxUnavailable, startNginx, type NginxProcess } from '../../bench/lib/nginx.js';
import { ADMIN, freePort, startServerChild, type ServerChild } from '../../bench/lib/server-process.js';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const VISITORS = 12;
const ROUNDS = 9;

async function servicesUnavailable(): Promise<string | null> {
  const nginx = nginxUnavailable();
  if (nginx) return nginx;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    return `PostgreSQL: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
  const redis = createClient({ url: redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    return `Redis: ${(error as Error).message}`;
  } finally {
    await redis.quit().catch(() => {});
  }
  return null;
}

const reason = await servicesUnavailable();
const suite = reason === null || process.env.CI ? describe : describe.skip;

suite('two nodes behind nginx', () => {
  const schema = `pasokh_cluster_${randomBytes(6).toString('hex')}`;
  const stream = `pasokh-cluster-${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-cluster-'));
  const nodes: (ServerChild | undefined)[] = [undefined, undefined];
  const ports: number[] = [];
  let nginx: NginxProcess | undefined;
  const clients: { close(): void }[] = [];

  function startNode(i: number): Promise<ServerChild> {
    return startServerChild({
      port: ports[i]!,
      dataDir,
      env: {
        DATABASE_URL: databaseUrl,
        PASOKH_DATABASE_SCHEMA: schema,
        REDIS_URL: redisUrl,
        PASOKH_REDIS_STREAM: stream,
        PASOKH_TRUST_PROXY: '1',
      },
    });
  }

  beforeAll(async () => {
    if (reason !== null) throw new Error(`${reason}: the cluster test needs nginx, PostgreSQL and Redis`);
    ports.push(await freePort(), await freePort());
    // One after the other: the first creates the schema and the admin.
    nodes[0] = await startNode(0);
    nodes[1] = await startNode(1);
    nginx = await startNginx(ports.map((p) => `127.0.0.1:${p}`));
  }, 90_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await nginx?.stop();
    for (const node of nodes) await node?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (reason !== null) return;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    await redis.del(stream);
    await redis.quit();
  }, 60_000);

  async function until(what: string, test: () => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('loses, doubles and reorders nothing while each node in turn is killed, and clients fail over by themselves', async () => {
    const url = nginx!.url;
    const cookie = await login(url, ADMIN.email, ADMIN.password);
    const agents = ['127.0.0.2', '127.0.0.3'].map((localAddress) => new AgentClient({ url, cookie, localAddress }));
    clients.push(...agents);
    await Promise.all(agents.map((a) => a.ready()));

    const visitors = Array.from({ length: VISITORS }, (_, i) => new VisitorClient({ url, localAddress: `127.0.0.${10 + i}` }));
    clients.push(...visitors);
    await Promise.all(visitors.map((v) => v.ready()));
    const dropped = new Set<VisitorClient>();
    for (const visitor of visitors) {
      (visitor as unknown as { socket: { on(e: string, f: () => void): void } }).socket.on('disconnect', () => dropped.add(visitor));
    }

    const sentByVisitor = new Map<VisitorClient, string[]>();
    const sentByAgent = new Map<string, string[]>();
    const acked: Promise<unknown>[] = [];
    let droppedByFirstKill = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round === 3) await nodes[0]!.kill('SIGKILL');
      if (round === 5) {
        droppedByFirstKill = dropped.size;
        nodes[0] = await startNode(0);
        await nodes[1]!.kill('SIGKILL');
      }
      if (round === 7) nodes[1] = await startNode(1);
      for (const [i, visitor] of visitors.entries()) {
        const text = `v${i} r${round}`;
        sentByVisitor.set(visitor, [...(sentByVisitor.get(visitor) ?? []), text]);
        const ack = visitor.send(text);
        acked.push(ack);
        if (round === 0) await ack;
      }
      for (const [i, visitor] of visitors.entries()) {
        const conversationId = visitor.conversationId;
        if (!conversationId) continue;
        const agent = agents[i % agents.length]!;
        if (!agent.following.has(conversationId)) await agent.follow(conversationId);
        const text = `a${i} r${round}`;
        sentByAgent.set(conversationId, [...(sentByAgent.get(conversationId) ?? []), text]);
        acked.push(agent.send(conversationId, text));
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    await Promise.all(acked);

    // The proxy spread the visitors: the first kill dropped some of them and not others.
    expect(droppedByFirstKill).toBeGreaterThan(0);
    expect(droppedByFirstKill).toBeLessThan(VISITORS);
    expect(dropped.size, 'the second kill dropped the rest').toBe(VISITORS);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      for (const [i, visitor] of visitors.entries()) {
        const conversationId = visitor.conversationId!;
        const { rows } = await db.query<{ seq: number; text: string; author_kind: string }>(
          `select seq, text, author_kind from "${schema}".messages where conversation_id = $1 order by seq`,
          [conversationId],
        );
        expect(rows.map((r) => Number(r.seq)), `visitor ${i}: seqs gapless`).toEqual(rows.map((_, n) => n + 1));
        const texts = rows.map((r) => r.text);
        expect(texts.filter((t) => t.startsWith(`v${i} `)), `visitor ${i}: stored once, in order`).toEqual(sentByVisitor.get(visitor));
        expect(texts.filter((t) => t.startsWith(`a${i} `)), `agent to ${i}: stored once, in order`).toEqual(sentByAgent.get(conversationId));

        // Both sides hold every stored message once they have caught up.
        await visitor.syncAll();
        const agent = agents[i % agents.length]!;
        await agent.syncAll();
        await until(`both sides of conversation ${i} hold all ${rows.length} messages`, () => {
          return visitor.view.contiguous(conversationId) >= rows.length && agent.view.contiguous(conversationId) >= rows.length;
        });
        expect(visitor.view.list(conversationId).map((m) => m.text)).toEqual(texts);
        expect(agent.view.list(conversationId).map((m) => m.text)).toEqual(texts);
      }
    } finally {
      await db.end();
    }
    for (const client of [...visitors, ...agents]) expect(client.view.conflicts).toBe(0);
  }, 120_000);
});
