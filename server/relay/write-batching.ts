/**
 * One system call per socket per turn of the event loop (issue 4). ws writes every frame by
 * itself, and engine.io holds a socket's further packets until its previous write completes:
 * a group commit fanned out to twenty agents, each message followed by its ack, cost a writev
 * per frame per socket — the relay's largest cost. Here the first frame a socket sends in a
 * turn of the event loop corks its TCP socket until the turn's I/O is handled, and while it is
 * corked engine.io may hand over more packets at once, so everything the turn sends to a socket
 * leaves in one writev. Frames and their order are unchanged, and every write still completes
 * with its callback (engine.io's sent callbacks run as before).
 */
import type { Socket as TcpSocket } from 'node:net';
import type { Server } from 'socket.io';

interface WebSocketTransport {
  name: string;
  writable: boolean;
  send(packets: unknown[]): void;
  /** The ws WebSocket, whose `_socket` is the TCP socket (ws's own field, not public API). */
  socket?: { _socket?: TcpSocket };
}

const patched = new WeakSet<object>();

function corkPerTurn(transport: WebSocketTransport): void {
  if (transport.name !== 'websocket' || patched.has(transport)) return;
  const tcp = transport.socket?._socket;
  // Another ws or engine.io layout: leave the transport as it is, only slower.
  if (typeof tcp?.cork !== 'function' || typeof tcp.uncork !== 'function') return;
  patched.add(transport);
  const send = transport.send.bind(transport);
  let corked = false;
  transport.send = (packets) => {
    if (!corked) {
      corked = true;
      tcp.cork();
      // At the end of this turn's poll phase: every message read and every commit answered in
      // this turn shares the writev, at no wait beyond the turn itself.
      setImmediate(() => {
        corked = false;
        tcp.uncork();
      });
    }
    send(packets);
    // engine.io waits for this write's callback before sending more; while corked nothing is
    // written yet, so more packets may join this writev instead of waiting for the next one.
    transport.writable = true;
  };
}

/** Installs the batching on every connection of `io`, present and future, and on upgrades. */
export function batchSocketWrites(io: Server): void {
  io.engine.on('connection', (connection: { transport: WebSocketTransport; on(event: 'upgrade', listener: (transport: WebSocketTransport) => void): void }) => {
    corkPerTurn(connection.transport);
    connection.on('upgrade', corkPerTurn);
  });
}
