/**
 * Coming back after the server turned a connection away. socket.io retries a dropped transport
 * by itself, but not a refusal from the server's middleware (`connect_error` with `err.data`),
 * nor a socket the server disconnected on purpose: those would stay offline until a reload.
 * This schedules the next `connect()` with jittered backoff, never sooner than the server's
 * `retryAfterMs`, so a crowd refused after a restart comes back spread out.
 */
import { backoffDelay, sleep as realSleep, type BackoffOptions } from './backoff.js';

/** What the server said when it refused a connection (`err.data` of `connect_error`). */
export interface Refusal {
  code?: string;
  message?: string;
  /** The server's "not before": the least delay before the next try, in ms. */
  retryAfterMs?: number;
}

/** Reads the refusal out of a `connect_error`; an empty object when the error carries none. */
export function refusalOf(error: unknown): Refusal {
  const data = error && (error as { data?: Refusal }).data;
  return data && typeof data === 'object' ? data : {};
}

export interface ReconnectorOptions extends BackoffOptions {
  /** Opens the connection again (socket.connect()). */
  connect(): void;
  sleep?: (ms: number) => Promise<void>;
}

export interface Reconnector {
  /** Schedules one reconnect unless one is already waiting; returns its delay (or null). */
  schedule(refusal?: Refusal): number | null;
  /** The connection is up: the next refusal starts again from the shortest delay. */
  connected(): void;
  /** No more reconnects (signed out, widget closed). */
  stop(): void;
}

/** Creates the scheduler described above; its first delay is about 1 s. */
export function createReconnector(options: ReconnectorOptions): Reconnector {
  const { connect, sleep = realSleep, baseMs = 1000, maxMs, random } = options;
  let attempt = 0;
  let waiting = false;
  let stopped = false;
  return {
    schedule(refusal = {}) {
      if (waiting || stopped) return null;
      // The server's hint counts only if it is a sane number: a bad one must not stop retries.
      const hint = Number(refusal.retryAfterMs);
      const delay = Math.max(hint >= 0 && hint < 3_600_000 ? hint : 0, backoffDelay(attempt++, { baseMs, maxMs, random }));
      waiting = true;
      void sleep(delay).then(() => {
        waiting = false;
        if (!stopped) connect();
      });
      return delay;
    },
    connected() {
      attempt = 0;
    },
    stop() {
      stopped = true;
    },
  };
}
