/**
 * A Store whose every call runs on the SQLite thread (sqlite-worker.ts) and comes back as a
 * promise: the same interface, so nothing above the store knows. The thread starts with the
 * first database opened and serves every later one; it keeps the process alive only while a
 * call is waiting for it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Store } from './store.js';
import { decodeError, decodeValue, type StoreMethod, type WorkerReply, type WorkerRequest } from './worker-wire.js';

/** Omit over each member of a union, so `op` still tells which fields a request has. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type RequestBody = OmitEach<WorkerRequest, 'id'>;

/**
 * From source (tests, a checkout) the server runs TypeScript through tsx, whose loader hooks do
 * not reach worker threads: the thread's first act is to load its entry through tsx's own API,
 * resolved from this file so the server works from any working directory. Compiled, it needs
 * neither.
 */
function tsWorkerBootstrap(entry: URL): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
  return `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
}

interface Host {
  request(body: RequestBody, db: StoreHandle): Promise<unknown>;
}

interface StoreHandle {
  /** Set when the thread died under this store: every later call fails with it. */
  stopped?: Error;
  closing?: Promise<void>;
}

let host: Host | undefined;

/** @see startHost */
const YOUNG_GENERATION_MB = 4;

function startHost(): Host {
  // Compiled, this file is worker-store.js and its thread's entry sqlite-worker.js.
  const entry = new URL(import.meta.url.endsWith('.ts') ? './sqlite-worker.ts' : './sqlite-worker.js', import.meta.url);
  // The thread's garbage is short-lived copies of calls and replies: a small young generation
  // collects it often and cheaply instead of letting the process grow by tens of MB first.
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(tsWorkerBootstrap(entry), { eval: true, resourceLimits })
    : new Worker(entry, { resourceLimits });
  worker.unref();
  const pending = new Map<number, { method: string; resolve(value: unknown): void; reject(error: Error): void }>();
  const handles = new Set<StoreHandle>();
  let nextId = 1;

  worker.on('message', (reply: WorkerReply) => {
    const call = pending.get(reply.id);
    if (call === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) call.resolve(decodeValue(call.method, reply.value));
    else call.reject(decodeError(reply.error));
  });

  let dead = false;
  const die = (error: Error) => {
    if (dead) return;
    dead = true;
    if (host === self) host = undefined;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
    const serving = [...handles].some((h) => h.closing === undefined);
    for (const handle of handles) handle.stopped = error;
    if (serving) {
      // The database thread died under a running server: nothing can be saved any more, and a
      // server that acks nothing but stays up hides it. Crash loudly; acks only ever followed
      // commits, so a restart loses nothing.
      queueMicrotask(() => {
        throw error;
      });
    }
  };
  worker.on('error', die);
  worker.on('exit', (code) => die(new Error(`The SQLite thread stopped (exit code ${code})`)));

  const self: Host = {
    request(body, handle) {
      if (handle.stopped) return Promise.reject(handle.stopped);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { method: body.op === 'call' ? body.method : body.op, resolve, reject });
        if (pending.size === 1) worker.ref();
        worker.postMessage({ ...body, id } as WorkerRequest);
      }).then(
        (value) => {
          if (body.op === 'open') handles.add(handle);
          if (body.op === 'close') handles.delete(handle);
          return value;
        },
        (error: unknown) => {
          if (body.op === 'close') handles.delete(handle);
          throw error;
        },
      );
    },
  };
  return self;
}

let nextDb = 1;

/**
 * Opens (creating it when missing) and migrates the SQLite database at `file` on the SQLite
 * thread, and returns the Store that talks to it.
 * @example const store = await createWorkerSqliteStore({ file: './data/pasokh.db' });
 */
export async function createWorkerSqliteStore(options: { file: string; outbox?: boolean }): Promise<Store> {
  host ??= startHost();
  const thread = host;
  const db = nextDb++;
  const handle: StoreHandle = {};
  const waiting = new Set<Promise<unknown>>();
  await thread.request({ op: 'open', db, file: options.file, outbox: options.outbox === true }, handle);

  function call(method: StoreMethod, args: unknown[]): Promise<unknown> {
    if (handle.closing !== undefined) return Promise.reject(new Error('The store is closed.'));
    const reply = thread.request({ op: 'call', db, method, args }, handle);
    waiting.add(reply);
    const forget = () => waiting.delete(reply);
    reply.then(forget, forget);
    return reply;
  }

  const close = (): Promise<void> => {
    handle.closing ??= (async () => {
      // Calls already made are answered first: closing under a running transaction would lose it.
      await Promise.allSettled(waiting);
      if (handle.stopped) return;
      await thread.request({ op: 'close', db }, handle);
    })();
    return handle.closing;
  };

  return new Proxy({} as Store, {
    get(_target, property) {
      if (property === 'close') return close;
      // `then` must stay undefined, or `await store` would take the store for a promise.
      if (typeof property !== 'string' || property === 'then') return undefined;
      return (...args: unknown[]) => call(property as StoreMethod, args);
    },
  });
}
