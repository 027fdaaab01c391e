/**
 * A reconnect storm: 300 visitors behind one address (127.0.0.1, as behind an office NAT), each
 * with messages in flight and queued, the server killed with `kill -9` and restarted on the same
 * data. All of them must come back and every queued message must be stored and acknowledged
 * within 30 s, none lost and none twice. Clients follow the delivery protocol
 * (bench/lib/protocol-client.ts); the server is the real `pasokh serve` process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { VisitorClient } from '../../bench/lib/protocol-client.js';
import { freePort, startServerChild, type ServerChild } from '../../bench/lib/server-process.js';

const VISITORS = 300;
const RECOVERY_MS = 30_000;

let dataDir: string | undefined;
let server: ServerChild | undefined;
const clients: VisitorClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.kill('SIGKILL');
  server = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function storedTexts(): Map<string, string[]> {
  const db = new Database(join(dataDir!, 'pasokh.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select conversation_id, text from messages order by conversation_id, seq').all() as {
      conversation_id: string;
      text: string;
    }[];
    const byConversation = new Map<string, string[]>();
    for (const row of rows)
      byConversation.set(row.conversation_id, [...(byConversation.get(row.conversation_id) ?? []), row.text]);
    return byConversation;
  } finally {
    db.close();
  }
}

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('a reconnect storm after kill -9', () => {
  it(`brings ${VISITORS} visitors from one address back and delivers every queued message once within 30 s`, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pasokh-storm-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = await startServerChild({ port, dataDir });

    for (let i = 0; i < VISITORS; i++) clients.push(new VisitorClient({ url, ackTimeoutMs: 3000 }));
    // Not the guarantee under test, so bounded loosely: a loaded machine may be slow to greet 300.
    await within(60_000, 'the first connections', Promise.all(clients.map((c) => c.ready(60_000))));
    const first = await Promise.all(clients.map((c, i) => c.send(`first ${i}`)));

    // In flight at the kill: some stored and acknowledged, some stored and not, some never sent.
    let acked = 0;
    let ackedBeforeKill = -1;
    let ackedWhenItDied = -1;
    const killed = new Promise<void>((resolve) => server!.child.once('exit', () => resolve(void (ackedWhenItDied = acked))));
    const inFlight = clients.map((c, i) =>
      c.send(`in flight ${i}`).then((ack) => {
        // The kill goes out in the turn the first ack arrives: the rest are on the wire or queued.
        if (acked++ === 0) {
          ackedBeforeKill = acked;
          server!.child.kill('SIGKILL');
        }
        return ack;
      }),
    );
    await killed;
    const queued = clients.map((c, i) => c.send(`queued while down ${i}`));

    server = await startServerChild({ port, dataDir });
    const restartedAt = Date.now();
    const [secondAcks, thirdAcks] = await within(
      RECOVERY_MS,
      'delivering every queued message',
      Promise.all([Promise.all(inFlight), Promise.all(queued)]),
    );
    const recoveredMs = Date.now() - restartedAt;
    expect(clients.filter((c) => !c.connected)).toHaveLength(0);

    const stored = storedTexts();
    expect(stored.size).toBe(VISITORS);
    clients.forEach((_, i) => {
      const conversationId = first[i]!.conversationId;
      expect(secondAcks[i]).toEqual({ conversationId, seq: 2 });
      expect(thirdAcks[i]).toEqual({ conversationId, seq: 3 });
      expect(stored.get(conversationId)).toEqual([`first ${i}`, `in flight ${i}`, `queued while down ${i}`]);
    });
    console.log(
      JSON.stringify({
        visitors: VISITORS,
        ackedBeforeKill,
        ackedWhenItDied,
        recoveredMs,
        retries: clients.reduce((n, c) => n + c.retries, 0),
      }),
    );
  }, 120_000);
});
