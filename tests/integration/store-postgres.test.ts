/**
 * The Store contract on PostgreSQL, each test in a fresh random schema dropped afterwards.
 * Without a reachable server the suite is skipped on a laptop but fails in CI, where a
 * silently skipped database suite would be a lie.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { createPostgresStore } from '../../server/store/postgres.js';
import type { Store } from '../../server/store/store.js';
import { describeStoreContract } from './store-contract.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function unreachableReason(): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

const reason = await unreachableReason();

if (reason !== null) {
  const message = `PostgreSQL is unreachable at ${url.replace(/\/\/[^@/]*@/, '//…@')} (${reason})`;
  if (process.env.CI) {
    describe('Store contract: PostgreSQL', () => {
      it('needs a reachable PostgreSQL in CI', () => {
        throw new Error(`${message}. Set DATABASE_URL or start PostgreSQL.`);
      });
    });
  } else {
    console.warn(`Skipping the PostgreSQL store contract: ${message}.`);
    describe.skip(`Store contract: PostgreSQL (skipped: ${message})`, () => {
      it('runs when PostgreSQL is reachable', () => {});
    });
  }
} else {
  describeStoreContract('PostgreSQL', async () => {
    const schema = `pasokh_test_${randomBytes(6).toString('hex')}`;
    let current: Store = await createPostgresStore({ url, schema, outbox: true });
    return {
      store: current,
      reopen: async () => {
        current = await createPostgresStore({ url, schema, outbox: true });
        return current;
      },
      cleanup: async () => {
        await current.close();
        await dropSchema(schema);
      },
    };
  });
}
