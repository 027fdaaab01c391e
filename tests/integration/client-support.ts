/** Faults and waits for tests that drive the shipped clients (widget, console) against a real server. */
import type { Socket } from 'socket.io-client';

/**
 * Makes `socket` lose the live `message:new` whose seq is in `lost` (each once), as a transport
 * that dropped it would. Listeners added later are wrapped too.
 */
export function dropLiveMessages<S extends Socket>(socket: S, lost: Set<number>): S {
  const on = socket.on.bind(socket) as (event: string, listener: (...args: unknown[]) => void) => S;
  (socket as { on: unknown }).on = (event: string, listener: (...args: unknown[]) => void) =>
    on(
      event,
      event === 'message:new'
        ? (message: unknown) => {
            if (lost.delete((message as { seq: number }).seq)) return;
            listener(message);
          }
        : listener,
    );
  return socket;
}

/** Resolves once `condition` holds; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
