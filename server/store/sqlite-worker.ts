/**
 * The SQLite thread (docs/decisions/002-sqlite-on-its-own-thread.md). better-sqlite3 is synchronous: on the server's thread every
 * query, and above all every commit's fsync under synchronous=FULL, would stop relaying for its
 * whole length. Here they stop only this thread while the server goes on relaying. One thread
 * per process serves every database the process opens (tests open many; starting a thread
 * costs more than opening a file), each with one connection, as before: SQLite has one writer.
 */
import { parentPort } from 'node:worker_threads';
import { openSqliteStoreInThread } from './sqlite.js';
import type { Store } from './store.js';
import { encodeError, encodeValue, type WorkerReply, type WorkerRequest } from './worker-wire.js';

const port = parentPort;
if (port === null) throw new Error('sqlite-worker.ts runs as a worker thread (see worker-store.ts)');

const databases = new Map<number, Store>();

async function handle(request: WorkerRequest): Promise<unknown> {
  if (request.op === 'open') {
    databases.set(request.db, await openSqliteStoreInThread({ file: request.file, outbox: request.outbox }));
    return null;
  }
  const store = databases.get(request.db);
  if (store === undefined) throw new Error('This database is closed.');
  if (request.op === 'close') {
    databases.delete(request.db);
    await store.close();
    return null;
  }
  const method = store[request.method] as (...args: unknown[]) => Promise<unknown>;
  return encodeValue(request.method, await method.apply(store, request.args));
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: encodeError(error) } satisfies WorkerReply),
  );
});
