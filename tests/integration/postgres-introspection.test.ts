/**
 * Migrating on PostgreSQL must not trip over other schemas in the same database. Kysely's
 * Migrator asks the dialect's introspector which tables exist; the stock PostgreSQL introspector
 * lists every table of every schema and looks each schema up by name, so a schema that another
 * session drops while the query runs failed our migration with `schema "…" does not exist`.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDialect } from '../../server/store/postgres-dialect.js';
import { createPostgresStore } from '../../server/store/postgres.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function schemaName(): string {
  return `pasokh_test_${randomBytes(6).toString('hex')}`;
}

async function admin(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

async function ownSchema(client: pg.Client): Promise<string> {
  const schema = schemaName();
  await client.query(`create schema "${schema}"`);
  await client.query(`create table "${schema}".notes (id serial primary key, body text not null)`);
  cleanups.push(async () => void (await client.query(`drop schema if exists "${schema}" cascade`)));
  return schema;
}

function kyselyOn(dialect: PostgresDialect): Kysely<unknown> {
  const db = new Kysely<unknown>({ dialect });
  cleanups.push(() => db.destroy());
  return db;
}

/**
 * Lists tables inside a repeatable-read transaction whose snapshot was taken before another
 * session dropped a schema: the catalog rows of the dropped schema stay visible to the scan while
 * name lookups see the drop. That is the race of a concurrent drop, made deterministic.
 */
async function tablesAfterConcurrentDrop(db: Kysely<unknown>, client: pg.Client) {
  const doomed = schemaName();
  await client.query(`create schema "${doomed}"; create table "${doomed}".t (id serial primary key)`);
  cleanups.push(async () => void (await client.query(`drop schema if exists "${doomed}" cascade`)));
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await client.query(`drop schema "${doomed}" cascade`);
      return trx.introspection.getTables({ withInternalKyselyTables: true });
    });
}

describe('PostgreSQL introspection for migrations', () => {
  it('fails with the stock introspector when another session drops a schema mid-query (the race it guards)', async () => {
    const client = await admin();
    const db = kyselyOn(new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }));
    await expect(tablesAfterConcurrentDrop(db, client)).rejects.toThrow(/schema "pasokh_test_[0-9a-f]+" does not exist/);
  });

  it('lists only its own schema, unharmed by another session dropping a schema mid-query', async () => {
    const client = await admin();
    const schema = await ownSchema(client);
    const db = kyselyOn(
      createPostgresDialect(new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` }), schema),
    );
    const tables = await tablesAfterConcurrentDrop(db, client);
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual([`${schema}.notes`]);
    expect(tables[0]!.columns.map((c) => [c.name, c.dataType, c.isNullable, c.isAutoIncrementing])).toEqual([
      ['id', 'int4', false, true],
      ['body', 'text', false, false],
    ]);
  });

  it('lists the search_path schema when no schema is named', async () => {
    const client = await admin();
    const schema = await ownSchema(client);
    const db = kyselyOn(
      createPostgresDialect(new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` })),
    );
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual([`${schema}.notes`]);
  });

  it('migrates a store while other sessions keep dropping schemas', { timeout: 60_000 }, async () => {
    const client = await admin();
    const doomed = Array.from({ length: 40 }, schemaName);
    for (const name of doomed)
      await client.query(`create schema "${name}"; create table "${name}".t (id serial primary key, v text)`);
    cleanups.push(
      async () => void (await client.query(doomed.map((name) => `drop schema if exists "${name}" cascade`).join(';'))),
    );
    const dropper = (async () => {
      for (const name of doomed) await client.query(`drop schema "${name}" cascade`);
    })();
    const failures: string[] = [];
    for (let i = 0; i < 4; i++) {
      const schema = schemaName();
      cleanups.push(async () => void (await client.query(`drop schema if exists "${schema}" cascade`)));
      await createPostgresStore({ url, schema, poolSize: 2 })
        .then((store) => store.close())
        .catch((error: unknown) => void failures.push(error instanceof Error ? error.message : String(error)));
    }
    await dropper;
    expect(failures).toEqual([]);
  });
});
