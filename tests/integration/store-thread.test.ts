/**
 * The SQLite store runs on its own thread (server/store/worker-store.ts): what crosses the
 * boundary, and what happens around opening and closing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, createSqliteStore } from '../../server/store/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pasokh-thread-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite store on its own thread', () => {
  it('rejects a database it cannot open with the reason, and opens the next one fine', async () => {
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, 'x');
    await expect(createSqliteStore({ file: join(notADirectory, 'pasokh.db') })).rejects.toThrow(notADirectory);

    const store = await createSqliteStore({ file: join(dir, 'ok.db') });
    expect(await store.listAgents()).toEqual([]);
    await store.close();
  });

  it('keeps two databases apart on the one thread', async () => {
    const a = await createSqliteStore({ file: join(dir, 'a.db') });
    const b = await createSqliteStore({ file: join(dir, 'b.db') });
    await a.createAgent({ email: 'ada@example.com', name: 'Ada', role: 'admin', passwordHash: 'h' });
    expect((await a.listAgents()).map((x) => x.email)).toEqual(['ada@example.com']);
    expect(await b.listAgents()).toEqual([]);
    // A constraint error comes back as the store's own class, not a bare Error.
    await expect(
      a.createAgent({ email: 'ada@example.com', name: 'Ada again', role: 'agent', passwordHash: 'h' }),
    ).rejects.toBeInstanceOf(ConflictError);
    await a.close();
    expect(await b.listAgents()).toEqual([]);
    await b.close();
  });

  it('answers the calls already made before it closes, and refuses calls after', async () => {
    const store = await createSqliteStore({ file: join(dir, 'c.db') });
    const made = Array.from({ length: 20 }, (_, i) =>
      store.createAgent({ email: `agent${i}@example.com`, name: `Agent ${i}`, role: 'agent', passwordHash: 'h' }),
    );
    const closed = store.close();
    const agents = await Promise.all(made);
    await closed;
    expect(agents).toHaveLength(20);
    await expect(store.listAgents()).rejects.toThrow(/closed/);

    const reopened = await createSqliteStore({ file: join(dir, 'c.db') });
    expect(await reopened.listAgents()).toHaveLength(20);
    await reopened.close();
  });
});
