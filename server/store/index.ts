/**
 * Opening the configured store. Everything outside server/store imports from here (or the
 * types from store.ts), never a dialect file directly.
 */
import { join } from 'node:path';
import { createPostgresStore } from './postgres.js';
import { createSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export * from './store.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres.js';
export { createSqliteStore } from './sqlite.js';

/** The SQLite file inside the data folder. */
export const SQLITE_FILE_NAME = 'pasokh.db';

/**
 * PostgreSQL when `databaseUrl` is set, otherwise SQLite at `${dataDir}/pasokh.db`. Migrated
 * and ready when the promise resolves.
 */
export async function openStore(config: {
  databaseUrl?: string;
  databaseSchema?: string;
  dataDir: string;
  outbox?: boolean;
}): Promise<Store> {
  const outbox = config.outbox === true;
  if (config.databaseUrl !== undefined && config.databaseUrl !== '') {
    return createPostgresStore({
      url: config.databaseUrl,
      outbox,
      ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
    });
  }
  return createSqliteStore({ file: join(config.dataDir, SQLITE_FILE_NAME), outbox });
}
