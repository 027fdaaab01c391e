/**
 * `npm run bench:capacity`: the measured inputs of docs/capacity.md, each small and bounded.
 *
 * - memory per idle visitor socket: one node (PostgreSQL, Redis) behind the shipped nginx,
 *   `IDLE` listen-only visitors through nginx; RSS after a collection, minus before, per socket,
 *   for the node and for nginx, and Redis's used_memory;
 * - PostgreSQL commits for the message append path: the relay's own group committer
 *   (server/relay/committer.ts) over the PostgreSQL store, 256 writers with one message in
 *   flight each, spread over 1, 2, 4 and 8 committers (one per node in a cluster): messages
 *   and commits per second, CPU per 1,000 messages of PostgreSQL and of the store's client;
 * - Redis stream throughput at the adapter's entry size: the entry the Socket.IO Redis streams
 *   adapter writes for one `message:new` (read back from the stream), then XADD with trimming
 *   as the adapter does it, and XREAD COUNT 100 as each node's reader does it;
 * - a message's rate limit: the relay's Redis limiter against its in-memory one.
 *
 * Messages per second per core come from bench:cluster (messagesPerNodeCpuSecond). Only
 * 127.0.0.1; bounded; prints JSON.
 *
 *   npm run bench:capacity              2,000 idle visitors, 4 s per step
 *   npm run bench:capacity -- --quick   500 idle visitors, 1.5 s per step
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { newClientId } from '../protocol/client-ids.js';
import type { Message } from '../protocol/types.js';
import { createCommitter } from '../server/relay/committer.js';
import { createRedisAdapter } from '../server/relay/redis-adapter.js';
import { memoryLimiters, redisLimiters, type LimiterFactory } from '../server/rate-limits.js';
import { createPostgresStore } from '../server/store/postgres.js';
import type { Store } from '../server/store/store.js';
import { DATABASE_URL, REDIS_URL, startCluster } from './lib/cluster.js';
import { CpuMeter, pidsByComm, pidWithChildren, processTicks, TICKS_PER_SECOND } from './lib/cpu-meter.js';
import { passiveSocket, type PassiveSocket } from './lib/passive-socket.js';
import { connectMany, round, rssBytes, sleep } from './lib/relay-load.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const QUICK = flags.quick;
const IDLE = QUICK ? 500 : 2000;
const STEP_MS = QUICK ? 1500 : 4000;
const WRITERS = 256;
const COMMITTERS = QUICK ? [1, 4] : [1, 2, 4, 8];
const XADD_IN_FLIGHT = 64;
const APPLIED = QUICK ? 5000 : 20_000;
const IDLE_CPU_MS = QUICK ? 3000 : 10_000;
const TEXT = 'How do I return an item I bought last week? The box is opened but unused.';

const rssOf = (pids: number[]) => pids.reduce((sum, pid) => sum + rssBytes(pid), 0);

async function redisUsedMemory(): Promise<number> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const info = await redis.info('memory');
  await redis.quit();
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** Memory per idle visitor: the node, nginx in front of it, and Redis. */
async function idleSockets() {
  const cluster = await startCluster({ nodes: 1, redis: true, args: ['bench/lib/serve.ts'], nodeArgs: ['--expose-gc'] });
  const node = cluster.nodes[0]!;
  const nginxWorkers = () => pidWithChildren(cluster.nginxPid).slice(1);
  const settled = async () => {
    // bench/lib/serve.ts collects on SIGUSR2, as bench:relay measures memory.
    node.child.kill('SIGUSR2');
    await sleep(1500);
    node.child.kill('SIGUSR2');
    await sleep(500);
    return { node: rssBytes(node.child.pid!), nginx: rssOf(nginxWorkers()), redis: await redisUsedMemory() };
  };
  // Node CPU over a window, as a share of one core: what idle sockets cost (heartbeats, timers).
  const nodeCores = async () => {
    const [t0, ticks0] = [performance.now(), processTicks(node.child.pid!)!];
    await sleep(IDLE_CPU_MS);
    return (processTicks(node.child.pid!)! - ticks0) / TICKS_PER_SECOND / ((performance.now() - t0) / 1000);
  };
  let idle: PassiveSocket[] = [];
  try {
    const before = await settled();
    const coresBefore = await nodeCores();
    const began = performance.now();
    idle = await connectMany(IDLE, () =>
      passiveSocket(cluster.url, '/visitor', { auth: { site: 'default' }, readyEvent: 'hello' }),
    );
    const connectSeconds = (performance.now() - began) / 1000;
    const after = await settled();
    const coresIdle = await nodeCores();
    const perSocketKb = (key: 'node' | 'nginx' | 'redis') => round((after[key] - before[key]) / IDLE / 1024, 1);
    return {
      sockets: IDLE,
      through: 'nginx (deploy/nginx/pasokh.conf), one node on PostgreSQL with Redis',
      nodeRssMb: { before: round(before.node / 2 ** 20, 1), after: round(after.node / 2 ** 20, 1) },
      perSocketKb: { node: perSocketKb('node'), nginx: perSocketKb('nginx'), redisUsedMemory: perSocketKb('redis') },
      connectsPerSecond: Math.round(IDLE / connectSeconds),
      // The server pings every socket every 20 s (server/app.ts); a window catches its share.
      nodeCpuIdle: {
        windowMs: IDLE_CPU_MS,
        coresWithoutSockets: round(coresBefore, 4),
        coresWithSockets: round(coresIdle, 4),
        coresPer10000Sockets: round(((coresIdle - coresBefore) * 10_000) / IDLE, 4),
        // One clock tick over the window: differences this small are noise.
        resolutionCores: round(1000 / TICKS_PER_SECOND / IDLE_CPU_MS, 4),
      },
    };
  } finally {
    for (const socket of idle) socket.close();
    await cluster.stop();
  }
}

async function postgresSettings(): Promise<Record<string, string>> {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const settings: Record<string, string> = {};
  for (const name of ['server_version', 'synchronous_commit', 'fsync', 'commit_delay', 'wal_sync_method', 'shared_buffers']) {
    settings[name] = (await db.query<Record<string, string>>(`show ${name}`)).rows[0]![name]!;
  }
  await db.end();
  return settings;
}

/** The relay's group committer over the PostgreSQL store, `committers` of them side by side. */
async function appendStep(store: Store, conversations: string[], committers: number, meter: CpuMeter) {
  let commits = 0;
  const counting = {
    appendMessages: (items: Parameters<Store['appendMessages']>[0]) => (commits++, store.appendMessages(items)),
    appendVisitorMessages: (items: Parameters<Store['appendVisitorMessages']>[0]) => (
      commits++,
      store.appendVisitorMessages(items)
    ),
  } as unknown as Store;
  const queues = Array.from({ length: committers }, () => createCommitter(counting));
  let running = true;
  let messages = 0;
  const writers = conversations.map(async (conversationId, i) => {
    const committer = queues[i % committers]!;
    while (running) {
      await committer.append(conversationId, { clientId: newClientId(), author: { kind: 'visitor' }, text: TEXT });
      messages++;
    }
  });
  await sleep(300); // warm up
  const from = await meter.snapshot();
  const [messages0, commits0] = [messages, commits];
  await sleep(STEP_MS);
  const [counted, committed] = [messages - messages0, commits - commits0];
  const cpu = CpuMeter.between(from, await meter.snapshot(), counted);
  running = false;
  await Promise.all(writers);
  const seconds = cpu.seconds;
  const { postgresBackends, postgresBackground, storeClient } = cpu.components;
  return {
    committers,
    writers: conversations.length,
    messagesPerSecond: Math.round(counted / seconds),
    commitsPerSecond: Math.round(committed / seconds),
    messagesPerCommit: round(counted / committed, 1),
    cpuPer1000Messages: {
      postgresBackends: postgresBackends!.per1000Messages,
      postgresBackground: postgresBackground!.per1000Messages,
      storeClient: storeClient!.per1000Messages,
    },
    postgresBackendCores: round(postgresBackends!.cpuSeconds / seconds, 2),
    storeClientCores: round(storeClient!.cpuSeconds / seconds, 2),
    // Other jobs on a shared machine slow every round trip; this says how busy it was.
    machineBusyShare: cpu.components.machineBusy!.shareOfMachine,
    everythingElseShare: cpu.components.everythingElse!.shareOfMachine,
  };
}

async function postgresCommits() {
  const appName = `pasokh-capacity-${randomBytes(4).toString('hex')}`;
  const schema = `pasokh_capacity_${randomBytes(6).toString('hex')}`;
  // The pool opens connections as load grows; every one carries the name while this runs.
  process.env.PGAPPNAME = appName;
  const store = await createPostgresStore({ url: DATABASE_URL, schema });
  const meter = new CpuMeter({ storeClient: () => [process.pid] });
  try {
    await meter.watchPostgres(DATABASE_URL, appName);
    const conversations = await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        const visitor = await store.createVisitor({ site: 'default', tokenHash: randomBytes(16).toString('hex') });
        const opened = await store.appendVisitorMessage({
          site: 'default',
          visitorId: visitor.id,
          message: { clientId: newClientId(), author: { kind: 'visitor' }, text: 'hello' },
        });
        return opened.conversation.id;
      }),
    );
    const steps = [];
    for (const committers of COMMITTERS) steps.push(await appendStep(store, conversations, committers, meter));
    return { settings: await postgresSettings(), steps };
  } finally {
    await meter.close();
    await store.close();
    delete process.env.PGAPPNAME;
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    await db.query(`drop schema if exists "${schema}" cascade`);
    await db.end();
  }
}

/** The stream entry the adapter writes for one message:new to a site's agents, as stored. */
async function adapterEntry(stream: string): Promise<Record<string, string>> {
  const handle = await createRedisAdapter(REDIS_URL, pino({ level: 'silent' }), { streamName: stream });
  // Attached to an HTTP server that never listens: the adapter needs no clients to publish.
  const io = new Server(createServer(), { adapter: handle.adapter });
  const message: Message = {
    id: newClientId(),
    conversationId: newClientId(),
    seq: 42,
    clientId: newClientId(),
    author: { kind: 'visitor' },
    text: TEXT,
    createdAt: new Date().toISOString(),
  };
  io.of('/agent').to('agents:default').emit('message:new', message);
  await sleep(200);
  await io.close();
  await handle.close();
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const entries = await redis.xRange(stream, '-', '+');
  await redis.quit();
  const entry = entries.find((e) => (e.message.data ?? '').includes('message:new'));
  if (!entry) throw new Error(`the adapter wrote no message:new to ${stream}`);
  return entry.message as Record<string, string>;
}

/**
 * A node's side of the stream: the adapter reading entries other nodes wrote and applying
 * them, on a namespace with no local sockets (the node holds nobody the message is for, so it
 * reads and decodes each entry and skips the broadcast: server/relay/idle-applies.ts).
 */
async function adapterReader(stream: string) {
  const handle = await createRedisAdapter(REDIS_URL, pino({ level: 'silent' }), { streamName: stream });
  const io = new Server(createServer(), { adapter: handle.adapter });
  const adapter = io.of('/agent').adapter as unknown as { onRawMessage(message: unknown, offset: string): void };
  let seen = 0;
  const apply = adapter.onRawMessage.bind(adapter);
  adapter.onRawMessage = (message, offset) => {
    seen++;
    apply(message, offset);
  };
  await sleep(300); // its first XREAD starts at "$": only entries added after it
  return {
    seen: () => seen,
    async close() {
      await io.close();
      await handle.close();
    },
  };
}

/** Writes `total` copies of `entry`, in rounds the reader keeps up with (the stream is trimmed). */
async function feedReader(
  redis: ReturnType<typeof createClient>,
  stream: string,
  entry: Record<string, string>,
  total: number,
  seen: () => number,
) {
  const round = 1000;
  const deadline = Date.now() + 60_000;
  for (let sent = 0; sent < total; sent += round) {
    await Promise.all(Array.from({ length: round }, () => redis.xAdd(stream, '*', entry)));
    while (seen() < sent + round) {
      if (Date.now() > deadline) throw new Error(`the adapter read ${seen()} of ${sent + round} entries in 60 s`);
      await sleep(2);
    }
  }
}

async function redisStream() {
  const stream = `pasokh-capacity-${randomBytes(6).toString('hex')}`;
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const meter = new CpuMeter({ redisServer: () => pidsByComm('redis-server'), client: () => [process.pid] });
  try {
    const entry = await adapterEntry(stream);
    const entryBytes = Object.entries(entry).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    // XADD as the adapter does it: MAXLEN ~ 10000, the adapter's default.
    let running = true;
    let added = 0;
    const trim = { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 10_000 } } as const;
    const adders = Array.from({ length: XADD_IN_FLIGHT }, async () => {
      while (running) {
        await redis.xAdd(stream, '*', entry, trim);
        added++;
      }
    });
    await sleep(300);
    const from = await meter.snapshot();
    const added0 = added;
    await sleep(STEP_MS);
    const xadd = CpuMeter.between(from, await meter.snapshot(), added - added0);
    running = false;
    await Promise.all(adders);

    // XREAD COUNT 100 as each node's reader does, through the whole (trimmed) stream, 5 times.
    const readFrom = await meter.snapshot();
    let read = 0;
    for (let pass = 0; pass < 5; pass++) {
      let offset = '0-0';
      for (;;) {
        const reply = (await redis.xRead({ key: stream, id: offset }, { COUNT: 100 })) as { messages: { id: string }[] }[] | null;
        const got = reply?.[0]?.messages ?? [];
        if (got.length === 0) break;
        read += got.length;
        offset = got.at(-1)!.id;
      }
    }
    const xread = CpuMeter.between(readFrom, await meter.snapshot(), read);

    // The adapter on a node: read, decode and apply entries written elsewhere.
    const reader = await adapterReader(stream);
    const applyFrom = await meter.snapshot();
    await feedReader(redis, stream, entry, APPLIED, reader.seen);
    const applied = CpuMeter.between(applyFrom, await meter.snapshot(), APPLIED);
    await reader.close();
    return {
      entryBytes,
      entryFields: Object.keys(entry),
      xadd: {
        inFlight: XADD_IN_FLIGHT,
        perSecond: Math.round(xadd.messages / xadd.seconds),
        redisCpuPer1000: xadd.components.redisServer!.per1000Messages,
        clientCpuPer1000: xadd.components.client!.per1000Messages,
      },
      xread: {
        count: 100,
        entriesPerSecond: Math.round(xread.messages / xread.seconds),
        redisCpuPer1000: xread.components.redisServer!.per1000Messages,
        clientCpuPer1000: xread.components.client!.per1000Messages,
      },
      adapterApply: {
        entries: APPLIED,
        perSecond: Math.round(APPLIED / applied.seconds),
        // This process also wrote the entries: its XADD cost (measured above) is taken off.
        nodeCpuPer1000: round(applied.components.client!.per1000Messages - xadd.components.client!.per1000Messages, 3),
        redisCpuPer1000: applied.components.redisServer!.per1000Messages,
      },
      note: 'the whole Redis server is measured: anything else using it on this machine is counted too. Each relayed message is two entries (one to the visitor room, one to the site agents room), and every node reads every entry. adapterApply is an entry for nobody on the reading node: read and decoded, its broadcast skipped (server/relay/idle-applies.ts); one with recipients there also costs their fan-out, which bench:cluster measures.',
    };
  } finally {
    await meter.close();
    await redis.del(stream);
    await redis.quit();
  }
}

/**
 * What a message's rate limit costs a scaled-out node: one consume() on the Redis limiter the
 * relay uses (server/rate-limits.ts), against the in-memory one a single process uses.
 */
async function rateLimits() {
  const prefix = `pasokh-capacity-${randomBytes(6).toString('hex')}`;
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const meter = new CpuMeter({ redisServer: () => pidsByComm('redis-server'), client: () => [process.pid] });
  const measureLimiter = async (factory: LimiterFactory) => {
    const limiter = factory('bench', 1_000_000_000, 10);
    let running = true;
    let calls = 0;
    // 64 in flight, keys spread like 64 senders.
    const callers = Array.from({ length: XADD_IN_FLIGHT }, async (_, i) => {
      while (running) {
        await limiter.consume(`sender-${i}`);
        // The in-memory limiter settles at once: without a turn of the loop now and then,
        // the timer that ends the window would never run.
        if (++calls % 64 === 0) await new Promise((r) => setImmediate(r));
      }
    });
    await sleep(300);
    const from = await meter.snapshot();
    const calls0 = calls;
    await sleep(STEP_MS);
    const window = CpuMeter.between(from, await meter.snapshot(), calls - calls0);
    running = false;
    await Promise.all(callers);
    return {
      perSecond: Math.round(window.messages / window.seconds),
      nodeCpuPer1000: window.components.client!.per1000Messages,
      redisCpuPer1000: window.components.redisServer!.per1000Messages,
    };
  };
  try {
    return {
      memory: await measureLimiter(memoryLimiters),
      redis: await measureLimiter(redisLimiters(redis, prefix)),
      note: 'CPU per 1,000 consume() calls; the relay makes one per message (the per-socket flood limits stay in memory)',
    };
  } finally {
    await meter.close();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*` })) if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  }
}

const began = Date.now();
const idle = await idleSockets();
const postgres = await postgresCommits();
const redis = await redisStream();
const limits = await rateLimits();
console.log(
  JSON.stringify(
    {
      command: `npm run bench:capacity${QUICK ? ' -- --quick' : ''}`,
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? 'unknown',
        memoryGb: round(totalmem() / 2 ** 30, 1),
        node: process.version,
        loadAverageAtEnd: loadavg().map((n) => round(n, 1)),
      },
      memoryPerIdleVisitor: idle,
      postgresAppend: postgres,
      redisStream: redis,
      rateLimitPerMessage: limits,
      messagesPerSecondPerCore: 'see bench:cluster: cpu.<phase>.nodes.messagesPerNodeCpuSecond',
      durationMs: Date.now() - began,
    },
    null,
    2,
  ),
);
process.exit(0);
