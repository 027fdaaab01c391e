/**
 * A server-side event written to the Redis stream, in order with the room broadcasts. The
 * adapter's own `serverSideEmit` sends it over Redis PUB/SUB instead, which another process
 * reads on a different connection than the stream: it could overtake a broadcast written
 * before it, or fall behind one written after it. Written here as a stream entry in the
 * adapter's own format, with the same Redis client the adapter writes with (so `XADD`s keep
 * call order), it is read in stream order by every other process, where the adapter hands it to
 * the namespace's listeners (`namespace.on(event)`) like any server-side event.
 *
 * This reaches into the adapter's internals (its `uid` and `encode`), and only an adapter that
 * also delivers locally first gets it (otherwise a process's own sockets could get a
 * broadcast after a later event), so callers keep a plain path for `undefined`.
 * tests/integration/idle-applies.test.ts fails when an upgrade changes them.
 */
import type { Adapter } from 'socket.io-adapter';
import { deliversLocallyFirst } from './local-first.js';

/** socket.io-adapter's MessageType.SERVER_SIDE_EMIT (a dependency of socket.io, not of Pasokh). */
const SERVER_SIDE_EMIT = 9;

/** Appends an encoded entry to the stream the adapter reads. */
export type AppendEntry = (entry: Record<string, string>) => void;
export type StreamEmit = (event: string, ...args: unknown[]) => void;

interface Internals {
  uid?: unknown;
  encode?: (message: { uid: string; nsp: string; type: number; data: { packet: unknown[] } }) => Record<string, string>;
}

const emitters = new WeakMap<object, StreamEmit>();

/** Emits a server-side event to every other process through the stream; undefined if `adapter` cannot. */
export const streamEmitter = (adapter: object): StreamEmit | undefined => emitters.get(adapter);

export function enableStreamEmits(adapter: Adapter, append: AppendEntry): void {
  const { uid, encode } = adapter as unknown as Internals;
  if (typeof uid !== 'string' || typeof encode !== 'function' || !deliversLocallyFirst(adapter)) return;
  const nsp = adapter.nsp.name;
  emitters.set(adapter, (event, ...args) =>
    append(encode.call(adapter, { uid, nsp, type: SERVER_SIDE_EMIT, data: { packet: [event, ...args] } })),
  );
}
