/**
 * The relay load generator that bench:relay and bench:cluster share: agents and visitors with
 * a conversation each, closed-loop throughput both ways, then open-loop latency at fixed
 * rates. It knows nothing of what serves `url`: one process, a bare relay, or nginx in front of
 * several nodes (then `localAddress` spreads the clients over the nodes).
 */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { newClientId } from '../../protocol/client-ids.js';
import { passiveSocket, type PassiveSocket } from './passive-socket.js';
import { login } from './protocol-client.js';
import { ADMIN } from './server-process.js';

const ACK_TIMEOUT_MS = 10_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Msg {
  conversationId: string;
  clientId: string;
  seq: number;
}

export interface ConnectOptions {
  cookie?: string;
  /** The loopback address to connect from, e.g. 127.0.0.7. */
  localAddress?: string;
}

export function connect(url: string, namespace: '/visitor' | '/agent', options: ConnectOptions = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}${namespace}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(namespace === '/visitor' ? { auth: { site: 'default' } } : {}),
      ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    const timer = setTimeout(() => reject(new Error(`${namespace} did not connect in 20 s`)), 20_000);
    socket.once(namespace === '/visitor' ? 'hello' : 'queue', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Opens `count` connections, 100 at a time; `open` gets the connection's index. */
export async function connectMany<T>(count: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const sockets: T[] = [];
  for (let i = 0; i < count; i += 100)
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, j) => open(i + j)))));
  return sockets;
}

export interface Latency {
  rate: number;
  sent: number;
  received: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ackP99Ms: number;
  /**
   * From the server's /metrics histogram, one process only: the bucket bound that holds the
   * p50 / p99 of the time from a message arriving at the server to its durable commit (when it
   * is relayed and acked). What the server adds; the rest of p99Ms is sockets, kernel and the
   * load process.
   */
  serverCommitMs?: { p50AtMost: number; p99AtMost: number };
}

/** Cumulative bucket counts of pasokh_message_commit_seconds, by upper bound in ms. */
async function commitHistogram(url: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const m of text.matchAll(/^pasokh_message_commit_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)) {
    buckets.set(m[1] === '+Inf' ? Infinity : Number(m[1]) * 1000, Number(m[2]));
  }
  return buckets;
}

function histogramQuantile(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  for (const [bound, count] of after) if (count - (before.get(bound) ?? 0) >= q * total) return bound;
  return Infinity;
}

export interface LoadOptions {
  /** Where clients connect: the server, or the proxy in front of the nodes. */
  url: string;
  /** Whether agents sign in (Pasokh) or not (the bare relay). */
  signIn: boolean;
  visitors: number;
  agents: number;
  phaseMs: number;
  lowRate: number;
  fixedRate: number;
  fixedRatePhaseMs: number;
  /** The processes whose RSS is read as the fixed-rate phase ends. */
  pids: number[];
  /** A server's own URL whose /metrics holds the commit histogram (one-process runs). */
  metricsUrl?: string;
  /** The address client number i connects from; undefined: the system's choice. */
  localAddress?: (i: number) => string | undefined;
  /**
   * Called as each measured window opens; what it returns is called as the window closes, with
   * the messages the window counted (bench:cluster reads CPU per component around each).
   */
  window?: (phase: LoadPhase) => Promise<(messages: number) => Promise<void>>;
}

export type LoadPhase = 'visitorToAgent' | 'agentToVisitor' | 'lowRate' | 'fixedRate';

export interface LoadResult {
  throughput: { visitorToAgent: number; agentToVisitor: number };
  latencyAtFixedRate: Latency;
  /** The same at a rate the machine sustains, where latency is not queueing. */
  latencyAtLowRate: Latency;
  /** RSS of each of `pids` as the fixed-rate phase ends, no collection forced. */
  rssUnderLoadMb: number[];
}

/** Runs the working set against `options.url` and closes every connection it opened. */
export async function runRelayLoad(options: LoadOptions): Promise<LoadResult> {
  const { url, signIn } = options;
  const address = (i: number) => options.localAddress?.(i);
  const opened: Socket[] = [];
  const listenersOpen: PassiveSocket[] = [];
  try {
    const cookies = signIn
      ? await Promise.all(Array.from({ length: options.agents }, () => login(url, ADMIN.email, ADMIN.password)))
      : [];
    // Every agent gets every message (the shared queue). Agent 0 parses, measures and sends
    // the replies; the others only listen, unparsed, so the load process is not what is measured.
    const agent = await connect(url, '/agent', { ...(signIn ? { cookie: cookies.pop()! } : {}), ...addressOption(address(0)) });
    const listeners = await connectMany(options.agents - 1, (i) =>
      passiveSocket(url, '/agent', {
        readyEvent: 'queue',
        ...(signIn ? { cookie: cookies.pop()! } : {}),
        ...addressOption(address(i + 1)),
      }),
    );
    const visitors = await connectMany(options.visitors, (i) =>
      connect(url, '/visitor', addressOption(address(options.agents + i))),
    );
    opened.push(agent, ...visitors);
    listenersOpen.push(...listeners);
    const conversations = await Promise.all(
      visitors.map(async (socket) => {
        const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { clientId: newClientId(), text: 'hello' });
        if (!ack.ok) throw new Error(`first message failed: ${JSON.stringify(ack)}`);
        return ack.conversationId as string;
      }),
    );
    const meter = createMeter(agent, visitors);
    const visitorToAgent = await closedLoop(
      options,
      'visitorToAgent',
      visitors.map((socket) => ({ socket, payload: () => ({ clientId: newClientId(), text: 'How do I return an item?' }) })),
      () => meter.atAgent,
    );
    const agentToVisitor = await closedLoop(
      options,
      'agentToVisitor',
      conversations.map((conversationId) => ({
        socket: agent,
        payload: () => ({ conversationId, clientId: newClientId(), text: 'Here is how to return it.' }),
      })),
      () => meter.atVisitors,
    );
    const low = await atRate(options, 'lowRate', visitors, meter, options.lowRate, options.phaseMs);
    const fixed = await atRate(options, 'fixedRate', visitors, meter, options.fixedRate, options.fixedRatePhaseMs);
    return {
      throughput: { visitorToAgent, agentToVisitor },
      latencyAtFixedRate: fixed.latency,
      latencyAtLowRate: low.latency,
      rssUnderLoadMb: fixed.rssAtEnd.map((bytes) => round(bytes / 2 ** 20, 1)),
    };
  } finally {
    for (const socket of opened) socket.disconnect();
    for (const listener of listenersOpen) listener.close();
  }
}

function addressOption(localAddress: string | undefined): { localAddress?: string } {
  return localAddress ? { localAddress } : {};
}

/** Deliveries counted at agent 0 and at the visitors; latency at agent 0 for messages it timed. */
function createMeter(agent: Socket, visitors: Socket[]) {
  const meter = { atAgent: 0, atVisitors: 0, sentAt: new Map<string, number>(), latencies: [] as number[] };
  agent.on('message:new', (m: Msg) => {
    meter.atAgent++;
    const t = meter.sentAt.get(m.clientId);
    if (t !== undefined) {
      meter.latencies.push(performance.now() - t);
      meter.sentAt.delete(m.clientId);
    }
  });
  for (const v of visitors) v.on('message:new', () => meter.atVisitors++);
  return meter;
}

type Meter = ReturnType<typeof createMeter>;

/** Every sender sends as fast as its acks come back; returns deliveries per second. */
async function closedLoop(
  options: LoadOptions,
  phase: LoadPhase,
  senders: { socket: Socket; payload: () => object }[],
  count: () => number,
): Promise<number> {
  let running = true;
  const loops = senders.map(async ({ socket, payload }) => {
    while (running)
      await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('message:send', payload())
        .catch(() => {});
  });
  await sleep(300); // warm up
  const closeWindow = await options.window?.(phase);
  const before = count();
  const t0 = performance.now();
  await sleep(options.phaseMs);
  const delivered = count() - before;
  const seconds = (performance.now() - t0) / 1000;
  await closeWindow?.(delivered);
  running = false;
  await Promise.all(loops);
  await sleep(500);
  return Math.round(delivered / seconds);
}

/** Open loop: messages leave on schedule whatever the acks do. */
async function atRate(
  options: LoadOptions,
  phase: LoadPhase,
  visitors: Socket[],
  meter: Meter,
  rate: number,
  phaseMs: number,
): Promise<{ latency: Latency; rssAtEnd: number[] }> {
  meter.latencies.length = 0;
  meter.sentAt.clear();
  const ackLatencies: number[] = [];
  const total = Math.round((rate * phaseMs) / 1000);
  const histogramBefore = options.metricsUrl ? await commitHistogram(options.metricsUrl) : null;
  const closeWindow = await options.window?.(phase);
  const started = performance.now();
  let sent = 0;
  const pending: Promise<unknown>[] = [];
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent++) {
      const socket = visitors[sent % visitors.length]!;
      const clientId = newClientId();
      const t = performance.now();
      meter.sentAt.set(clientId, t);
      pending.push(
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('message:send', { clientId, text: 'Is there a size guide?' })
          .then(
            () => ackLatencies.push(performance.now() - t),
            () => {},
          ),
      );
    }
    await sleep(1);
  }
  await Promise.all(pending);
  await closeWindow?.(total);
  const rssAtEnd = options.pids.map(rssBytes);
  await sleep(500);
  const latencies = [...meter.latencies].sort((a, b) => a - b);
  ackLatencies.sort((a, b) => a - b);
  const histogramAfter = histogramBefore && options.metricsUrl ? await commitHistogram(options.metricsUrl) : null;
  const latency: Latency = {
    rate,
    sent: total,
    received: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? NaN),
    ackP99Ms: round(percentile(ackLatencies, 99)),
    ...(histogramBefore && histogramAfter
      ? {
          serverCommitMs: {
            p50AtMost: histogramQuantile(histogramBefore, histogramAfter, 0.5),
            p99AtMost: histogramQuantile(histogramBefore, histogramAfter, 0.99),
          },
        }
      : {}),
  };
  await sleep(1000);
  return { latency, rssAtEnd };
}
