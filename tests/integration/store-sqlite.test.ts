/** The Store contract on SQLite: a fresh database file in the OS temp folder per test. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { provider } from '../../server/store/migrations/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, WAL_CHECKPOINT_PAGES } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pasokh-store-'));
  // A nested path: the store creates missing folders itself.
  const file = join(dir, 'data', 'pasokh.db');
  let current: Store = await createSqliteStore({ file, outbox: true });
  return {
    store: current,
    reopen: async () => {
      current = await createSqliteStore({ file, outbox: true });
      return current;
    },
    cleanup: async () => {
      await current.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store file', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('is opened in WAL mode with full synchronous commits and foreign keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pasokh-store-'));
    dirs.push(dir);
    const file = join(dir, 'pasokh.db');
    const store = await createSqliteStore({ file });
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      // journal_mode is a property of the file and survives the connection.
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining(['agents', 'conversations', 'faq_events', 'messages', 'saved_replies', 'sessions', 'visitors']),
      );
      // The clientId key leads with the (time-ordered) client id: see migration 0002.
      const keys = db
        .prepare(
          "select name from sqlite_master where type = 'index' and tbl_name = 'messages' and name like 'messages_%' order by name",
        )
        .pluck()
        .all();
      expect(keys).toEqual(['messages_client_id_conversation', 'messages_conversation_seq']);
      expect(
        db.prepare("select name from pragma_index_info('messages_client_id_conversation') order by seqno").pluck().all(),
      ).toEqual(['client_id', 'conversation_id']);
    } finally {
      db.close();
    }
  });

  it('checkpoints the WAL every few hundred pages, so no commit waits for a long checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pasokh-store-'));
    dirs.push(dir);
    const file = join(dir, 'pasokh.db');
    const store = await createSqliteStore({ file });
    try {
      const visitors = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.createVisitor({ site: 'default', tokenHash: `wal-${i}` })),
      );
      // One commit per message, spread over 20 conversations: several pages each, well past
      // SQLite's default checkpoint at 1,000 pages.
      for (let i = 0; i < 400; i++) {
        const visitor = visitors[i % visitors.length]!;
        await store.appendVisitorMessage({
          site: 'default',
          visitorId: visitor.id,
          message: { clientId: crypto.randomUUID(), author: { kind: 'visitor', id: visitor.id }, text: `message ${i}` },
        });
      }
      const frame = 4096 + 24;
      const { size } = await stat(`${file}-wal`);
      expect(size).toBeGreaterThan(0);
      // The WAL restarts from its start after each complete checkpoint: it never holds much
      // more than the checkpoint size plus one commit.
      expect(size).toBeLessThanOrEqual(32 + (WAL_CHECKPOINT_PAGES + 64) * frame);
    } finally {
      await store.close();
    }
  });

  it('upgrades a database made before the clientId key was reordered, keeping its messages and their dedupe', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pasokh-store-'));
    dirs.push(dir);
    const file = join(dir, 'pasokh.db');
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    const { error } = await new Migrator({ db: old, provider }).migrateTo('0001-initial');
    expect(error).toBeUndefined();
    const at = new Date().toISOString();
    await old
      .insertInto('visitors')
      .values({ id: 'v1', site: 'default', token_hash: 'h', first_seen_at: at, last_seen_at: at })
      .execute();
    await old
      .insertInto('conversations')
      .values({
        id: 'c1',
        site: 'default',
        visitor_id: 'v1',
        status: 'open',
        offline: 0,
        context: '{}',
        last_seq: 1,
        created_at: at,
      })
      .execute();
    await old
      .insertInto('messages')
      .values({
        id: 'm1',
        conversation_id: 'c1',
        seq: 1,
        client_id: 'client-1',
        author_kind: 'visitor',
        author_id: 'v1',
        text: 'before the upgrade',
        internal: 0,
        created_at: at,
      })
      .execute();
    await old.destroy();

    const store = await createSqliteStore({ file });
    try {
      const again = await store.appendMessage('c1', {
        clientId: 'client-1',
        author: { kind: 'visitor', id: 'v1' },
        text: 'before the upgrade',
      });
      expect(again).toMatchObject({ duplicate: true, message: { id: 'm1', seq: 1 } });
      await expect(
        store.appendMessage('c1', { clientId: 'client-1', author: { kind: 'visitor', id: 'v1' }, text: 'changed' }),
      ).rejects.toThrow(/already used/);
      expect(
        (await store.appendMessage('c1', { clientId: 'client-2', author: { kind: 'visitor', id: 'v1' }, text: 'after' })).message
          .seq,
      ).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('upgrades agents to serve every site and marks only the user id of identified visitors as signed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pasokh-store-'));
    dirs.push(dir);
    const file = join(dir, 'pasokh.db');
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    const { error } = await new Migrator({ db: old, provider }).migrateTo('0002-client-id-index');
    expect(error).toBeUndefined();
    const at = new Date().toISOString();
    await old
      .insertInto('visitors')
      .values({
        id: 'v1',
        site: 'default',
        token_hash: 'h1',
        external_id: 'mallory',
        name: 'Alice Admin',
        email: 'alice@example.com',
        first_seen_at: at,
        last_seen_at: at,
      })
      .execute();
    await old
      .insertInto('visitors')
      .values({ id: 'v2', site: 'default', token_hash: 'h2', name: 'Guest', first_seen_at: at, last_seen_at: at })
      .execute();
    await old
      .insertInto('agents')
      .values({
        id: 'a1',
        email: 'sara@example.com',
        email_key: 'sara@example.com',
        name: 'Sara',
        role: 'agent',
        password_hash: 'x',
        disabled: 0,
        created_at: at,
      })
      .execute();
    await old.destroy();

    const store = await createSqliteStore({ file });
    try {
      expect((await store.getVisitor('v1'))?.verifiedFields).toEqual(['id']);
      expect((await store.getVisitor('v2'))?.verifiedFields).toEqual([]);
      expect((await store.getAgent('a1'))?.sites).toBeNull();
    } finally {
      await store.close();
    }
  });
});
