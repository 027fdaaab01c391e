/**
 * A listen-only Socket.IO client that speaks just enough of the wire protocol (Engine.IO v4
 * over a WebSocket: open, namespace connect, ping → pong) and never parses an event. The load
 * process can then hold thousands of idle visitors, or agents that only receive, without its
 * own CPU becoming what the benchmark measures.
 */
import WebSocket from 'ws';

export interface PassiveSocket {
  /** Frames received whose event name is `event`. */
  count(event: string): number;
  close(): void;
}

/**
 * Connects to `namespace` and resolves once `readyEvent` (e.g. "hello", "queue") arrived.
 * @example await passiveSocket('http://127.0.0.1:8787', '/visitor', { auth: { site: 'default' }, readyEvent: 'hello' })
 */
export function passiveSocket(
  url: string,
  namespace: string,
  options: { auth?: object; cookie?: string; readyEvent: string; timeoutMs?: number; localAddress?: string },
): Promise<PassiveSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    ...(options.cookie ? { headers: { cookie: options.cookie } } : {}),
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  const counts = new Map<string, number>();
  const prefix = `42${namespace},["`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`${namespace} gave no "${options.readyEvent}" in time`));
    }, options.timeoutMs ?? 20_000);
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on('message', (data) => {
      const frame = data.toString();
      if (frame === '2') return ws.send('3');
      if (frame.startsWith('0')) return ws.send(`40${namespace},${options.auth ? JSON.stringify(options.auth) : ''}`);
      if (frame.startsWith(`44${namespace}`)) {
        clearTimeout(timer);
        return reject(new Error(`${namespace} refused: ${frame}`));
      }
      if (!frame.startsWith(prefix)) return;
      const event = frame.slice(prefix.length, frame.indexOf('"', prefix.length));
      counts.set(event, (counts.get(event) ?? 0) + 1);
      if (event === options.readyEvent && counts.get(event) === 1) {
        clearTimeout(timer);
        resolve({ count: (name) => counts.get(name) ?? 0, close: () => ws.close() });
      }
    });
  });
}
