/**
 * `npm run chaos`: visitors and agents exchange messages through the real server process while
 * connections drop at random and the server is SIGKILLed and restarted; then every sent message
 * is looked up in the database and every client's view is compared with it. Prints JSON; exits
 * non-zero when anything was lost, duplicated or reordered. Only 127.0.0.1, bounded in clients,
 * messages and time; stops by itself.
 *
 *   npm run chaos                     50 visitors, 5 agents, 2,000 messages, 2 restarts
 *   npm run chaos -- --short          10 visitors, 2 agents, 300 messages, 1 restart
 *   npm run chaos -- --cluster        two nodes behind nginx on PostgreSQL and Redis, clients
 *                                     spread over both; each restart kills the next node in turn
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { newClientId } from '../protocol/client-ids.js';
import { spreadAddress, startCluster, type StoredMessage } from './lib/cluster.js';
import { AgentClient, login, VisitorClient } from './lib/protocol-client.js';
import { ADMIN, freePort, startServerChild, type ServerChild } from './lib/server-process.js';

export interface ChaosOptions {
  /** @default 50 */
  visitors?: number;
  /** @default 5 */
  agents?: number;
  /** Messages in all, half from visitors, half from agents. @default 2000 */
  messages?: number;
  /** SIGKILL + restart of the server during the run. @default 2 */
  restarts?: number;
  /** Over how long the senders spread their messages. @default 15000 */
  spanMs?: number;
  /** Mean time between random connection drops. @default 150 */
  dropEveryMs?: number;
  /** Give up (and report what is missing as lost) after this long. @default 180000 */
  deadlineMs?: number;
  /** Seed for the run's choices; the network adds its own timing. @default Date.now() */
  seed?: number;
  /** Two nodes behind nginx on PostgreSQL and Redis instead of one process on SQLite. @default false */
  cluster?: boolean;
}

/** What the clients talk to: where, from which addresses, and what stands up again after a kill. */
interface Deployment {
  url: string;
  localAddress(i: number): string | undefined;
  /** SIGKILLs one process, waits, starts it again. */
  killOne(pauseMs: number): Promise<void>;
  messages(): Promise<Omit<StoredMessage, 'authorKind'>[]>;
  stop(): Promise<void>;
}

async function singleProcess(): Promise<Deployment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-chaos-'));
  const port = await freePort();
  const start = () => startServerChild({ port, dataDir, args: ['bench/lib/serve.ts'] });
  let server: ServerChild = await start();
  return {
    url: `http://127.0.0.1:${port}`,
    localAddress: () => undefined,
    async killOne(pauseMs) {
      await server.kill('SIGKILL');
      await sleep(pauseMs);
      server = await start();
    },
    async messages() {
      const db = new Database(join(dataDir, 'pasokh.db'), { readonly: true });
      try {
        return db
          .prepare(
            'select id, conversation_id as conversationId, seq, client_id as clientId, text from messages order by conversation_id, seq',
          )
          .all() as Omit<StoredMessage, 'authorKind'>[];
      } finally {
        db.close();
      }
    },
    async stop() {
      await server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function twoNodes(): Promise<Deployment> {
  const cluster = await startCluster({ nodes: 2, args: ['bench/lib/serve.ts'] });
  let next = 0;
  return {
    url: cluster.url,
    localAddress: spreadAddress,
    async killOne(pauseMs) {
      const i = next++ % cluster.nodes.length;
      await cluster.nodes[i]!.kill('SIGKILL');
      await sleep(pauseMs);
      await cluster.startNode(i);
    },
    messages: () => cluster.messages(),
    stop: () => cluster.stop(),
  };
}

export interface ChaosReport {
  lost: number;
  duplicated: number;
  orderMismatches: number;
  /** Acks whose seq differs from the stored seq of their clientId. */
  ackMismatches: number;
  /** Conversations whose stored seqs are not 1…n. */
  seqGaps: number;
  /** Two different messages shown for one seq by some client. */
  viewConflicts: number;
  messages: number;
  stored: number;
  visitors: number;
  agents: number;
  restarts: number;
  drops: number;
  retries: number;
  durationMs: number;
  seed: number;
  command: string;
}

interface Sent {
  clientId: string;
  text: string;
  sender: string;
  ack?: { seq: number; conversationId: string };
}

/** A small seeded generator, so a run's choices can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(options: ChaosOptions = {}): Promise<ChaosReport> {
  const visitorCount = options.visitors ?? 50;
  const agentCount = options.agents ?? 5;
  const total = options.messages ?? 2000;
  const restarts = options.restarts ?? 2;
  const spanMs = options.spanMs ?? 15_000;
  const dropEveryMs = options.dropEveryMs ?? 150;
  const deadline = Date.now() + (options.deadlineMs ?? 180_000);
  const seed = options.seed ?? Date.now();
  const rand = random(seed);
  const started = Date.now();

  const perVisitor = Math.floor(total / 2 / visitorCount);
  const perConversation = Math.floor((total - perVisitor * visitorCount) / visitorCount);
  const remainder = total - perVisitor * visitorCount - perConversation * visitorCount;

  const deployment = options.cluster ? await twoNodes() : await singleProcess();
  const { url } = deployment;
  const visitors: VisitorClient[] = [];
  const agents: AgentClient[] = [];
  const sent: Sent[] = [];
  let drops = 0;
  let restarted = 0;
  let running = true;

  try {
    for (let i = 0; i < agentCount; i++) {
      const localAddress = deployment.localAddress(visitorCount + i);
      const agent = new AgentClient({
        url,
        cookie: await login(url, ADMIN.email, ADMIN.password),
        ...(localAddress ? { localAddress } : {}),
      });
      agents.push(agent);
      await agent.ready();
    }
    for (let i = 0; i < visitorCount; i++) {
      const localAddress = deployment.localAddress(i);
      visitors.push(new VisitorClient({ url, ...(localAddress ? { localAddress } : {}) }));
    }
    await Promise.all(visitors.map((v) => v.ready()));

    const gap = (count: number) => (2 * spanMs * rand()) / Math.max(1, count);
    async function track(
      sender: string,
      text: string,
      send: (clientId: string) => Promise<{ seq: number; conversationId: string }>,
    ) {
      const item: Sent = { clientId: newClientId(), text, sender };
      sent.push(item);
      item.ack = await send(item.clientId);
      return item.ack;
    }

    // Each visitor talks to "its" agent; the agent answers in the conversation the first
    // message opened.
    const senders = visitors.map(async (visitor, i) => {
      const agent = agents[i % agentCount]!;
      const replies = perConversation + (i < remainder ? 1 : 0);
      const first = await track(`visitor ${i}`, `v${i}#0`, (clientId) => visitor.send(`v${i}#0`, clientId));
      await agent.follow(first.conversationId);
      const fromAgent = (async () => {
        for (let k = 0; k < replies; k++) {
          await sleep(gap(replies));
          await track(`agent ${i % agentCount}`, `a${i % agentCount}>v${i}#${k}`, (clientId) =>
            agent.send(first.conversationId, `a${i % agentCount}>v${i}#${k}`, clientId),
          );
        }
      })();
      for (let k = 1; k < perVisitor; k++) {
        await sleep(gap(perVisitor));
        await track(`visitor ${i}`, `v${i}#${k}`, (clientId) => visitor.send(`v${i}#${k}`, clientId));
      }
      await fromAgent;
    });

    // Drops go on while a process is down and coming back: that is when clients reconnect.
    const drops$ = (async () => {
      while (running && Date.now() < deadline) {
        await sleep(dropEveryMs * 2 * rand());
        if (!running) break;
        const clients = [...visitors, ...agents];
        const victim = clients[Math.floor(rand() * clients.length)]!;
        if (victim.connected) {
          victim.drop();
          drops++;
        }
      }
    })();
    const kills$ = (async () => {
      for (let k = 1; k <= restarts; k++) {
        await sleep(started + (k * spanMs) / (restarts + 1) - Date.now());
        if (!running) break;
        await deployment.killOne(200 + 400 * rand());
        restarted++;
      }
    })();
    const chaos = Promise.all([drops$, kills$]);

    const finished = await Promise.race([
      Promise.all(senders).then(() => true),
      sleep(Math.max(0, deadline - Date.now())).then(() => false),
    ]);
    running = false;
    await chaos;
    if (finished) {
      // Settle: everyone back online and synced after the last drop.
      const settle = Date.now() + 15_000;
      const all = [...visitors, ...agents];
      while (all.some((c) => !c.connected) && Date.now() < settle) await sleep(50);
      await Promise.all(all.map((c) => c.syncAll()));
    }

    const rows = await deployment.messages();

    const byText = new Map<string, typeof rows>();
    const byConversation = new Map<string, typeof rows>();
    for (const row of rows) {
      byText.set(row.text, [...(byText.get(row.text) ?? []), row]);
      byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row]);
    }

    let lost = 0;
    let duplicated = 0;
    let ackMismatches = 0;
    let orderMismatches = 0;
    for (const item of sent) {
      const stored = byText.get(item.text) ?? [];
      if (stored.length === 0 || !item.ack) lost++;
      if (stored.length > 1) duplicated += stored.length - 1;
      if (item.ack && stored[0] && (stored[0].seq !== item.ack.seq || stored[0].clientId !== item.clientId)) ackMismatches++;
    }
    lost += total - sent.length; // never even sent: the run hit its deadline

    let seqGaps = 0;
    for (const list of byConversation.values()) if (list.some((row, i) => row.seq !== i + 1)) seqGaps++;

    // Each sender's own messages are stored in the order it typed them.
    const bySender = new Map<string, Sent[]>();
    for (const item of sent) bySender.set(item.sender, [...(bySender.get(item.sender) ?? []), item]);
    for (const items of bySender.values()) {
      const perConversationSeqs = new Map<string, number>();
      for (const item of items) {
        const row = byText.get(item.text)?.[0];
        if (!row) continue;
        if ((perConversationSeqs.get(row.conversationId) ?? 0) > row.seq) orderMismatches++;
        perConversationSeqs.set(row.conversationId, row.seq);
      }
    }

    // Every client sees every message of its conversations once, in the database order.
    let viewConflicts = 0;
    for (const client of [...visitors, ...agents]) {
      viewConflicts += client.view.conflicts;
      for (const conversationId of client.following) {
        const expected = (byConversation.get(conversationId) ?? []).map((r) => r.id);
        const shown = client.view.list(conversationId).map((m) => m.id);
        const missing = expected.filter((id) => !shown.includes(id)).length;
        lost += missing;
        if (missing === 0 && shown.join() !== expected.join()) orderMismatches++;
        duplicated += shown.length - new Set(shown).size;
      }
    }

    return {
      lost,
      duplicated,
      orderMismatches,
      ackMismatches,
      seqGaps,
      viewConflicts,
      messages: total,
      stored: rows.length,
      visitors: visitorCount,
      agents: agentCount,
      restarts: restarted,
      drops,
      retries: [...visitors, ...agents].reduce((n, c) => n + c.retries, 0),
      durationMs: Date.now() - started,
      seed,
      command: `npm run chaos -- --visitors ${visitorCount} --agents ${agentCount} --messages ${total} --restarts ${restarts} --seed ${seed}${options.cluster ? ' --cluster' : ''}`,
    };
  } finally {
    running = false;
    for (const client of [...visitors, ...agents]) client.close();
    await deployment.stop();
  }
}

/** A report is clean when nothing was lost, duplicated, reordered or mis-acknowledged. */
export function isClean(report: ChaosReport): boolean {
  return (
    report.lost + report.duplicated + report.orderMismatches + report.ackMismatches + report.seqGaps + report.viewConflicts === 0
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      cluster: { type: 'boolean', default: false },
      visitors: { type: 'string' },
      agents: { type: 'string' },
      messages: { type: 'string' },
      restarts: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const base: ChaosOptions = values.short ? { visitors: 10, agents: 2, messages: 300, restarts: 1, spanMs: 6000 } : {};
  const number = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const options: ChaosOptions = { ...base, cluster: values.cluster };
  for (const key of ['visitors', 'agents', 'messages', 'restarts', 'seed'] as const) {
    const n = number(values[key]);
    if (n !== undefined) options[key] = n;
  }
  const report = await runChaos(options);
  console.log(JSON.stringify(report, null, 2));
  process.exit(isClean(report) ? 0 : 1);
}
