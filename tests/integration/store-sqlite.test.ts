/** The Store contract on SQLite: a fresh database file in the OS temp folder per test. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, WAL_CHECKPOINT_PAGES } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pasokh-store-'));
  // A nested path: the store creates missing folders itself.
  const file = join(dir, 'data', 'pasokh.db');
  let current: Store = await createSqliteStore({ file });
  return {
    store: current,
    reopen: async () => {
      current = await createSqliteStore({ file });
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
      expect(tables).toEqual(expect.arrayContaining(['agents', 'conversations', 'faq_events', 'messages', 'saved_replies', 'sessions', 'visitors']));
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
      const visitors = await Promise.all(Array.from({ length: 20 }, (_, i) => store.createVisitor({ site: 'default', tokenHash: `wal-${i}` })));
      // One commit per message, spread over 20 conversations: several pages each, well past
      // SQLite's default checkpoint at 1,000 pages.
      for (let i = 0; i < 400; i++) {
        const visitor = visitors[i % visitors.length]!;
        await store.appendVisitorMessage({ site: 'default', visitorId: visitor.id, message: { clientId: crypto.randomUUID(), author: { kind: 'visitor', id: visitor.id }, text: `message ${i}` } });
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
});
