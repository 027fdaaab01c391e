/**
 * The embedded default: one SQLite file, no server to run. WAL lets readers proceed while a
 * write commits; synchronous=FULL makes every commit durable before we ack it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import { KyselyStore } from './kysely-store.js';
import type { Database as Schema } from './schema.js';
import type { Store } from './store.js';
import { createWorkerSqliteStore } from './worker-store.js';

/** @see openSqliteStoreInThread */
export const WAL_CHECKPOINT_PAGES = 250;

/** How long a writer waits for another process (say `pasokh agent add`) to finish. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Every transaction of the store writes, so take the write lock at BEGIN: a deferred
 * transaction that reads first and writes later can fail with SQLITE_BUSY when another process
 * wrote in between, and busy_timeout cannot retry that.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Kysely prepares every query anew; reusing statements saves a parse per message on the hot path. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Group commits put a batch's ids in IN lists and its rows in one INSERT, so the SQL varies
 * with the batch size. A cache that stopped filling once full kept whatever sizes a burst had
 * left and prepared the everyday ones on every commit; least recently used goes first instead.
 */
export function withStatementCache(
  database: Pick<Database.Database, 'prepare' | 'close'>,
  capacity = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // A Map iterates in insertion order: re-inserting marks it the most recently used.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  } as unknown as SqliteDatabase;
}

/**
 * Opens (creating it and its folder when missing) and migrates the SQLite database at `file`,
 * on the SQLite thread (see sqlite-worker.ts).
 * @example const store = await createSqliteStore({ file: './data/pasokh.db' });
 */
export function createSqliteStore(options: { file: string; outbox?: boolean }): Promise<Store> {
  return createWorkerSqliteStore(options);
}

/**
 * The same store on the calling thread, where every query blocks it: what the SQLite thread
 * runs. Everything else uses createSqliteStore.
 */
export async function openSqliteStoreInThread(options: { file: string; outbox?: boolean }): Promise<Store> {
  mkdirSync(dirname(options.file), { recursive: true });
  const database = new Database(options.file);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    // A checkpoint runs inside the commit that fills the WAL to this many pages, and that
    // commit's messages wait for it: at SQLite's default of 1,000 pages it took 7–13 ms under
    // load, at 250 about 3 ms, for the same work in four parts.
    database.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const store = new KyselyStore(
    new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) }),
    { rowLocks: false, outbox: options.outbox === true },
  );
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
