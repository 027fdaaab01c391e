/**
 * One system call per socket per turn of the event loop. ws writes every frame by itself, and
 * engine.io holds a socket's further packets until its previous write completes: a group commit
 * fanned out to twenty agents, each message followed by its ack, cost a writev per frame per
 * socket. Here the first frame a socket sends in a turn of the event loop corks its TCP socket
 * until the turn's I/O is handled, and while it is corked engine.io may hand over more packets
 * at once, so everything the turn sends to a socket leaves in one writev. Frames and their order
 * are unchanged, and every write still completes with its callback.
 *
 * This reaches into internals (ws's `_socket`, engine.io's `writable` gate), so it runs only on
 * the majors it was measured against (KNOWN_MAJORS) and only where those fields look as
 * expected; anything else leaves the transport alone, slower but correct.
 * tests/integration/write-batching.test.ts fails when an upgrade changes them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Socket as TcpSocket } from 'node:net';
import { dirname, join } from 'node:path';
import type { Server } from 'socket.io';

interface WebSocketTransport {
  name: string;
  writable: boolean;
  send(packets: unknown[]): void;
  /** The ws WebSocket, whose `_socket` is the TCP socket (ws's own field, not public API). */
  socket?: { _socket?: TcpSocket };
}

/** The majors whose internals this was written and measured against. */
export const KNOWN_MAJORS: Readonly<Record<'engine.io' | 'ws', number>> = { 'engine.io': 6, ws: 8 };

/** The version of `name` as `from` resolves it, read from its package.json (neither exports it). */
function resolvedVersion(from: NodeJS.Require, name: string): string | undefined {
  let dir = dirname(from.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return manifest.version;
    } catch {
      // no package.json at this level
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The engine.io and ws that this socket.io runs on. */
export function installedVersions(): { 'engine.io'?: string; ws?: string } {
  try {
    const fromSocketIo = createRequire(createRequire(import.meta.url).resolve('socket.io'));
    const engine = createRequire(fromSocketIo.resolve('engine.io'));
    return { 'engine.io': resolvedVersion(fromSocketIo, 'engine.io'), ws: resolvedVersion(engine, 'ws') };
  } catch {
    return {};
  }
}

/** True when both packages are on the majors in KNOWN_MAJORS. */
export function internalsKnown(versions: { 'engine.io'?: string; ws?: string } = installedVersions()): boolean {
  return (Object.keys(KNOWN_MAJORS) as (keyof typeof KNOWN_MAJORS)[]).every(
    (name) => Number(versions[name]?.split('.')[0]) === KNOWN_MAJORS[name],
  );
}

const patched = new WeakSet<object>();

/** True once `transport` sends through the per-turn cork. */
export function isBatched(transport: object): boolean {
  return patched.has(transport);
}

function corkPerTurn(transport: WebSocketTransport): void {
  if (transport.name !== 'websocket' || patched.has(transport)) return;
  const tcp = transport.socket?._socket;
  if (typeof tcp?.cork !== 'function' || typeof tcp.uncork !== 'function' || typeof transport.writable !== 'boolean') return;
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

/**
 * Installs the batching on every connection of `io`, present and future, and on upgrades.
 * Returns false, installing nothing, when engine.io or ws is not a major it knows.
 */
export function batchSocketWrites(io: Server, known: boolean = internalsKnown()): boolean {
  if (!known) return false;
  io.engine.on(
    'connection',
    (connection: {
      transport: WebSocketTransport;
      on(event: 'upgrade', listener: (transport: WebSocketTransport) => void): void;
    }) => {
      corkPerTurn(connection.transport);
      connection.on('upgrade', corkPerTurn);
    },
  );
  return true;
}
