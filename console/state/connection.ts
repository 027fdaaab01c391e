/**
 * The /agent socket's lifecycle: open it, tell the UI how it stands, and come back after the
 * server turned it away (client/reconnect.ts: socket.io itself does not retry a middleware
 * refusal). A refusal that means "signed out" ends the session instead.
 */
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { Ack, AgentClientToServer, AgentServerToClient } from '../../protocol/events.js';
import { createReconnector, refusalOf, type Reconnector, type ReconnectorOptions } from '../../client/reconnect.js';
import { errorText } from '../lib/error-text.js';
import type { Store } from './store.js';
import type { ConsoleState } from './state.js';

export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;
export type OpenSocket = (path: string, options: Partial<ManagerOptions & SocketOptions>) => AgentSocket;

/** How long we wait for an ack before treating the attempt as lost. */
export const ACK_TIMEOUT_MS = 10_000;

export interface ConnectionDeps {
  store: Store<ConsoleState>;
  open: OpenSocket;
  /** Registers the event handlers of a new socket. */
  bind(socket: AgentSocket): void;
  /** The socket is up (again). */
  onConnect(): void;
  /** The socket is down. */
  onDisconnect(): void;
  /** The server refused the session (signed out elsewhere, disabled). */
  onSignedOut(): void;
  /** The server hung up on purpose: resolves true when the session is still good. */
  sessionAlive(): Promise<boolean>;
  /** For tests: the reconnect timing. */
  timing?: Pick<ReconnectorOptions, 'sleep' | 'random'>;
}

export interface Connection {
  start(): void;
  stop(): void;
  connected(): boolean;
  /** Runs one request; offline, a timeout or a throw become an `internal` refusal. */
  ack<T extends object>(emit: (socket: AgentSocket) => Promise<Ack<T>>, offlineMessage: string): Promise<Ack<T>>;
  /** Sends a signal without an ack; false when not connected. */
  signal(emit: (socket: AgentSocket) => void): boolean;
}

export function createConnection(deps: ConnectionDeps): Connection {
  const { store } = deps;
  let socket: AgentSocket | null = null;

  function listen(s: AgentSocket): Reconnector {
    // One per socket: a stopped one (sign-out) must not hold back the next session's.
    const reconnector = createReconnector({ connect: () => s.connect(), ...deps.timing });
    s.on('connect', () => {
      reconnector.connected();
      store.set({ connection: 'online' });
      deps.onConnect();
    });
    s.on('disconnect', (reason) => {
      store.set({ connection: 'offline' });
      deps.onDisconnect();
      // The server ended this socket on purpose (e.g. the agent was disabled): find out why.
      if (reason === 'io server disconnect') void deps.sessionAlive().then((alive) => alive && reconnector.schedule());
    });
    s.on('connect_error', (err) => {
      const refusal = refusalOf(err);
      if (refusal.code === 'unauthorized' || refusal.code === 'forbidden') {
        store.set({ connection: 'offline' });
        deps.onSignedOut();
        return;
      }
      // socket.io retries a failed transport itself, but not a refusal by the server's middleware.
      store.set({ connection: s.active ? 'offline' : 'reconnecting' });
      if (!s.active) reconnector.schedule(refusal);
    });
    return reconnector;
  }
  let reconnector: Reconnector | null = null;

  return {
    start() {
      const s = deps.open('/agent', { withCredentials: true });
      socket = s;
      store.set({ connection: 'connecting' });
      reconnector = listen(s);
      deps.bind(s);
    },
    stop() {
      reconnector?.stop();
      const s = socket;
      socket = null;
      s?.removeAllListeners();
      s?.disconnect();
    },
    connected: () => socket?.connected === true,
    async ack(emit, offlineMessage) {
      if (!socket?.connected) return { ok: false, error: { code: 'internal', message: offlineMessage } };
      try {
        return await emit(socket);
      } catch (err) {
        return { ok: false, error: { code: 'internal', message: errorText(err) } };
      }
    },
    signal(emit) {
      if (!socket?.connected) return false;
      emit(socket);
      return true;
    },
  };
}
