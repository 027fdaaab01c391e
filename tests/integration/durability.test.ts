/**
 * Durable delivery (docs/architecture.md, "Delivery"): the real server process (`pasokh serve`, the CLI `npm start` runs) on
 * a real SQLite file, killed, paused and restarted under clients that follow the delivery
 * protocol as shipped (client/, through bench/lib/protocol-client.ts). Restarts reuse the port
 * and the data folder, so the clients reconnect by themselves as they would to a restarted
 * production server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentClient, login, VisitorClient } from '../../bench/lib/protocol-client.js';
import { ADMIN, freePort, startServerChild, type ServerChild } from '../../bench/lib/server-process.js';

interface Row {
  id: string;
  seq: number;
  client_id: string;
  text: string;
}

let dataDir: string;
let port: number;
let server: ServerChild | undefined;
const clients: { close(): void }[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pasokh-durability-'));
  port = await freePort();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  if (server?.alive()) server.child.kill('SIGCONT');
  await server?.kill('SIGTERM');
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts (or restarts) the server on this test's port and data folder. */
async function start(options: { crashAfterCommit?: string } = {}): Promise<ServerChild> {
  server = await startServerChild(
    options.crashAfterCommit === undefined
      ? { port, dataDir }
      : { port, dataDir, args: ['tests/integration/crash-entry.ts'], env: { CRASH_AFTER_COMMIT: options.crashAfterCommit } },
  );
  return server;
}

/** Sends a signal and waits for the process to be gone. */
function kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return server!.kill(signal);
}

/** The rows as the database has them, read from the file itself (WAL included). */
function rows(where: { conversationId?: string; clientId?: string }): Row[] {
  const db = new Database(join(dataDir, 'pasokh.db'), { readonly: true, fileMustExist: true });
  try {
    if (where.clientId)
      return db
        .prepare('select id, seq, client_id, text from messages where client_id = ? order by seq')
        .all(where.clientId) as Row[];
    return db
      .prepare('select id, seq, client_id, text from messages where conversation_id = ? order by seq')
      .all(where.conversationId) as Row[];
  } finally {
    db.close();
  }
}

function visitor(options: { ackTimeoutMs?: number } = {}): VisitorClient {
  const client = new VisitorClient({ url: `http://127.0.0.1:${port}`, ...options });
  clients.push(client);
  return client;
}

async function agent(options: { ackTimeoutMs?: number } = {}): Promise<AgentClient> {
  const url = `http://127.0.0.1:${port}`;
  const client = new AgentClient({ url, cookie: await login(url, ADMIN.email, ADMIN.password), ...options });
  clients.push(client);
  await client.ready();
  return client;
}

async function until(what: string, test: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('durable delivery against the real server process', () => {
  it('stores a clientId sent three times (normally, after a reconnect, after a restart) once, with one seq in all three acks', async () => {
    await start();
    const v = visitor();
    await v.ready();
    const clientId = randomUUID();
    const first = await v.send('Only one of me, please', clientId);

    v.drop();
    await until('the visitor reconnects', () => v.connected);
    const second = await v.send('Only one of me, please', clientId);

    await kill('SIGTERM');
    await start();
    const third = await v.send('Only one of me, please', clientId);

    expect([second, third]).toEqual([first, first]);
    expect(rows({ clientId })).toEqual([expect.objectContaining({ seq: first.seq, text: 'Only one of me, please' })]);
  }, 120_000);

  it('keeps a message that was acknowledged just before kill -9', async () => {
    await start();
    const v = visitor();
    await v.ready();
    await v.send('warm-up');
    const clientId = randomUUID();
    // The kill goes out in the same turn as the ack arrives: nothing else can happen in between.
    const acked = await v.send('Saved before the crash', clientId).then(async (ack) => {
      await kill('SIGKILL');
      return ack;
    });
    expect(rows({ clientId })).toEqual([expect.objectContaining({ seq: acked.seq })]);

    await start();
    // A fresh client with the same token knows only what the restarted server tells it.
    const again = new VisitorClient({ url: `http://127.0.0.1:${port}`, token: v.token! });
    clients.push(again);
    const hello = await again.ready();
    expect(hello.conversation).toEqual({ id: acked.conversationId, status: 'open', lastSeq: 2 });
    await until('the returning visitor has synced both messages', () => again.view.list(acked.conversationId).length === 2);
    expect(again.view.list(acked.conversationId).map((m) => [m.seq, m.clientId])).toEqual([
      [1, expect.any(String)],
      [2, clientId],
    ]);
  }, 120_000);

  it('stores a message once when the server dies between its commit and its ack and the client retries', async () => {
    const text = 'Committed but never acknowledged';
    await start({ crashAfterCommit: text });
    const v = visitor({ ackTimeoutMs: 1000 });
    await v.ready();
    const before = await v.send('before the crash');
    const clientId = randomUUID();
    let acked = false;
    const sending = v.send(text, clientId).then((ack) => {
      acked = true;
      return ack;
    });
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      server!.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    expect(exit.signal === 'SIGKILL' || exit.code === 137).toBe(true);
    // The window the hook opens: on disk, yet the client has heard nothing.
    expect(rows({ clientId })).toHaveLength(1);
    expect(acked).toBe(false);

    await start(); // without the hook
    const ack = await sending;
    expect(ack).toEqual({ conversationId: before.conversationId, seq: 2 });
    expect(rows({ clientId })).toEqual([expect.objectContaining({ seq: 2, text })]);
    expect(v.retries).toBeGreaterThan(0);
  }, 120_000);

  it('shows a message once when the server is paused past the ack timeout and then resumed', async () => {
    await start();
    const a = await agent();
    const v = visitor({ ackTimeoutMs: 400 });
    await v.ready();
    const helloId = randomUUID();
    const first = await v.send('hello', helloId);
    await a.follow(first.conversationId);

    const clientId = randomUUID();
    server!.child.kill('SIGSTOP');
    try {
      const sending = v.send('Sent while the server slept', clientId);
      await until('the visitor has retried twice', () => v.retries >= 2, 5000);
      server!.child.kill('SIGCONT');
      const ack = await sending;
      expect(ack.seq).toBe(2);
    } finally {
      server!.child.kill('SIGCONT');
    }
    await until('the agent has it', () => a.view.list(first.conversationId).length === 2);
    await new Promise((r) => setTimeout(r, 500)); // room for a late duplicate to show up

    const stored = rows({ clientId });
    expect(stored).toHaveLength(1);
    expect(a.deliveries.get(stored[0]!.id)).toBe(1);
    expect(v.deliveries.get(stored[0]!.id)).toBe(1);
    expect(a.view.list(first.conversationId).map((m) => m.clientId)).toEqual([helloId, clientId]);
  }, 120_000);

  it('gives an offline visitor all 20 agent messages and its own 3 once each, in the database order everywhere', async () => {
    await start();
    const a = await agent();
    const v = visitor();
    await v.ready();
    const { conversationId } = await v.send('I will be right back');
    await a.follow(conversationId);

    v.offline();
    const typedOffline = Promise.all([1, 2, 3].map((i) => v.send(`visitor offline ${i}`)));
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => a.send(conversationId, `agent ${i + 1}`)));
    expect(replies.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(v.pending).toBe(3);

    v.online();
    const typed = await typedOffline;
    expect(typed.map((t) => t.seq)).toEqual([22, 23, 24]);
    await until(
      'both sides hold all 24',
      () => v.view.list(conversationId).length === 24 && a.view.list(conversationId).length === 24,
    );

    const stored = rows({ conversationId });
    const expected = [
      'I will be right back',
      ...Array.from({ length: 20 }, (_, i) => `agent ${i + 1}`),
      'visitor offline 1',
      'visitor offline 2',
      'visitor offline 3',
    ];
    expect(stored.map((r) => r.text)).toEqual(expected);
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(v.view.list(conversationId).map((m) => m.id)).toEqual(stored.map((r) => r.id));
    expect(a.view.list(conversationId).map((m) => m.id)).toEqual(stored.map((r) => r.id));
    expect(v.view.conflicts + a.view.conflicts).toBe(0);
  }, 120_000);
});
