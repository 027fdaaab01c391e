/**
 * Scaled out, the adapter delivered a room broadcast to this process's own sockets only once
 * Redis had answered its XADD, in a later turn of the event loop than the commit that caused
 * it. A visitor then got its ack in one write and the echo of its message in another, and the
 * agents on the same process got a commit's messages in as many turns as Redis replies came
 * in. Here the entry is queued for the stream first (encoded at once, sent with the turn's
 * other commands) and the local sockets get the broadcast in the same turn, as with one
 * process. Other processes get it from the stream as before; order is kept on both paths,
 * since local broadcasts happen in call order and a client's commands reach Redis in order.
 * A message's deliveries (message-relay.ts) come here flagged local, so nothing is published
 * for them; their order with every other broadcast rests on both reaching local sockets in
 * the caller's turn.
 *
 * The stream offset the adapter added to a local broadcast serves connection state recovery
 * only, so with recovery on the adapter is left alone. This reaches into the adapter's
 * internals (`publish`, and the in-memory broadcast it inherits), so it only wraps an adapter
 * whose fields look as expected; tests/integration/idle-applies.test.ts checks they still do.
 */
import type { Adapter, BroadcastOptions } from 'socket.io-adapter';

/** socket.io-adapter's MessageType.BROADCAST (a dependency of socket.io, not of Pasokh). */
const BROADCAST = 3;

type Packet = Parameters<Adapter['broadcast']>[0];

interface Internals {
  publish?: (message: { type: number; data: unknown }) => void;
}

const wrapped = new WeakSet<object>();
/** True once `adapter` delivers to its own sockets before Redis answers. */
export const deliversLocallyFirst = (adapter: object) => wrapped.has(adapter);

/** The in-memory adapter's broadcast: the local delivery the cluster adapter ends with. */
function localBroadcast(adapter: Adapter): Adapter['broadcast'] | undefined {
  // RedisStreamsAdapter -> ClusterAdapter -> the in-memory Adapter.
  const inMemory = Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(adapter))) as Partial<Adapter> | null;
  return typeof inMemory?.broadcast === 'function' && inMemory.constructor.name === 'Adapter' ? inMemory.broadcast : undefined;
}

export function deliverLocallyFirst(adapter: Adapter): void {
  const { publish } = adapter as unknown as Internals;
  const local = localBroadcast(adapter);
  if (typeof publish !== 'function' || !local || adapter.nsp.server.opts.connectionStateRecovery) return;
  wrapped.add(adapter);
  adapter.broadcast = (packet: Packet, opts: BroadcastOptions) => {
    if (!opts.flags?.local) {
      // The options as the cluster adapter encodes them (sets as arrays).
      const encoded = { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags };
      publish.call(adapter, { type: BROADCAST, data: { packet, opts: encoded } });
    }
    local.call(adapter, packet, opts);
  };
}
