/**
 * The embedded default: one SQLite file, no server to run. WAL lets readers proceed while a
 * write commits; synchronous=FULL makes every commit durable before we ack it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import type { Database as Schema } from './schema.js';
import type { Store } from './store.js';
import { createWorkerSqliteStore } from './worker-store.js';

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

function withStatementCache(database: Database.Database): SqliteDialectConfig['database'] {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        // Bulk inserts vary in row count, so their SQL varies: cache only up to a bound.
        if (statements.size < STATEMENT_CACHE_SIZE) statements.set(sql, statement);
      }
      return statement;
    },
  } as unknown as SqliteDialectConfig['database'];
}

/**
 * Opens (creating it and its folder when missing) and migrates the SQLite database at `file`,
 * on the SQLite thread (see sqlite-worker.ts).
 * @example const store = await createSqliteStore({ file: './data/pasokh.db' });
 */
export function createSqliteStore(options: { file: string }): Promise<Store> {
  return createWorkerSqliteStore(options);
}

/**
 * The same store on the calling thread, where every query blocks it: what the SQLite thread
 * runs. Everything else uses createSqliteStore.
 */
export async function openSqliteStoreInThread(options: { file: string }): Promise<Store> {
  mkdirSync(dirname(options.file), { recursive: true });
  const database = new Database(options.file);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const store = new KyselyStore(new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) }), { rowLocks: false });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
