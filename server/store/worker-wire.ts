/**
 * What crosses the thread boundary between the SQLite thread (sqlite-worker.ts) and the server
 * (worker-store.ts). Structured clone copies plain data as it is but turns every error into a
 * bare Error, and the relay maps ConflictError and NotFoundError to error codes by class, so
 * errors travel as tagged objects and are rebuilt on arrival.
 */
import { ConflictError, NotFoundError, type Store } from './store.js';

export type StoreMethod = Exclude<keyof Store, 'close'>;

/** One thread serves every SQLite database the process opens; `db` says which. */
export type WorkerRequest =
  | { op: 'open'; id: number; db: number; file: string; outbox: boolean }
  | { op: 'call'; id: number; db: number; method: StoreMethod; args: unknown[] }
  | { op: 'close'; id: number; db: number };

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

export type WireError = { kind: 'conflict' | 'not_found' | 'range' | 'error'; message: string; code?: string };

/** The batch appends report per-item errors inside their results; those need the same care. */
const BATCH_METHODS: ReadonlySet<string> = new Set<StoreMethod>(['appendMessages', 'appendVisitorMessages']);

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

export function encodeError(error: unknown): WireError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ConflictError) return { kind: 'conflict', message };
  if (error instanceof NotFoundError) return { kind: 'not_found', message };
  if (error instanceof RangeError) return { kind: 'range', message };
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { kind: 'error', message, code } : { kind: 'error', message };
}

export function decodeError(wire: WireError): Error {
  switch (wire.kind) {
    case 'conflict':
      return new ConflictError(wire.message);
    case 'not_found':
      return new NotFoundError(wire.message);
    case 'range':
      return new RangeError(wire.message);
    default:
      // Keep a driver's code (SQLITE_BUSY, …): logs and db-errors.ts read it.
      return Object.assign(new Error(wire.message), wire.code === undefined ? {} : { code: wire.code });
  }
}

export function encodeValue(method: string, value: unknown): unknown {
  if (!BATCH_METHODS.has(method)) return value;
  return (value as Outcome[]).map((o) => (o.ok ? o : { ok: false, error: encodeError(o.error) }));
}

export function decodeValue(method: string, value: unknown): unknown {
  if (!BATCH_METHODS.has(method)) return value;
  return (value as Outcome[]).map((o) => (o.ok ? o : { ok: false, error: decodeError(o.error as WireError) }));
}
