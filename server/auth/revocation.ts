/**
 * Ending a session ends its sockets, on every process, whoever ended it: the console API, a
 * logout, or `pasokh agent disable` run as another process against the same database. The
 * database is the one place all of them write to, so each process reads it back: every agent
 * event checks its session (cached for at most `cacheMs`), and a sweep disconnects the sockets
 * whose session is gone even when they send nothing and only listen.
 */
import type { Logger } from 'pino';
import type { AgentRecord, Store } from '../store/store.js';

export interface SessionCheck {
  /**
   * The session's agent while the session exists, has not expired and the agent is enabled;
   * null when it has ended; undefined when the database could not tell (not a revocation).
   */
  current(tokenHash: string): Promise<AgentRecord | null | undefined>;
  isLive(tokenHash: string): Promise<boolean>;
  /** Forgets a cached answer, e.g. right after this process ended the session itself. */
  forget(tokenHash: string): void;
}

/** @param cacheMs how long an answer is trusted. @default 1000 */
export function createSessionCheck(store: Store, cacheMs = 1000): SessionCheck {
  /** `undefined`: the read failed, which is not a revocation. */
  const cache = new Map<string, { at: number; agent: Promise<AgentRecord | null | undefined> }>();

  async function read(tokenHash: string): Promise<AgentRecord | null> {
    const session = await store.findSession(tokenHash);
    if (!session || Date.parse(session.expiresAt) <= Date.now()) return null;
    const agent = await store.getAgent(session.agentId);
    return agent && !agent.disabled ? agent : null;
  }

  function lookup(tokenHash: string): Promise<AgentRecord | null | undefined> {
    const cached = cache.get(tokenHash);
    if (cached && Date.now() - cached.at < cacheMs) return cached.agent;
    if (cache.size >= 10_000) cache.clear();
    const agent = read(tokenHash).catch(() => {
      cache.delete(tokenHash);
      return undefined;
    });
    cache.set(tokenHash, { at: Date.now(), agent });
    return agent;
  }

  return {
    current: lookup,
    // A failed read answers "live" this once; the next check asks again.
    isLive: async (tokenHash) => (await lookup(tokenHash)) !== null,
    forget(tokenHash) {
      cache.delete(tokenHash);
    },
  };
}

/** What the sweep needs of a socket; socket.io's sockets have all of it. */
export interface SessionSocket {
  data: { sessionId?: string };
  disconnect(close?: boolean): unknown;
  emit(event: 'error', error: { code: 'unauthorized'; message: string }): unknown;
}

export const REVOKED = { code: 'unauthorized', message: 'Your session has ended; sign in again.' } as const;

/**
 * Checks the sessions of `sockets()` every `intervalMs` while there are any, and disconnects
 * those that ended, telling them why first. The timer runs only while sockets are connected.
 * @param intervalMs @default 500
 */
export function createRevocationSweep<S extends SessionSocket>(options: {
  sockets: () => Iterable<S>;
  check: SessionCheck;
  logger: Logger;
  /** Called for every socket whose session holds, with its agent as stored now. */
  onLive?: (socket: S, agent: AgentRecord) => void;
  intervalMs?: number;
}) {
  let timer: NodeJS.Timeout | undefined;

  async function sweep(): Promise<void> {
    const all = [...options.sockets()];
    if (all.length === 0) {
      clearInterval(timer);
      timer = undefined;
      return;
    }
    await Promise.all(
      all.map(async (socket) => {
        const sessionId = socket.data.sessionId;
        if (!sessionId) return;
        const agent = await options.check.current(sessionId);
        if (agent === null) return disconnectRevoked(socket);
        if (agent) options.onLive?.(socket, agent);
      }),
    );
  }

  return {
    /** Call when a socket connects: starts the sweep if it is not running. */
    watch(): void {
      timer ??= setInterval(
        () => void sweep().catch((error: unknown) => options.logger.error({ err: error }, 'session sweep failed')),
        options.intervalMs ?? 500,
      );
      timer.unref();
    },
  };
}

export function disconnectRevoked(socket: SessionSocket): void {
  socket.emit('error', REVOKED);
  socket.disconnect(true);
}

/**
 * Refuses every event of a socket whose session has ended (error ack `unauthorized`) and
 * disconnects it. Installed with `socket.use`, after the flood guard.
 */
export function installSessionGuard(
  socket: SessionSocket & { use(fn: (packet: unknown[], next: (error?: Error) => void) => void): unknown },
  check: SessionCheck,
): void {
  socket.use((packet, next) => {
    const sessionId = socket.data.sessionId;
    if (!sessionId) return next();
    void check.isLive(sessionId).then((live) => {
      if (live) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') (ack as (response: object) => void)({ ok: false, error: REVOKED });
      disconnectRevoked(socket);
    });
  });
}
