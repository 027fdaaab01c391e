/**
 * `npm run chaos` (issue 4): visitors and agents exchange messages through the real server
 * process while connections drop at random and the server is SIGKILLed and restarted; then
 * every sent message is looked up in the SQLite file and every client's view is compared with
 * the database. Prints JSON; exits non-zero when anything was lost, duplicated or reordered.
 * Only 127.0.0.1, bounded in clients, messages and time; stops by itself.
 *
 *   npm run chaos                     50 visitors, 5 agents, 2,000 messages, 2 restarts
 *   npm run chaos -- --short          10 visitors, 2 agents, 300 messages, 1 restart
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { newClientId } from '../protocol/client-ids.js';
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

  const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-chaos-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const start = () => startServerChild({ port, dataDir, args: ['bench/lib/serve.ts'] });
  let server: ServerChild = await start();
  const visitors: VisitorClient[] = [];
  const agents: AgentClient[] = [];
  const sent: Sent[] = [];
  let drops = 0;
  let restarted = 0;
  let running = true;

  try {
    for (let i = 0; i < agentCount; i++) {
      const agent = new AgentClient({ url, cookie: await login(url, ADMIN.email, ADMIN.password) });
      agents.push(agent);
      await agent.ready();
    }
    for (let i = 0; i < visitorCount; i++) visitors.push(new VisitorClient({ url }));
    await Promise.all(visitors.map((v) => v.ready()));

    const gap = (count: number) => (2 * spanMs * rand()) / Math.max(1, count);
    async function track(sender: string, text: string, send: (clientId: string) => Promise<{ seq: number; conversationId: string }>) {
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
          await track(`agent ${i % agentCount}`, `a${i % agentCount}>v${i}#${k}`, (clientId) => agent.send(first.conversationId, `a${i % agentCount}>v${i}#${k}`, clientId));
        }
      })();
      for (let k = 1; k < perVisitor; k++) {
        await sleep(gap(perVisitor));
        await track(`visitor ${i}`, `v${i}#${k}`, (clientId) => visitor.send(`v${i}#${k}`, clientId));
      }
      await fromAgent;
    });

    const chaos = (async () => {
      const kills = Array.from({ length: restarts }, (_, k) => started + ((k + 1) * spanMs) / (restarts + 1));
      while (running && Date.now() < deadline) {
        await sleep(dropEveryMs * 2 * rand());
        if (!running) break;
        const clients = [...visitors, ...agents];
        const victim = clients[Math.floor(rand() * clients.length)]!;
        if (victim.connected) {
          victim.drop();
          drops++;
        }
        if (kills.length > 0 && Date.now() >= kills[0]!) {
          kills.shift();
          await server.kill('SIGKILL');
          await sleep(200 + 400 * rand());
          server = await start();
          restarted++;
        }
      }
    })();

    const finished = await Promise.race([Promise.all(senders).then(() => true), sleep(Math.max(0, deadline - Date.now())).then(() => false)]);
    running = false;
    await chaos;
    if (finished) {
      // Settle: everyone back online and synced after the last drop.
      const settle = Date.now() + 15_000;
      const all = [...visitors, ...agents];
      while (all.some((c) => !c.connected) && Date.now() < settle) await sleep(50);
      await Promise.all(all.map((c) => c.syncAll()));
    }

    const db = new Database(join(dataDir, 'pasokh.db'), { readonly: true });
    const rows = db.prepare('select id, conversation_id as conversationId, seq, client_id as clientId, text from messages order by conversation_id, seq').all() as {
      id: string;
      conversationId: string;
      seq: number;
      clientId: string;
      text: string;
    }[];
    db.close();

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
      command: `npm run chaos -- --visitors ${visitorCount} --agents ${agentCount} --messages ${total} --restarts ${restarts} --seed ${seed}`,
    };
  } finally {
    running = false;
    for (const client of [...visitors, ...agents]) client.close();
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A report is clean when nothing was lost, duplicated, reordered or mis-acknowledged. */
export function isClean(report: ChaosReport): boolean {
  return report.lost + report.duplicated + report.orderMismatches + report.ackMismatches + report.seqGaps + report.viewConflicts === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      visitors: { type: 'string' },
      agents: { type: 'string' },
      messages: { type: 'string' },
      restarts: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const base: ChaosOptions = values.short ? { visitors: 10, agents: 2, messages: 300, restarts: 1, spanMs: 6000 } : {};
  const number = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const options: ChaosOptions = { ...base };
  for (const key of ['visitors', 'agents', 'messages', 'restarts', 'seed'] as const) {
    const n = number(values[key]);
    if (n !== undefined) options[key] = n;
  }
  const report = await runChaos(options);
  console.log(JSON.stringify(report, null, 2));
  process.exit(isClean(report) ? 0 : 1);
}
