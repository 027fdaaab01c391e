/** The SQLite store's prepared-statement cache: batch sizes vary, the everyday ones stay prepared. */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../server/store/sqlite.js';

function countingDatabase() {
  const prepared: string[] = [];
  const database = {
    prepare: (sql: string) => {
      prepared.push(sql);
      return { sql } as unknown as Database.Statement;
    },
    close: () => undefined,
  } as unknown as Pick<Database.Database, 'prepare' | 'close'>;
  return { database, prepared };
}

describe('statement cache', () => {
  it('prepares each SQL text once while it is in use', () => {
    const { database, prepared } = countingDatabase();
    const cache = withStatementCache(database, 4);
    const first = cache.prepare('select 1');
    expect(cache.prepare('select 1')).toBe(first);
    expect(prepared).toEqual(['select 1']);
  });

  it('keeps the recently used statements after a burst of other sizes filled it', () => {
    const { database, prepared } = countingDatabase();
    const cache = withStatementCache(database, 4);
    cache.prepare('in (?)');
    cache.prepare('in (?, ?)');
    // A burst: one-off batch sizes, more than the cache holds, while size 1 stays in use.
    for (let n = 3; n <= 8; n++) {
      cache.prepare(`in (${Array(n).fill('?').join(', ')})`);
      cache.prepare('in (?)');
    }
    const before = prepared.length;
    cache.prepare('in (?)');
    expect(prepared.length).toBe(before);
    // The least recently used went: size 2 was not used during the burst.
    cache.prepare('in (?, ?)');
    expect(prepared.length).toBe(before + 1);
  });
});
