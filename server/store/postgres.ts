/**
 * The scaled-out store: PostgreSQL shared by every relay process. Seqs and "one open
 * conversation per visitor" rely on row locks (see append.ts), which work across processes.
 */
import { Kysely } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import { createPostgresDialect } from './postgres-dialect.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresStoreOptions {
  /** A libpq connection URL, e.g. postgres://user@host:5432/db. */
  url: string;
  /**
   * Schema for the tables, created when missing and put first on the search_path; lets tests
   * (or several installations in one database) keep to themselves.
   * @default the database's default search_path (normally "public")
   */
  schema?: string;
  /** @default 10 */
  poolSize?: number;
  /** Write integration events to the outbox with each change. @default false */
  outbox?: boolean;
}

/**
 * Connects to PostgreSQL and migrates.
 * @example const store = await createPostgresStore({ url: process.env.DATABASE_URL! });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`The PostgreSQL schema name "${schema}" must be lowercase letters, digits and "_"`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its server emits here; without a listener that would crash the
  // process. The pool drops the client and the next query reports the failure.
  pool.on('error', () => {});

  const db = new Kysely<Database>({ dialect: createPostgresDialect(pool, schema) });
  const store = new KyselyStore(db, { rowLocks: true, outbox: options.outbox === true, ...(schema !== undefined && { schema }) });
  try {
    if (schema !== undefined) await db.schema.createSchema(schema).ifNotExists().execute();
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
