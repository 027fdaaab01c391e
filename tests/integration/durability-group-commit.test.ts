/**
 * Group commit on a real SQLite file: what arrives together is saved in one store
 * call (one transaction), and every caller still gets its own result or its own error.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommitter } from '../../server/relay/committer.js';
import { createSqliteStore } from '../../server/store/index.js';
import { ConflictError, type Store } from '../../server/store/store.js';

let dir: string;
let store: Store;
/** Store calls that open a transaction for appends, by method. */
let calls: Record<string, number[]>;

/** The real store, with its batch methods counted (batch sizes) on the way through. */
function counting(target: Store): Store {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'appendMessages' || property === 'appendVisitorMessages') {
        return (batch: unknown[]) => {
          (calls[property] ??= []).push(batch.length);
          return (value as (b: unknown[]) => unknown).call(object, batch);
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(object);
    },
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pasokh-commit-'));
  store = await createSqliteStore({ file: join(dir, 'pasokh.db') });
  calls = {};
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const visitorMessage = (visitorId: string, text: string, clientId = randomUUID()) => ({
  site: 'default',
  visitorId,
  message: { clientId, author: { kind: 'visitor' as const, id: visitorId }, text },
});

describe('the group committer', () => {
  it('saves visitor messages that arrive together in one transaction and answers each sender', async () => {
    const visitors = await Promise.all(
      Array.from({ length: 40 }, () => store.createVisitor({ site: 'default', tokenHash: randomUUID() })),
    );
    const committer = createCommitter(counting(store));
    const results = await Promise.all(visitors.map((v, i) => committer.appendVisitor(visitorMessage(v.id, `first words ${i}`))));

    expect(calls.appendVisitorMessages).toEqual([40]);
    results.forEach((result, i) => {
      expect(result).toMatchObject({ created: true, duplicate: false, message: { seq: 1, text: `first words ${i}` } });
      expect(result.conversation.visitorId).toBe(visitors[i]!.id);
    });
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(40);
  });

  it('keeps one visitor’s burst in order with gapless seqs, and two racing first messages in one conversation', async () => {
    const visitor = await store.createVisitor({ site: 'default', tokenHash: randomUUID() });
    const committer = createCommitter(counting(store));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => committer.appendVisitor(visitorMessage(visitor.id, `burst ${i}`))),
    );

    expect(results.map((r) => r.message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stored = await store.listMessages(results[0]!.conversation.id, { includeInternal: true });
    expect(stored.map((m) => m.text)).toEqual(results.map((r) => r.message.text));
  });

  it('fails only the conflicting item of a batch and answers a resend with the original seq', async () => {
    const visitor = await store.createVisitor({ site: 'default', tokenHash: randomUUID() });
    const first = await store.appendVisitorMessage(visitorMessage(visitor.id, 'hello'));
    const committer = createCommitter(counting(store));
    const id = first.conversation.id;
    const agent = { kind: 'agent' as const, id: 'a1', name: 'Ada' };
    const clientId = randomUUID();

    const outcomes = await Promise.allSettled([
      committer.append(id, { clientId, author: agent, text: 'one' }),
      committer.append(id, { clientId: first.message.clientId, author: agent, text: 'reusing a visitor clientId' }),
      committer.append(id, { clientId, author: agent, text: 'one' }),
      committer.append(id, { clientId: randomUUID(), author: agent, text: 'two' }),
      committer.append('no-such-conversation', { clientId: randomUUID(), author: agent, text: 'lost?' }),
    ]);

    expect(calls.appendMessages).toEqual([5]);
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { duplicate: false, message: { seq: 2 } } });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.any(ConflictError) });
    expect(outcomes[2]).toMatchObject({ status: 'fulfilled', value: { duplicate: true, message: { seq: 2 } } });
    expect(outcomes[3]).toMatchObject({ status: 'fulfilled', value: { duplicate: false, message: { seq: 3 } } });
    expect(outcomes[4]).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } });
    expect((await store.listMessages(id, { includeInternal: true })).map((m) => m.text)).toEqual(['hello', 'one', 'two']);
  });

  it('rejects every caller of a batch whose transaction fails, and writes nothing of it', async () => {
    const visitor = await store.createVisitor({ site: 'default', tokenHash: randomUUID() });
    const committer = createCommitter(store);
    await store.close();
    const outcomes = await Promise.allSettled([
      committer.appendVisitor(visitorMessage(visitor.id, 'a')),
      committer.appendVisitor(visitorMessage(visitor.id, 'b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    store = await createSqliteStore({ file: join(dir, 'pasokh.db') });
    expect(await store.findOpenConversation(visitor.id)).toBeNull();
  });

  it('tells the hook about new messages after their commit and before their callers, never about a resend', async () => {
    const visitor = await store.createVisitor({ site: 'default', tokenHash: randomUUID() });
    const seen: string[] = [];
    const committer = createCommitter(store, {
      afterCommit: (messages) => {
        // Already durable: a second connection to the file sees the rows.
        const db = new Database(join(dir, 'pasokh.db'), { readonly: true });
        const count = db
          .prepare('select count(*) as n from messages where id in (' + messages.map(() => '?').join(',') + ')')
          .get(...messages.map((m) => m.id)) as { n: number };
        db.close();
        seen.push(`commit ${messages.map((m) => m.text).join('+')} on disk ${count.n}`);
      },
    });
    const message = visitorMessage(visitor.id, 'once');
    await Promise.all([
      committer.appendVisitor(message).then(() => seen.push('caller')),
      committer.appendVisitor(visitorMessage(visitor.id, 'twice')).then(() => seen.push('caller')),
    ]);
    await committer.appendVisitor(message);
    expect(seen).toEqual(['commit once+twice on disk 2', 'caller', 'caller']);
  });

  it('keeps the SQLite file in WAL mode', async () => {
    const db = new Database(join(dir, 'pasokh.db'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
