/**
 * Where `message:new` goes: the visitor's tabs (not for an internal note) and the site's
 * agents, two rooms in two namespaces. Through the cluster adapter each room broadcast is a
 * stream entry that every other process reads and decodes, so a message cost two. Scaled out,
 * the process that saved the message delivers it to its own sockets in both rooms at once and
 * writes one entry for the others, a `message:relay` server-side event in the stream
 * (stream-emit.ts), on which each of them does the same two local deliveries. Order holds as
 * before: local deliveries happen in call order, like every broadcast's (local-first.ts), and
 * the entry sits in the one stream among the broadcasts written before and after it.
 */
import type { Message } from '../../protocol/types.js';
import type { AgentNamespace, VisitorNamespace } from './deps.js';
import { rooms } from './rooms.js';
import { streamEmitter } from './stream-emit.js';

/** `visitorId` null: an internal note, for the agents only. */
export type MessageRelay = (message: Message, to: { visitorId: string | null; site: string }) => void;

interface Entry {
  message: Message;
  visitorRoom: string | null;
  agentsRoom: string;
}

/** One relay per pair of namespaces: other processes' entries must be listened to once. */
const relays = new WeakMap<AgentNamespace, MessageRelay>();

export function messageRelay(agents: AgentNamespace, visitors: VisitorNamespace): MessageRelay {
  let relay = relays.get(agents);
  if (!relay) {
    relay = createRelay(agents, visitors);
    relays.set(agents, relay);
  }
  return relay;
}

function createRelay(agents: AgentNamespace, visitors: VisitorNamespace): MessageRelay {
  const entryOf = (message: Message, to: { visitorId: string | null; site: string }): Entry => ({
    message,
    visitorRoom: to.visitorId === null ? null : rooms.visitor(to.visitorId),
    agentsRoom: rooms.agentsOf(to.site),
  });
  const emit = streamEmitter(agents.adapter);
  // One process, or an adapter that cannot: a broadcast per room, as Socket.IO does it.
  if (!emit || !streamEmitter(visitors.adapter)) {
    return (message, to) => {
      const { visitorRoom, agentsRoom } = entryOf(message, to);
      if (visitorRoom) visitors.to(visitorRoom).emit('message:new', message);
      agents.to(agentsRoom).emit('message:new', message);
    };
  }
  // A room with nobody here costs no encoding.
  const deliver = ({ message, visitorRoom, agentsRoom }: Entry) => {
    if (visitorRoom && visitors.adapter.rooms.has(visitorRoom)) visitors.local.to(visitorRoom).emit('message:new', message);
    if (agents.adapter.rooms.has(agentsRoom)) agents.local.to(agentsRoom).emit('message:new', message);
  };
  agents.on('message:relay', deliver);
  return (message, to) => {
    const entry = entryOf(message, to);
    emit('message:relay', entry);
    deliver(entry);
  };
}
