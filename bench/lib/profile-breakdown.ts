/**
 * Where a node's CPU went inside one bench window, from the V8 CPU profile the node wrote
 * (`node --cpu-prof`). Each sample's self time goes to the part of the stack that caused it:
 * the nearest frame, walking from the leaf towards the root, that belongs to a package or to
 * the server, so node's own streams, buffers and events count for whoever called them. Socket
 * writes are their own parts, by destination (clients, PostgreSQL, Redis): on loopback a
 * write system call also runs the receiver's side of TCP, and how many a message takes is
 * what batching changes. The shares are applied to the CPU the meter read from /proc, so the
 * parts of a window add up to its measured total.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock, as process.hrtime. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const PARTS = [
  'clientFanOut',
  'clientSocketWrites',
  'messageHandling',
  'postgresClient',
  'postgresSocketWrites',
  'redisClient',
  'redisSocketWrites',
  'clusterAdapter',
  'garbageCollection',
  'other',
] as const;
export type Part = (typeof PARTS)[number];

/** What each part holds, for the bench's output. */
export const PART_NOTES: Record<Part, string> = {
  clientFanOut: 'socket.io, engine.io and ws encoding and queueing frames for clients (the in-memory adapter too)',
  clientSocketWrites: 'write system calls to client sockets (nginx), the per-turn cork included',
  messageHandling: "the server's own code and the validation library: handlers, committer, store, metrics, logging",
  postgresClient: 'pg and kysely: building queries and parsing results',
  postgresSocketWrites: 'write system calls to PostgreSQL',
  redisClient: 'node-redis and rate-limiter-flexible: commands and replies (XADD, XREAD, rate limits)',
  redisSocketWrites: 'write system calls to Redis',
  clusterAdapter: 'the Redis streams adapter and socket.io cluster adapter: encoding and decoding entries',
  garbageCollection: 'V8 garbage collection',
  other: 'node internals with no package above them (timers, the event loop), native code, the tsx loader',
};

const WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString']);

type Owner = Exclude<Part, `${string}SocketWrites` | 'garbageCollection' | 'other'>;

/** The part a frame belongs to, or null for node internals that count for their caller. */
function owner(url: string): Owner | null {
  if (/redis-streams-adapter|socket\.io-adapter\/dist\/cluster|@msgpack/.test(url)) return 'clusterAdapter';
  if (/@redis\/|rate-limiter-flexible|node_modules\/redis\//.test(url)) return 'redisClient';
  if (/node_modules\/(pg|pg-[a-z]+|kysely)\//.test(url)) return 'postgresClient';
  if (/node_modules\/(socket\.io|socket\.io-[a-z]+|engine\.io|engine\.io-parser|ws)\//.test(url)) return 'clientFanOut';
  if (/relay\/write-batching/.test(url)) return 'clientFanOut';
  if (/\/(server|protocol)\/|node_modules\/(valibot|zod|pino|fastify|@fastify)/.test(url)) return 'messageHandling';
  return null;
}

const WRITE_PART: Record<Owner, Part> = {
  clientFanOut: 'clientSocketWrites',
  messageHandling: 'clientSocketWrites', // HTTP replies
  postgresClient: 'postgresSocketWrites',
  redisClient: 'redisSocketWrites',
  clusterAdapter: 'redisSocketWrites',
};

/** The part of every profile node, found once per node. */
function partsOf(profile: CpuProfile): Map<number, Part | 'idle'> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const parts = new Map<number, Part | 'idle'>();
  for (const n of profile.nodes) {
    const name = n.callFrame.functionName;
    if (name === '(idle)') parts.set(n.id, 'idle');
    else if (name === '(garbage collector)') parts.set(n.id, 'garbageCollection');
    else {
      let found: Owner | null = null;
      for (let id: number | undefined = n.id; id !== undefined && !found; id = parent.get(id))
        found = owner(byId.get(id)!.callFrame.url);
      parts.set(n.id, found === null ? 'other' : WRITES.has(name) ? WRITE_PART[found] : found);
    }
  }
  return parts;
}

/** Busy microseconds per part between `from` and `to` (monotonic µs). */
export function partsBetween(profile: CpuProfile, from: number, to: number): Record<Part, number> {
  const parts = partsOf(profile);
  const out = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const part = parts.get(id);
    if (at >= from && at < to && part && part !== 'idle') out[part] += delta;
  });
  return out;
}

/** The main thread's profile of process `pid` in `dir` (tsx's loader thread writes another). */
export function readProfile(dir: string, pid: number): CpuProfile | null {
  const name = readdirSync(dir).find((f) => new RegExp(`^CPU\\.\\d+\\.\\d+\\.${pid}\\.0\\.\\d+\\.cpuprofile$`).test(f));
  return name ? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile) : null;
}

/** `cpuSeconds` split by the profile's shares, as CPU-seconds per 1,000 messages. */
export function attribute(busy: Record<Part, number>, cpuSeconds: number, messages: number): Record<Part, number> {
  const total = PARTS.reduce((sum, p) => sum + busy[p], 0);
  return Object.fromEntries(
    PARTS.map((p) => [p, total > 0 ? Math.round(((cpuSeconds * busy[p]) / total / messages) * 1e6) / 1e3 : 0]),
  ) as Record<Part, number>;
}

/** Monotonic microseconds, the clock V8's profiles use. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
