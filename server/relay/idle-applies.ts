/**
 * Every process reads every entry of the shared Redis stream. The adapter decodes each one
 * before it looks at who wrote it, so a process decoded its own entries only to drop them, and
 * it encoded every broadcast for a WebSocket frame before looking for a recipient, so a room
 * with nobody on this process (a visitor connected to another one) cost an encoding anyway.
 * With N processes that is N - 1 wasted applies of each entry. Here both are skipped before
 * the work: an entry this process wrote, and a broadcast without acknowledgements to rooms none
 * of whose sockets are here. What reaches a socket, and in what order, is unchanged: the
 * adapter would have done nothing with either. A message's `message:relay` entry is a
 * server-side event, not a broadcast: only the first skip applies to it, and the relay checks
 * its two rooms itself (message-relay.ts).
 *
 * This reaches into the adapter's internals (its `uid`, `onRawMessage`, `onMessage` and
 * `rooms`), so it only wraps an adapter whose fields look as expected; any other is left
 * alone, slower but correct. tests/integration/idle-applies.test.ts fails when an upgrade
 * changes them.
 */
import type { Adapter } from 'socket.io-adapter';

/** socket.io-adapter's MessageType.BROADCAST (a dependency of socket.io, not of Pasokh). */
const BROADCAST = 3;

interface StreamEntry {
  uid?: unknown;
}

interface ClusterMessage {
  type?: unknown;
  data?: { requestId?: unknown; opts?: { rooms?: unknown } };
}

interface Internals {
  uid?: unknown;
  rooms?: unknown;
  onRawMessage?: (entry: StreamEntry, offset: string) => unknown;
  onMessage?: (message: ClusterMessage, offset?: string) => unknown;
}

/** A broadcast that expects no acknowledgements, to rooms none of which has a socket here. */
export function nobodyHere(rooms: ReadonlyMap<string, unknown>, message: ClusterMessage): boolean {
  if (message.type !== BROADCAST || message.data?.requestId !== undefined) return false;
  const targets = message.data?.opts?.rooms;
  // No rooms means every socket of the namespace.
  if (!Array.isArray(targets) || targets.length === 0) return false;
  return targets.every((room) => !rooms.has(room as string));
}

/** True once `adapter` skips its idle applies. */
const wrapped = new WeakSet<object>();
export const skipsIdleApplies = (adapter: object) => wrapped.has(adapter);

/** Makes `adapter` skip the applies that would do nothing (when its internals are as expected). */
export function skipIdleApplies(adapter: Adapter): void {
  const internals = adapter as unknown as Internals;
  const { uid, rooms, onRawMessage, onMessage } = internals;
  if (typeof uid !== 'string' || !(rooms instanceof Map) || typeof onRawMessage !== 'function' || typeof onMessage !== 'function')
    return;
  // The session of a recovering client is rebuilt from the stream, not from local applies,
  // but with recovery on the adapter also numbers what it applies: leave that path alone.
  if (adapter.nsp.server.opts.connectionStateRecovery) return;
  wrapped.add(adapter);
  internals.onRawMessage = (entry, offset) => (entry.uid === uid ? undefined : onRawMessage.call(adapter, entry, offset));
  internals.onMessage = (message, offset) =>
    nobodyHere(rooms as Map<string, unknown>, message) ? undefined : onMessage.call(adapter, message, offset);
}
